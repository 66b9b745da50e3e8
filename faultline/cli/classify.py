"""``faultline classify``: type event snippets read from stdin, one per line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Annotated, Any, TextIO

import typer

from faultline.cli.output import EXIT_OK, Format, clean_errors, emit_records, out
from faultline.models import Typing

COLUMNS = (
    "text",
    "event_type",
    "mode",
    "contexts",
    "acled_event_type",
    "acled_sub_event_type",
    "confidence",
)
# Snippets are typed in batches: one embedding call per batch, while output still streams.
_BATCH = 256


def classify_cli(
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="json (default): one JSON object per line, as does jsonl; or table, csv.",
        ),
    ] = Format.json,
) -> None:
    """Read one snippet per line on stdin; print its PLOVER type, mode, contexts and ACLED type.

    Blank lines are skipped. Example:

        echo "Rebels shelled the outskirts of Goma." | faultline classify
    """
    from faultline.events.classify import classify_many  # loads the model: only when run

    with clean_errors():
        rows: list[dict[str, Any]] = []
        for batch in _batches(sys.stdin):
            typings = classify_many([(text, None) for text in batch])
            records = [typing_record(t, ty) for t, ty in zip(batch, typings, strict=True)]
            if fmt in (Format.json, Format.jsonl):
                emit_records(records, Format.jsonl, columns=COLUMNS)
                sys.stdout.flush()
            else:
                rows.extend(records)
        if fmt is Format.csv:
            emit_records(rows, fmt, columns=COLUMNS)
        elif fmt is Format.table:
            table_rows = [{**r, "contexts": ", ".join(r["contexts"])} for r in rows]
            emit_records(table_rows, fmt, columns=COLUMNS, title="event typing")
            out.print(f"{len(rows)} snippets", highlight=False)
    raise typer.Exit(EXIT_OK)


def typing_record(text: str, typing: Typing) -> dict[str, Any]:
    """The CLI's JSON object for one snippet (the keys of the command-line contract)."""
    return {
        "text": text,
        "event_type": typing.event_type,
        "mode": typing.mode,
        "contexts": list(typing.contexts),
        "acled_event_type": typing.acled.event_type if typing.acled else None,
        "acled_sub_event_type": typing.acled.sub_event_type if typing.acled else None,
        "confidence": typing.confidence,
    }


def _batches(stream: TextIO) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in stream:
        text = line.strip()
        if text:
            batch.append(text)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
