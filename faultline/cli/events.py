"""``faultline events``, ``faultline event``, ``faultline stats`` and ``faultline export``:
the stored events, filtered, in the shapes analysts' tools open."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from faultline.cli.common import DbOption
from faultline.cli.filters import event_filter_options
from faultline.cli.output import (
    EXIT_USAGE,
    Format,
    clean_errors,
    emit_records,
    err,
    labelled,
    out,
    short_id,
)
from faultline.export.event_json import event_to_json
from faultline.export.writers import (
    TEXT_WRITERS,
    EventFormat,
    ExportSchema,
    write_parquet_stream,
)
from faultline.models import Event, EventFilter, EventLocation, EventSort, StoredEvent
from faultline.store import Store

TABLE_COLUMNS = ["id", "date", "type", "acled", "location", "actor", "killed", "summary"]
STATS_KEYS = ("country", "month", "type", "acled_type")

OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of standard output."),
]
SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        help="date, -date (newest first), killed, -killed, country or type.",
    ),
]


@event_filter_options
def events_cli(
    flt: EventFilter,
    db: DbOption = None,
    fmt: Annotated[
        EventFormat,
        typer.Option("--format", help="table, jsonl, json, csv, geojson or parquet (needs --out)."),
    ] = EventFormat.table,
    sort: SortOption = "-date",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Events per page.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Events to skip.")] = 0,
    all_events: Annotated[
        bool, typer.Option("--all", help="Every matching event, not one page.")
    ] = False,
    out_path: OutOption = None,
) -> None:
    """Stored events, filtered and sorted, one page at a time (or --all)."""
    order = _sort(sort)
    _check_binary(fmt.value, out_path)
    with clean_errors(), Store.open(db, read_only=True) as store:
        if all_events:
            found: Iterable[StoredEvent] = store.iter_events(flt, sort=order)
            total = None
        else:
            page = store.events(flt, sort=order, limit=limit, offset=offset)
            found, total = page.events, page.total
        if fmt is EventFormat.table:
            _print_table(list(found), total, offset, sort)
            return
        records = (event_to_json(s.event, s.article) for s in found)
        written = _write(records, fmt.value, out_path)
    if out_path is not None:
        err.print(f"{written} events → {out_path}", highlight=False)


def event_cli(
    event_id: Annotated[
        str, typer.Argument(metavar="EVENT_ID", help="The event's id or a unique prefix.")
    ],
    db: DbOption = None,
) -> None:
    """One stored event as its full JSON record (evidence, attribution, article)."""
    import json

    with clean_errors(), Store.open(db, read_only=True) as store:
        found = store.get_event(event_id)
    sys.stdout.write(json.dumps(event_to_json(found.event, found.article), indent=2) + "\n")


@event_filter_options
def stats_cli(
    flt: EventFilter,
    db: DbOption = None,
    by: Annotated[
        str,
        typer.Option("--by", help="Comma-separated keys among country, month, type, acled_type."),
    ] = "country,month,type",
    fmt: Annotated[Format, typer.Option("--format", help="table, json, jsonl or csv.")] = (
        Format.table
    ),
) -> None:
    """Events and people killed, counted by country × month × type (filters apply)."""
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    unknown = [k for k in keys if k not in STATS_KEYS]
    if not keys or unknown:
        raise typer.BadParameter(
            f"use keys among {', '.join(STATS_KEYS)}, not {', '.join(unknown) or 'nothing'}",
            param_hint="--by",
        )
    with clean_errors(), Store.open(db, read_only=True) as store:
        rows = store.event_stats(flt, keys)
    total = sum(int(r["events"]) for r in rows)
    emit_records(rows, fmt, columns=[*keys, "events", "killed"], title=f"{total} events")


@event_filter_options
def export_cli(
    flt: EventFilter,
    schema: Annotated[
        ExportSchema,
        typer.Option(
            "--schema",
            help="acled (ACLED CSV), plover (POLECAT JSON), geojson, parquet (needs --out) or "
            "jsonl (our event schema).",
        ),
    ],
    db: DbOption = None,
    out_path: OutOption = None,
) -> None:
    """Every matching event in another project's shape (ACLED, PLOVER) or as GeoJSON/Parquet."""
    _check_binary(schema.value, out_path)
    with clean_errors(), Store.open(db, read_only=True) as store:
        total = store.events(flt, limit=1).total
        with _progress(total, show=out_path is not None) as advance:
            records = (
                advance(event_to_json(s.event, s.article))
                for s in store.iter_events(flt, sort="date")
            )
            written = _write(records, schema.value, out_path)
    unit = "rows" if schema is ExportSchema.acled else "events"
    err.print(
        f"{written} {unit} of {total} matching events → {out_path or 'stdout'}", highlight=False
    )


def _write(records: Iterable[dict[str, Any]], shape: str, out_path: Path | None) -> int:
    if shape == "parquet":
        assert out_path is not None  # _check_binary made sure
        return write_parquet_stream(records, out_path)
    writer = TEXT_WRITERS[shape]
    if out_path is None:
        return writer(records, sys.stdout)
    with _open_text(out_path) as handle:
        return writer(records, handle)


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        err.print(labelled("error", f"cannot write {path}: {exc.strerror}"), highlight=False)
        raise typer.Exit(EXIT_USAGE) from exc
    with handle:
        yield handle


def _check_binary(shape: str, out_path: Path | None) -> None:
    if shape == "parquet" and out_path is None:
        raise typer.BadParameter("Parquet is binary: give --out FILE.parquet", param_hint="--out")


def _sort(value: str) -> EventSort:
    from faultline.store.event_query import SORTS

    if value not in SORTS:
        raise typer.BadParameter(f"use one of {', '.join(SORTS)}", param_hint="--sort")
    return value  # type: ignore[return-value]


@contextmanager
def _progress(total: int, *, show: bool) -> Iterator[Any]:
    columns = (
        TextColumn("[bold]export"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=not show, transient=True) as progress:
        task = progress.add_task("export", total=total)

        def advance(record: dict[str, Any]) -> dict[str, Any]:
            progress.advance(task)
            return record

        yield advance


def _print_table(found: list[StoredEvent], total: int | None, offset: int, sort: str) -> None:
    rows = [_table_row(s) for s in found]
    if total is None:
        title = f"{len(rows)} events"
    elif rows:
        title = f"events {offset + 1}–{offset + len(rows)} of {total} (sorted {sort})"
    else:
        title = f"no events on this page ({total} matched)"
    emit_records(rows, Format.table, columns=TABLE_COLUMNS, title=title)
    if total is not None and offset + len(rows) < total:
        out.print(f"next page: --offset {offset + len(rows)}", highlight=False)


def _table_row(stored: StoredEvent) -> dict[str, Any]:
    event = stored.event
    acled = event.typing.acled
    location = event.location
    return {
        "id": short_id(event.id),
        "date": _date(event),
        "type": event.typing.event_type + ("*" if event.background else ""),
        "acled": acled.sub_event_type if acled else None,
        "location": _place(location),
        "actor": "; ".join(dict.fromkeys(a.name for a in event.actors if a.role == "actor")),
        "killed": event.counts.killed,
        "summary": event.summary,
    }


def _place(location: EventLocation | None) -> str | None:
    """ "Goma, COD" for a place inside a country; a country or region by its name alone."""
    if location is None:
        return None
    if location.country and location.precision not in ("country", "region"):
        return f"{location.name}, {location.country}"
    return location.name


def _date(event: Event) -> str | None:
    start = event.date.start
    if start is None:
        return None
    precision = event.date.precision
    text = start.isoformat()
    return {"month": text[:7], "year": text[:4], "decade": text[:3] + "0s"}.get(precision, text)
