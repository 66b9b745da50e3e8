"""``faultline eval``: run the extractor on a gold file's articles and score the facts."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from faultline.cli.common import FormatOption
from faultline.cli.output import EXIT_OK, Format, clean_errors, emit_records, err, labelled, out
from faultline.errors import FaultlineError
from faultline.eval.gold import Report, iter_files, load_gold, score


def eval_cli(
    gold_file: Annotated[
        Path,
        typer.Argument(metavar="GOLD.json", help="Gold facts file (see corpus/gold/README.md)."),
    ],
    seeds_dir: Annotated[
        Path | None,
        typer.Option(
            "--seeds-dir",
            help="Folder holding the gold file's articles (default: ../seeds beside its folder).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Score the events extracted from each gold article against its facts (PASS/FAIL, why)."""
    with clean_errors():
        gold = load_gold(gold_file)
        folder = seeds_dir or gold_file.resolve().parent.parent / "seeds"
        events_by_file, texts_by_file = _extract_all(gold, folder)
        report = score(gold, events_by_file, texts_by_file)
    _print(report, fmt)
    raise typer.Exit(EXIT_OK)


def _extract_all(
    gold: dict[str, Any], folder: Path
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Events and text per gold file; an unreadable article is reported and scores nothing."""
    # Imported here: the extractor loads spaCy and the models, which `--help` should not pay for.
    from faultline.events import extract_events

    events_by_file: dict[str, list[dict[str, Any]]] = {}
    texts_by_file: dict[str, str] = {}
    for name, published in iter_files(gold):
        try:
            extracted = extract_events([str(folder / name)], _published(published))
        except FaultlineError as exc:
            err.print(labelled("error", f"{name}: {exc}"), highlight=False, soft_wrap=True)
            continue
        for article, events in extracted:
            events_by_file.setdefault(name, []).extend(events)
            texts_by_file.setdefault(name, article.text)
    return events_by_file, texts_by_file


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err.print(labelled("warning", f"published {value!r} is not YYYY-MM-DD; ignored", "yellow"))
        return None


def _print(report: Report, fmt: Format) -> None:
    if fmt is Format.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    rows = [_row(r.file, r.id, r.passed, r.reason) for r in report.results]
    if fmt is not Format.table:
        emit_records(rows, fmt, columns=["file", "fact", "result", "why"])
        return
    out.print(_table(report))
    out.print(f"score: {report.score}", highlight=False)


def _row(file: str, fact: str, passed: bool, reason: str) -> dict[str, Any]:
    return {"file": file, "fact": fact, "result": "PASS" if passed else "FAIL", "why": reason}


def _table(report: Report) -> Table:
    # Reasons wrap rather than being cut: the nearest miss is the point of a failed row.
    table = Table(header_style="bold", box=box.SIMPLE_HEAD)
    table.add_column("article", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("fact", max_width=28, overflow="fold")
    table.add_column("result", no_wrap=True)
    table.add_column("why", overflow="fold")
    for r in report.results:
        verdict = Text("PASS", style="green") if r.passed else Text("FAIL", style="red")
        # Text cells: reasons quote article text, whose brackets are not Rich markup.
        table.add_row(Text(r.file), Text(r.id), verdict, Text(r.reason))
    return table
