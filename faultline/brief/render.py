"""Render a brief as one self-contained HTML page (inline CSS and SVG, nothing fetched).

The template marks every number it shows with the events or reference rows it comes from
(``data-events``, ``data-ref``, ``data-articles``) through the helpers below, and numbers
citations as it first cites them, so the Sources list follows the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from faultline import __version__
from faultline.brief.charts import sparkline_svg, timeline_svg
from faultline.brief.citations import CitationNumbers
from faultline.brief.fit import zoom_to_fit
from faultline.brief.geo import INSTALL_HINT, map_svg
from faultline.brief.svg import ids, ref_ids
from faultline.models import (
    BriefData,
    BriefHeader,
    CountryShape,
    CoupEntry,
    ExposureDriver,
    ExposurePoint,
    MineralExposure,
    RenderedBrief,
    SourceRef,
    TracedCount,
)

TEMPLATE = "brief.html.j2"
_TRACE_ATTRIBUTES = {"event": "data-events", "reference": "data-ref", "article": "data-articles"}


def render_brief(
    brief: BriefData, shapes: Sequence[CountryShape] | None, *, version: str = __version__
) -> RenderedBrief:
    """The page for ``brief``; ``shapes`` is the map geometry, None when it is not installed
    (the page then says what to install instead of drawing the map)."""
    drawn = map_svg(shapes, brief.numeric, brief.pins) if shapes is not None else None
    first = _render(brief, shapes, drawn, version, zoom=1.0)
    zoom = zoom_to_fit(first.html)
    # A page that would overflow is drawn again, shrunk to fit one sheet when printed.
    return first if zoom == 1.0 else _render(brief, shapes, drawn, version, zoom=zoom)


def _render(
    brief: BriefData,
    shapes: Sequence[CountryShape] | None,
    drawn: str | None,
    version: str,
    *,
    zoom: float,
) -> RenderedBrief:
    numbers = CitationNumbers(brief.sources)
    html = (
        _environment()
        .get_template(TEMPLATE)
        .render(
            brief=brief,
            h=brief.header,
            version=version,
            zoom=zoom,
            timeline=Markup(timeline_svg(brief.timeline)),
            map=Markup(drawn) if drawn else None,
            map_note=_map_note(shapes, drawn),
            cite=lambda refs: cite(numbers, refs),
            citations=numbers.citations,
        )
    )
    return RenderedBrief(html=html, citations=numbers.citations())


@cache
def _environment() -> Environment:
    # Built once: its helpers keep no state (each rendering brings its own citation numbers).
    env = Environment(
        loader=PackageLoader("faultline.brief", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        traced=traced,
        traced_value=traced_value,
        trace_attrs=trace_attrs,
        day=day,
        money=money,
        percent=percent,
        sparkline=lambda series: Markup(sparkline_svg(series)),
        peak=peak,
        peak_events=peak_events,
        share_rows=lambda exposure: [share.row_id for share in exposure.series.shares],
        ref_rows=lambda rows: [SourceRef("reference", row) for row in rows],
        event_refs=lambda events: [SourceRef("event", event) for event in events],
        source_ids=lambda refs: [ref.id for ref in refs if ref.kind == "event"],
        driver_refs=driver_refs,
        cline=cline_text,
        web_url=web_url,
        period_text=period_text,
        row_list=row_list,
        plural=lambda count, noun: noun if count == 1 else f"{noun}s",
    )
    return env


def _map_note(shapes: Sequence[CountryShape] | None, drawn: str | None) -> str | None:
    if shapes is None:
        return f"Map not drawn: the map geometry is not installed (run `{INSTALL_HINT}`)."
    if drawn is None:
        return "Map not drawn: the map geometry has no outline for this country."
    return None


def cite(numbers: CitationNumbers, refs: Iterable[SourceRef]) -> Markup:
    """``[n]`` links for each source, each carrying the id of what it cites."""
    return Markup("").join(
        Markup('<a class="cite" href="#src-{n}" {attrs}>[{n}]</a>').format(
            n=number, attrs=trace_attrs(cited)
        )
        for number, cited in numbers.numbers(refs)
    )


def trace_attrs(refs: Iterable[SourceRef]) -> Markup:
    """``data-events``/``data-ref``/``data-articles`` attributes naming ``refs``."""
    grouped: dict[str, list[str]] = {}
    for ref in refs:
        grouped.setdefault(_TRACE_ATTRIBUTES[ref.kind], []).append(ref.id)
    return Markup(" ").join(
        Markup('{name}="{value}"').format(
            name=Markup(name), value=ref_ids(values) if name == "data-ref" else ids(values)
        )
        for name, values in grouped.items()
    )


def traced(count: TracedCount, none: str = "no") -> Markup:
    """The count in a span naming the events it was counted from; a zero with nothing to
    trace it to reads as a word, not a number."""
    if not count.events:
        return Markup(escape(none))
    return traced_value(str(count.value), count.events)


def traced_value(value: str, events: Iterable[str] = (), refs: Iterable[str] = ()) -> Markup:
    """Any figure or date, in a span naming the events and reference rows it comes from."""
    attrs = [("data-events", ids(events)), ("data-ref", ref_ids(refs))]
    rendered = Markup(" ").join(
        Markup('{}="{}"').format(Markup(name), value) for name, value in attrs if value
    )
    return Markup('<span class="n" {}>{}</span>').format(rendered, value)


def day(date: dt.date | None, events: Iterable[str]) -> Markup:
    if date is None:
        return Markup("undated")
    return traced_value(date.isoformat(), events)


def money(usd: int) -> str:
    """US$4.5bn, US$120m, US$75,000."""
    if usd >= 1_000_000_000:
        return f"US${usd / 1_000_000_000:.3g}bn"
    if usd >= 1_000_000:
        return f"US${usd / 1_000_000:.3g}m"
    return f"US${usd:,}"


def percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.1 else f"{share:.1%}"


def driver_refs(driver: ExposureDriver) -> list[SourceRef]:
    """An exposure driver cites its event and the reference rows its weight comes from."""
    rows = [driver.share_row, *(r for r in (driver.area_row, driver.region_row) if r)]
    return [SourceRef("event", driver.event_id), *(SourceRef("reference", r) for r in rows)]


def row_list(rows: Iterable[str]) -> str:
    """Row ids with their shared prefix written once: ``area:tin:COD:Maniema, Nord-Kivu``."""
    grouped: dict[str, list[str]] = {}
    for row in rows:
        prefix, _, last = row.rpartition(":")
        grouped.setdefault(prefix, []).append(last)
    return "; ".join(f"{prefix}:{', '.join(lasts)}" for prefix, lasts in grouped.items())


def period_text(header: BriefHeader) -> str:
    since, until = header.since, header.until
    if since and until:
        return f"{since.isoformat()} to {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    return f"until {until.isoformat()}" if until else "all dates"


def cline_text(coup: CoupEntry) -> str:
    """What the Cline Center Coup d'État list says of the coup."""
    match = coup.match
    if match is None:
        return "not checked (the coup is not linked to an incident)"
    if match.status == "matched":
        apart = f", {match.days_apart} days apart" if match.days_apart else ""
        return f"listed as {match.coup_id} ({match.event_type}{apart})"
    if not match.covered:
        return "not listed: the list ends before this date"
    return "not in the list"


def web_url(url: str | None) -> str | None:
    """The URL when it is a web address; anything else (javascript:, data:) is shown as text,
    never made a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def peak(exposure: MineralExposure) -> ExposurePoint | None:
    """The period of highest exposure, None when the series never rises above zero."""
    points = [p for p in exposure.series.points if p.value > 0]
    return max(points, key=lambda p: (p.value, p.start)) if points else None


def peak_events(exposure: MineralExposure, point: ExposurePoint) -> tuple[str, ...]:
    return tuple(
        d.event_id
        for d in exposure.series.drivers
        if d.period == point.period and d.contribution > 0
    )
