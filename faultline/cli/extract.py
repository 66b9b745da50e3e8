"""``faultline extract``: run the whole pipeline on files, print events, store nothing."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from faultline.cli.common import parse_published, read_reporting_failures
from faultline.cli.output import EXIT_SOME_FAILED, Format, clean_errors, emit_records

TABLE_COLUMNS = ["date", "event_type", "acled", "actor", "location", "killed", "summary"]


def extract_cli(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files or folders.")],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD for every input."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="jsonl (one event per line), json or table.")
    ] = Format.jsonl,
) -> None:
    """Extract events from articles without storing anything."""
    from faultline.events.extract import extract_articles  # loads spaCy only when needed
    from faultline.export.event_json import event_to_json

    with clean_errors():
        articles, failed = read_reporting_failures(paths, parse_published(published))
        events = [
            event_to_json(event, article)
            for article, found in extract_articles(articles)
            for event in found
        ]
    _print(events, fmt)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _print(events: list[dict[str, Any]], fmt: Format) -> None:
    if fmt is Format.jsonl:
        for event in events:
            sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(events, ensure_ascii=False, indent=2) + "\n")
    else:
        emit_records(
            [_row(e) for e in events], fmt, columns=TABLE_COLUMNS, title=f"{len(events)} events"
        )


def _row(event: dict[str, Any]) -> dict[str, Any]:
    def names(role: str) -> str:
        return "; ".join(a["name"] for a in event["actors"] if a["role"] == role)

    acled = event["acled"]
    return {
        "date": event["date"]["start"],
        "event_type": event["event_type"] + ("*" if event["background"] else ""),
        "acled": acled["sub_event_type"] if acled else None,
        "actor": names("actor"),
        "recipient": names("recipient"),
        "location": (event["location"] or {}).get("name"),
        "killed": event["counts"]["killed"],
        "modality": event["modality"],
        "summary": event["summary"],
    }
