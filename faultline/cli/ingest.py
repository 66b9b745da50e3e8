"""``faultline ingest``: read articles and store them, with progress and a summary."""

from __future__ import annotations

import contextlib
import os
from typing import Annotated, NoReturn

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from faultline.cli.common import DbOption, FormatOption, parse_published
from faultline.cli.output import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    Format,
    clean_errors,
    emit_records,
    err,
    labelled,
    out,
    records_table,
    short_id,
)
from faultline.errors import InputError, StoreUnavailableError
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.readers import STDIN, ReadMeter
from faultline.models import IngestOutcome, IngestSummary
from faultline.pipeline import ExtractionRunner, ReadOptions, ingest, list_inputs
from faultline.store import Store

# Above this many articles the per-article table is left out of the summary.
_LIST_LIMIT = 40

PathsArgument = Annotated[
    list[str], typer.Argument(metavar="PATH...", help="Files, folders (recursive) or - for stdin.")
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD for every input; wins over dates found in the "
        "text (use it for date lines with no year).",
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Largest single article file accepted.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only the summary line and errors.")
]


def ingest_cli(
    paths: PathsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Extract in this many worker processes (each loads the models once, ~0.7 GB); "
            "this process alone writes the store.",
        ),
    ] = 1,
    fmt: FormatOption = Format.table,
    quiet: QuietOption = False,
    no_extract: Annotated[
        bool,
        typer.Option(
            "--no-extract",
            help="Store the articles only; a later ingest without it adds their events.",
        ),
    ] = False,
) -> None:
    """Read articles (txt, md, html, jsonl, RSS/Atom, folders, stdin), extract their events
    and store both, one transaction per article. JSONL of any size is streamed."""
    options = ReadOptions(published=parse_published(published), max_bytes=max_bytes)
    with clean_errors():
        if workers > 1 and not no_extract:
            from faultline.scale.pool import ProcessPool

            with ProcessPool(workers) as pool:
                run_ingest(paths, db, options, pool, fmt=fmt, quiet=quiet, extract=True)
        run_ingest(paths, db, options, None, fmt=fmt, quiet=quiet, extract=not no_extract)


def run_ingest(
    paths: list[str],
    db: str | None,
    options: ReadOptions,
    runner: ExtractionRunner | None,
    *,
    fmt: Format,
    quiet: bool,
    extract: bool,
) -> NoReturn:
    """Ingest with progress, print the summary, exit 0 (or 1 when an input failed)."""
    with Store.open(db) as store:
        inputs = list_inputs(paths)
        show = not quiet and fmt is Format.table
        try:
            summary = _run_with_progress(
                inputs, store, options, runner, show=show, extract=extract, fmt=fmt
            )
        except StoreUnavailableError as exc:
            raise _stopped(exc) from exc
        _report(summary, fmt, quiet, store.url)
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _stopped(exc: StoreUnavailableError) -> StoreUnavailableError:
    """The store's error, plus what a user needs next: nothing stored is lost, run it again."""
    return StoreUnavailableError(
        f"{exc.message}. Ingest stopped: the articles stored before this one are kept, and "
        "running the same ingest again stores the rest",
        source=exc.source,
    )


class _RateColumn(ProgressColumn):
    """Articles stored per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.fields["articles"] / elapsed if elapsed > 0 else 0.0
        return Text(
            f"{task.fields['articles']} articles · {rate:,.1f}/s", style="progress.data.speed"
        )


def _run_with_progress(
    inputs: list[str | InputError],
    store: Store,
    options: ReadOptions,
    runner: ExtractionRunner | None,
    *,
    show: bool,
    extract: bool,
    fmt: Format,
) -> IngestSummary:
    # The bar measures bytes read, so one 5 GB JSONL file moves it and the ETA means something.
    meter = ReadMeter()
    columns = (TextColumn("[bold]ingest"), BarColumn(), _RateColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("ingest", total=_input_bytes(inputs), articles=0)

        def advance(_path: str, outcome: IngestOutcome | None) -> None:
            progress.update(
                task, completed=meter.bytes_read, articles=progress.tasks[0].fields["articles"] + 1
            )
            if fmt is Format.jsonl and outcome is not None:
                emit_records([_outcome_row(outcome, fmt_full=True)], fmt, columns=_COLUMNS)

        summary = ingest(
            inputs, store, options, on_progress=advance, extract=extract, runner=runner,
            keep=_kept(fmt), meter=meter,
        )  # fmt: skip
    return summary


_COLUMNS = ["status", "article", "events", "title", "input", "error"]


def _kept(fmt: Format) -> int | None:
    """Outcomes the summary must hold: JSON and CSV list them all, JSONL streams them as they
    come, the table lists them only when there are few."""
    if fmt is Format.jsonl:
        return 0
    return _LIST_LIMIT + 1 if fmt is Format.table else None


def _input_bytes(inputs: list[str | InputError]) -> int | None:
    """Total size of the input files; None when one is stdin (no bar then, just the rate)."""
    total = 0
    for item in inputs:
        if isinstance(item, InputError):
            continue
        if item == STDIN:
            return None
        with contextlib.suppress(OSError):
            total += os.path.getsize(item)
    return total


def _report(summary: IngestSummary, fmt: Format, quiet: bool, where: str) -> None:
    for failure in summary.failed:
        err.print(
            labelled("failed", f"{failure.location}: [{failure.error_code}] {failure.message}"),
            highlight=False,
            soft_wrap=True,
        )
    if fmt is Format.jsonl:
        return  # streamed as they were stored
    rows = [_outcome_row(o, fmt_full=fmt is not Format.table) for o in summary.outcomes]
    if fmt is not Format.table:
        emit_records(rows, fmt, columns=_COLUMNS)
        return
    stored = [r for r in rows if r["status"] != "failed"]
    if not quiet and summary.complete and 0 < len(stored) <= _LIST_LIMIT:
        out.print(records_table(stored, _COLUMNS[:-1]))
    counts = {s: summary.count(s) for s in ("new", "updated", "unchanged", "failed")}
    updated = f"updated {counts['updated']} · " if counts["updated"] else ""
    out.print(
        Text.assemble(
            "read ", (str(summary.read), "bold"), " · new ", (str(counts["new"]), "green"),
            f" · {updated}unchanged {counts['unchanged']} · failed ",
            (str(counts["failed"]), "red"), f" · events stored {summary.events} → {where}",
        ),
        highlight=False,
    )  # fmt: skip
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
