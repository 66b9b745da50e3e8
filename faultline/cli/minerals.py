"""``faultline exposure`` (a mineral's exposure index and the events that drive it) and
``faultline minerals`` (the reference rows behind it: production shares and provinces)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from enum import StrEnum
from itertools import groupby
from typing import Annotated, Any, cast

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from faultline.cli.common import DbOption
from faultline.cli.filters import build_filter, country_code
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
from faultline.errors import ConfigError
from faultline.export.event_json import jsonable
from faultline.minerals.exposure import FORMULA, exposure_series
from faultline.minerals.reference import MineralReference, load_reference
from faultline.models import (
    ExposureDriver,
    ExposurePeriod,
    ExposurePoint,
    ExposureSeries,
    Mineral,
    ProducingArea,
    ProductionShare,
)
from faultline.store import Store

SERIES_COLUMNS = ["period", "exposure", "events", "killed", "trend"]
SHARE_COLUMNS = ["row", "share", "year", "quantity", "source"]
AREA_COLUMNS = ["row", "source", "note"]
REFERENCE_COLUMNS = [
    "row",
    "kind",
    "mineral",
    "country",
    "admin1",
    "share",
    "year",
    "quantity",
    "unit",
    "source",
    "source_url",
    "note",
]
DRIVER_COLUMNS = [f.name for f in fields(ExposureDriver)]
POINT_COLUMNS = [f.name for f in fields(ExposurePoint)]

BAR_WIDTH = 20
_EIGHTHS = " ▏▎▍▌▋▊▉"
_HEADER_SHARES = 3
_SUMMARY_CHARS = 100


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


MineralOption = Annotated[
    str,
    typer.Option(
        "--mineral", "-m", help="Mineral id, name or alias: cobalt, coltan, 'rare earths'."
    ),
]


def exposure_cli(
    mineral: MineralOption,
    since: Annotated[
        str | None, typer.Option("--since", help="First day counted, YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day counted, YYYY-MM-DD.")
    ] = None,
    period: Annotated[
        Period, typer.Option("--period", help="month, quarter or year.")
    ] = Period.month,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            help="Only this producing country's events and share (ISO3, ISO2 or name): its "
            "part of the world's exposure.",
        ),
    ] = None,
    db: DbOption = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="table (series, top drivers, formula); json (the whole series: points, every "
            "driver with each factor, the share rows); csv or jsonl (one row per driver, or "
            "per period with --points).",
        ),
    ] = Format.table,
    top: Annotated[
        int, typer.Option("--drivers", min=0, help="Drivers listed in the table (0: none).")
    ] = 10,
    points: Annotated[
        bool, typer.Option("--points", help="csv/jsonl: one row per period, not per driver.")
    ] = False,
) -> None:
    """A mineral's exposure index per period: stored events in its producing countries,
    weighted by severity, share of world production, locality and modality, one per incident.
    The formula is in faultline/minerals/README.md; every contributing event is listed."""
    window = build_filter(since=since, until=until, country=[country] if country else None)
    with clean_errors():
        reference = load_reference()
        found = _known_mineral(reference, mineral)
        with Store.open(db, read_only=True) as store:
            series = exposure_series(
                store,
                found.id,
                since=window.since,
                until=window.until,
                period=cast(ExposurePeriod, period.value),
                reference=reference,
                country=window.countries[0] if window.countries else None,
            )
    if fmt is Format.table:
        _print_exposure(series, found, top)
    elif fmt is Format.json:
        _write_json(jsonable(asdict(series)))
    else:
        records = series.points if points else series.drivers
        rows = [jsonable(asdict(record)) for record in records]
        emit_records(rows, fmt, columns=POINT_COLUMNS if points else DRIVER_COLUMNS)


def minerals_cli(
    country: Annotated[
        str | None,
        typer.Option("--country", "-c", help="Only this producing country: ISO3, ISO2 or name."),
    ] = None,
    mineral: Annotated[
        str | None, typer.Option("--mineral", "-m", help="Only this mineral: id, name or alias.")
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            help="table (shares, then provinces); json, jsonl or csv (one row per reference "
            "row, kind 'share' or 'area').",
        ),
    ] = Format.table,
) -> None:
    """The reference rows the exposure index rests on: each country's share of world mine
    production (latest year, with its source) and the provinces where each mineral is mined."""
    iso3 = country_code(country) if country is not None else None
    with clean_errors():
        reference = load_reference()
        chosen = (
            (_known_mineral(reference, mineral),) if mineral is not None else reference.minerals
        )
        shares = _shares(reference, chosen, iso3)
        areas = [area for m in chosen for area in reference.areas(m.id, iso3)]
    if fmt is not Format.table:
        rows = [_reference_row(row) for row in (*shares, *areas)]
        emit_records(rows, fmt, columns=REFERENCE_COLUMNS)
        return
    out.print(
        _reference_table(
            "Share of world mine production (latest year)",
            SHARE_COLUMNS,
            [_share_cells(row) for row in shares],
        )
    )
    out.print(
        _reference_table("Producing provinces", AREA_COLUMNS, [_area_cells(row) for row in areas])
    )


# --- Shared look-ups -------------------------------------------------------------------------


def _known_mineral(reference: MineralReference, ref: str) -> Mineral:
    with _usage_error():
        return reference.mineral(ref)


@contextmanager
def _usage_error() -> Iterator[None]:
    """An unknown mineral is a mistake in the command line (exit 2), not a failed input."""
    try:
        yield
    except ConfigError as exc:
        err.print(labelled("error", str(exc)), highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _shares(
    reference: MineralReference, chosen: Sequence[Mineral], iso3: str | None
) -> list[ProductionShare]:
    if iso3 is None:
        return [row for m in chosen for row in reference.shares(m.id)]
    wanted = {m.id for m in chosen}
    return [row for row in reference.country_shares(iso3) if row.mineral in wanted]


def _write_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# --- exposure: the table view ----------------------------------------------------------------


def _print_exposure(series: ExposureSeries, mineral: Mineral, top: int) -> None:
    out.print(_header(series, mineral), highlight=False, markup=False)
    if not series.points:
        out.print("no events and no --since/--until: nothing to chart", highlight=False)
    else:
        emit_records(
            _series_cells(series.points),
            Format.table,
            columns=SERIES_COLUMNS,
            title=f"exposure per {series.period}",
        )
    counted = sorted(
        (d for d in series.drivers if d.counted_as is None),
        key=lambda d: (-d.contribution, d.date, d.event_id),
    )
    if top and counted:
        out.print(_drivers_table(counted[:top], len(counted), len(series.drivers)))
    out.print(f"formula: {FORMULA}", highlight=False, markup=False)


def _header(series: ExposureSeries, mineral: Mineral) -> str:
    """ "Cobalt — COD 76% · IDN 10% (USGS ..., 2024) · 5 more": each source named once."""
    shown = series.shares[:_HEADER_SHARES]
    parts = [
        " · ".join(f"{row.country} {row.share:.0%}" for row in rows) + f" ({source}, {year})"
        for (source, year), rows in groupby(shown, key=lambda row: (row.source, row.year))
    ]
    more = len(series.shares) - len(shown)
    if more > 0:
        parts.append(f"{more} more (faultline minerals -m {mineral.id})")
    scope = f" in {series.country} only" if series.country else ""
    return f"{mineral.name}{scope} — {' · '.join(parts) or 'no production share on record'}"


def _series_cells(points: Sequence[ExposurePoint]) -> list[dict[str, Any]]:
    peak = max((p.value for p in points), default=0.0)
    return [
        {
            "period": p.period,
            "exposure": f"{p.value:.2f}",
            "events": p.events,
            "killed": p.killed,
            "trend": bar(p.value, peak),
        }
        for p in points
    ]


def bar(value: float, peak: float, width: int = BAR_WIDTH) -> str:
    """``value`` as a run of block characters, ``width`` of them at ``peak`` (eighths kept, so
    small values still show)."""
    if peak <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / peak * width * 8))
    full, part = divmod(eighths, 8)
    return ("█" * full + _EIGHTHS[part]).rstrip()


def _drivers_table(drivers: Sequence[ExposureDriver], counted: int, listed: int) -> Table:
    """One entry per driver, its contribution first, then what happened, each factor named,
    and the summary: three short lines read at any terminal width, where eleven columns
    would be cut to nothing on a narrow one."""
    title = f"top {len(drivers)} of {counted} counted events"
    if listed > counted:
        title += f" ({listed - counted} other reports of them count 0: see --format csv)"
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, leading=1)
    table.add_column("contribution", justify="right", no_wrap=True)
    table.add_column("event · its factors · its summary")
    for d in drivers:
        table.add_row(f"{d.contribution:.2f}", _driver_lines(d))
    return table


def _driver_lines(d: ExposureDriver) -> Text:
    what = [short_id(d.event_id) or "", d.date.isoformat(), d.event_type]
    if d.coup:
        what.append(f"coup {d.coup}")
    place = f"{d.place}, {d.country}" if d.place else d.country
    what += [f"{d.killed} killed", place]
    factors = (
        f"{d.severity:.2f} severity × {d.share:.2f} share × {d.locality:g} locality "
        f"({d.locality_reason}) × {d.modality_weight:g} {d.modality}"
    )
    # Text, not a str: a summary quoting "[sic]" must not be read as Rich markup.
    return Text("\n".join((" · ".join(what), factors, _truncate(d.summary, _SUMMARY_CHARS))))


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


# --- minerals: reference rows ----------------------------------------------------------------


def _reference_row(row: ProductionShare | ProducingArea) -> dict[str, Any]:
    common = {"row": row.row_id, "mineral": row.mineral, "country": row.country}
    if isinstance(row, ProducingArea):
        own: dict[str, Any] = {"kind": "area", "admin1": row.admin1}
    else:
        own = {"kind": "share", "share": row.share, "year": row.year, "quantity": row.quantity}
        own["unit"] = row.unit
    cited = {"source": row.source, "source_url": row.source_url, "note": row.note}
    return {**common, **own, **cited}


def _reference_table(title: str, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> Table:
    """Row ids stay whole, since they are what a brief or driver cites; sources and notes wrap."""
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD)
    for name in columns:
        table.add_column(name, no_wrap=name not in ("source", "note"), overflow="fold")
    for row in rows:
        table.add_row(*(Text(row[name]) for name in columns))
    return table


def _share_cells(row: ProductionShare) -> dict[str, str]:
    quantity = f"{row.quantity:,.0f} {row.unit or ''}".strip() if row.quantity is not None else ""
    return {
        "row": row.row_id,
        "share": f"{row.share:.1%}",
        "year": str(row.year),
        "quantity": quantity,
        "source": row.source,
    }


def _area_cells(row: ProducingArea) -> dict[str, str]:
    return {"row": row.row_id, "source": row.source, "note": row.note or ""}
