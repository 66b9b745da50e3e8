"""``faultline ingest``: read articles and store them, with progress and a summary."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from faultline.cli.common import DbOption, FormatOption, parse_published
from faultline.cli.output import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Format,
    clean_errors,
    emit_records,
    err,
    out,
    records_table,
    short_id,
)
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.models import IngestOutcome, IngestSummary
from faultline.pipeline import ReadOptions, ingest, list_inputs
from faultline.store import Store

# Above this many articles the per-article table is left out of the summary.
_LIST_LIMIT = 40


def ingest_cli(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, folders (recursive) or - for stdin."),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date YYYY-MM-DD for every input; wins over dates found in the "
            "text (use it for date lines with no year).",
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest single article file accepted.")
    ] = DEFAULT_MAX_BYTES,
    fmt: FormatOption = Format.table,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only the summary line and errors.")
    ] = False,
    no_extract: Annotated[
        bool,
        typer.Option(
            "--no-extract",
            help="Store the articles only; a later ingest without it adds their events.",
        ),
    ] = False,
) -> None:
    """Read articles (txt, md, html, jsonl, RSS/Atom, folders, stdin), extract their events
    and store both, one transaction per article."""
    options = ReadOptions(published=parse_published(published), max_bytes=max_bytes)
    with clean_errors(), Store.open(db) as store:
        inputs = list_inputs(paths)
        show = not quiet and fmt is Format.table
        summary = _run_with_progress(inputs, store, options, show=show, extract=not no_extract)
        _report(summary, fmt, quiet, store.url)
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _run_with_progress(
    inputs, store: Store, options: ReadOptions, *, show: bool, extract: bool
) -> IngestSummary:
    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[articles]} articles"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("ingest", total=len(inputs), articles=0)
        seen: set[str] = set()

        def advance(path: str, _outcome: IngestOutcome | None) -> None:
            if path not in seen:
                seen.add(path)
                progress.update(task, completed=len(seen) - 1)
            progress.update(task, articles=progress.tasks[0].fields["articles"] + 1)

        summary = ingest(inputs, store, options, on_progress=advance, extract=extract)
        progress.update(task, completed=len(inputs))
    return summary


def _report(summary: IngestSummary, fmt: Format, quiet: bool, where: str) -> None:
    for failure in summary.failed:
        err.print(
            f"[red]failed:[/red] {failure.location}: [{failure.error_code}] {failure.message}",
            highlight=False,
            soft_wrap=True,
        )
    rows = [_outcome_row(o, fmt_full=fmt is not Format.table) for o in summary.outcomes]
    columns = ["status", "article", "events", "title", "input"]
    if fmt is not Format.table:
        emit_records(rows, fmt, columns=[*columns, "error"])
        return
    stored = [r for r in rows if r["status"] != "failed"]
    if not quiet and 0 < len(stored) <= _LIST_LIMIT:
        out.print(records_table(stored, columns))
    counts = {s: summary.count(s) for s in ("new", "updated", "unchanged", "failed")}
    updated = f"updated {counts['updated']} · " if counts["updated"] else ""
    out.print(
        f"read [bold]{summary.read}[/bold] · new [green]{counts['new']}[/green] · {updated}"
        f"unchanged {counts['unchanged']} · failed [red]{counts['failed']}[/red] · "
        f"events stored {summary.events} → {where}",
        highlight=False,
    )
    if counts["unchanged"] == summary.read:
        out.print("Nothing changed: every article was already stored.", highlight=False)


def _outcome_row(outcome: IngestOutcome, *, fmt_full: bool) -> dict[str, object]:
    return {
        "status": outcome.status,
        "article": outcome.article_id if fmt_full else short_id(outcome.article_id),
        "events": outcome.events,
        "title": outcome.title,
        "input": outcome.location,
        "error": f"[{outcome.error_code}] {outcome.message}" if outcome.error_code else None,
    }
