"""``faultline brief``: one printable page on a country over a period, as HTML or PDF."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from faultline.cli.common import DbOption
from faultline.cli.filters import build_filter, country_code
from faultline.cli.output import EXIT_USAGE, clean_errors, err, labelled, out
from faultline.errors import ConfigError, ConverterMissingError
from faultline.models import BriefData, RenderedBrief
from faultline.store import Store

SUFFIXES = (".html", ".htm", ".pdf")


def brief_cli(
    country: Annotated[
        str,
        typer.Argument(
            metavar="COUNTRY", help="The country: ISO3 (COD), ISO2 (CD) or a name (DRC, Mali)."
        ),
    ],
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Events reaching YYYY-MM-DD or later.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events beginning YYYY-MM-DD or earlier.")
    ] = None,
    out_path: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="brief.html, or brief.pdf (printed with Chromium when installed). "
            "Default: brief-ISO3.html.",
        ),
    ] = None,
) -> None:
    """A one-page country brief: timeline, map, coups, key events, actors and relations,
    minerals at stake, and a numbered source for every claim."""
    iso3 = _country(country)
    period = build_filter(since=since, until=until)
    target = out_path or Path(f"brief-{iso3}.html")
    if target.suffix.lower() not in SUFFIXES:
        raise typer.BadParameter(f"{target} must end in .html or .pdf", param_hint="--out")
    with clean_errors():
        brief, rendered, map_note = _build(db, iso3, period.since, period.until)
        written = _write(rendered.html, target)
    _summary(brief, rendered, written, map_note)


def _country(value: str) -> str:
    """ISO3 of ``value``; an unknown country is a usage error on one line (E301)."""
    try:
        return country_code(value)
    except typer.BadParameter as exc:
        error = ConfigError(
            f"unknown country {value!r}: give an ISO3 code (COD), an ISO2 code (CD) or a name "
            "(DRC, Mali)"
        )
        err.print(labelled("error", str(error)), highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from exc


def _build(
    db: str | None, iso3: str, since: dt.date | None, until: dt.date | None
) -> tuple[BriefData, RenderedBrief, str | None]:
    from faultline.brief import gather_brief, load_shapes, render_brief
    from faultline.brief.geo import INSTALL_HINT
    from faultline.minerals.exposure import exposure_series
    from faultline.minerals.reference import load_reference

    name, numeric = country_identity(iso3)
    with Store.open(db, read_only=True) as store:
        brief = gather_brief(
            store, iso3, name=name, numeric=numeric, since=since, until=until,
            reference=load_reference(), exposure=exposure_series,
        )  # fmt: skip
    shapes = load_shapes()
    note = None if shapes is not None else f"map left out: run `{INSTALL_HINT}` to install it"
    return brief, render_brief(brief, shapes), note


def country_identity(iso3: str) -> tuple[str, str | None]:
    """The country's name (our knowledge base's, else GeoNames') and ISO 3166 numeric code,
    which is how the map geometry names countries."""
    from faultline.export.acled import country_info
    from faultline.kb.loader import countries

    info = country_info(iso3)
    known = next((c.name for c in countries() if c.iso3 == iso3), None)
    name = known or (info[1] if info else iso3)
    return name, f"{info[0]:03d}" if info else None


def _write(html: str, target: Path) -> Path:
    """Write the page to ``target``; a PDF is printed from it with Chromium, and without one
    the HTML is written beside it and the missing converter reported (E303)."""
    from faultline.brief import find_chromium, html_to_pdf

    if target.suffix.lower() != ".pdf":
        return _write_text(target, html)
    if find_chromium() is None:
        fallback = _write_text(target.with_suffix(".html"), html)
        raise ConverterMissingError(
            f"cannot write {target}: a PDF needs Chromium (chromium, chromium-browser or "
            f"google-chrome on PATH); wrote the HTML to {fallback} instead"
        )
    with tempfile.TemporaryDirectory(prefix="faultline-brief-") as folder:
        page = _write_text(Path(folder) / "brief.html", html)
        html_to_pdf(page, target)
    return target


def _write_text(path: Path, html: str) -> Path:
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the brief to {path}: {exc.strerror or exc}") from exc
    return path


def _summary(
    brief: BriefData, rendered: RenderedBrief, written: Path, map_note: str | None
) -> None:
    from faultline.brief.render import period_text

    h = brief.header
    counts = " · ".join(
        _plural(value, noun)
        for value, noun in (
            (h.events.value, "event"),
            (h.incidents.value, "incident"),
            (h.coups.value, "coup"),
            (len(rendered.citations), "source"),
        )
    )
    out.print(
        f"wrote {written}: {h.name} ({h.iso3}), {period_text(h)} · {counts} · "
        f"{h.killed.value} killed",
        highlight=False,
        soft_wrap=True,
    )
    if map_note:
        err.print(map_note, highlight=False, soft_wrap=True)


def _plural(value: int, noun: str) -> str:
    return f"{value} {noun}{'' if value == 1 else 's'}"
