"""The event filter options shared by ``events``, ``stats`` and ``export``.

``@event_filter_options`` gives a command every filter option and hands it one
:class:`~faultline.models.EventFilter` as ``flt``, so the options are declared (and documented)
once instead of in each command.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from faultline.cli.output import err
from faultline.models import EventFilter, IncidentFilter

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_KM = 50.0
_PANEL = "Filters"
_LAT_LON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def _option(*decls: str, help: str, **kwargs: Any) -> Any:
    return typer.Option(*decls, help=help, rich_help_panel=_PANEL, **kwargs)


FILTER_PARAMETERS = [
    inspect.Parameter(
        name,
        inspect.Parameter.KEYWORD_ONLY,
        default=default,
        annotation=Annotated[kind, option],
    )
    for name, kind, default, option in (
        (
            "country",
            list[str] | None,
            None,
            _option(
                "--country",
                "-c",
                help="Country of the event's place: ISO3 (COD), ISO2 (CD) or a name (DRC, "
                "Mali). Repeat for several.",
            ),
        ),
        (
            "event_type",
            list[str] | None,
            None,
            _option(
                "--type",
                "-t",
                help="PLOVER type (ASSAULT), ACLED event type (Battles) or sub-event type "
                "('Armed clash'); any case. Repeat for several.",
            ),
        ),
        (
            "actor",
            str | None,
            None,
            _option("--actor", "-a", help="Actor or recipient: entity id or part of a name."),
        ),
        (
            "mineral",
            list[str] | None,
            None,
            _option(
                "--mineral",
                "-m",
                help="Events about this mineral (id, name or alias: cobalt, coltan, 'rare "
                "earths'), as their sentence names it. Repeat for several.",
            ),
        ),
        (
            "since",
            str | None,
            None,
            _option("--since", help="Events whose dates reach YYYY-MM-DD or later."),
        ),
        (
            "until",
            str | None,
            None,
            _option("--until", help="Events whose dates begin YYYY-MM-DD or earlier."),
        ),
        (
            "near",
            str | None,
            None,
            _option(
                "--near",
                help="A place name (the gazetteer's most populous match) or 'LAT,LON'; only "
                "events located at city precision or finer can be near it.",
            ),
        ),
        (
            "km",
            float | None,
            None,
            _option("--km", min=0.001, help=f"Radius for --near (default {DEFAULT_KM:g})."),
        ),
        ("coup", bool, False, _option("--coup", help="Only coups (successful, attempted, plots).")),
        (
            "min_killed",
            int | None,
            None,
            _option("--min-killed", min=0, help="Only events with at least this many killed."),
        ),
        (
            "text",
            str | None,
            None,
            _option("--text", help="Full-text search: every word must appear (stemmed)."),
        ),
        (
            "article",
            str | None,
            None,
            _option("--article", help="Only events of this article (full id)."),
        ),
        (
            "include_background",
            bool,
            False,
            _option(
                "--include-background",
                help="Also historical mentions (events told as background to the news).",
            ),
        ),
    )
]
_FILTER_NAMES = frozenset(p.name for p in FILTER_PARAMETERS)


def event_filter_options(command: F) -> F:
    """Replace ``command``'s ``flt`` parameter by the filter options, built into ``flt``."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "flt"]

    @functools.wraps(command)
    def with_filter(**kwargs: Any) -> Any:
        options = {name: kwargs.pop(name) for name in _FILTER_NAMES}
        return command(flt=build_filter(**options), **kwargs)

    with_filter.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*own, *FILTER_PARAMETERS]
    )
    return with_filter  # type: ignore[return-value]


def build_filter(
    *,
    country: list[str] | None = None,
    event_type: list[str] | None = None,
    actor: str | None = None,
    mineral: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    near: str | None = None,
    km: float | None = None,
    coup: bool = False,
    min_killed: int | None = None,
    text: str | None = None,
    article: str | None = None,
    include_background: bool = False,
) -> EventFilter:
    """An EventFilter from option values; a bad value is a usage error naming the option."""
    if km is not None and near is None:
        raise typer.BadParameter("--km needs --near", param_hint="--km")
    start, end = _date(since, "--since"), _date(until, "--until")
    if start and end and start > end:
        raise typer.BadParameter(f"--since {since} is after --until {until}", param_hint="--since")
    if text is not None and not re.search(r"\w", text):
        raise typer.BadParameter(f"{text!r} has no words to search for", param_hint="--text")
    return EventFilter(
        countries=tuple(dict.fromkeys(country_code(c) for c in country or ())),
        types=tuple(_event_type(t) for t in event_type or ()),
        actor=actor.strip() if actor and actor.strip() else None,
        since=start,
        until=end,
        near=resolve_point(near) if near is not None else None,
        km=(km or DEFAULT_KM) if near is not None else None,
        coup=coup,
        min_killed=min_killed,
        text=text,
        article_id=article,
        include_background=include_background,
        minerals=tuple(dict.fromkeys(mineral_id(m) for m in mineral or ())),
    )


def mineral_id(ref: str) -> str:
    """The reference id of a mineral named by id, name or alias; unknown is a usage error."""
    from faultline.errors import ConfigError
    from faultline.minerals.reference import load_reference

    try:
        return load_reference().mineral(ref).id
    except ConfigError as exc:
        raise typer.BadParameter(exc.message, param_hint="--mineral") from exc


def build_incident_filter(
    *,
    country: list[str] | None = None,
    event_type: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    near: str | None = None,
    km: float | None = None,
    coup: bool = False,
    min_reports: int = 1,
    text: str | None = None,
    include_background: bool = False,
) -> IncidentFilter:
    """An IncidentFilter, its shared options checked exactly as ``build_filter`` checks them."""
    shared = build_filter(
        country=country, event_type=event_type, since=since, until=until, near=near, km=km
    )
    return IncidentFilter(
        countries=shared.countries,
        types=shared.types,
        since=shared.since,
        until=shared.until,
        near=shared.near,
        km=shared.km,
        coup=coup,
        min_reports=min_reports,
        text=text.strip() if text and text.strip() else None,
        include_background=include_background,
    )


def country_code(value: str) -> str:
    """ISO3 for an ISO3/ISO2 code or a country's name or alias (any case)."""
    from faultline.kb.loader import countries

    wanted = " ".join(value.split()).casefold()
    for country in countries():
        names = (country.iso3, country.iso2, *country.names)
        if any(name.casefold() == wanted for name in names):
            return country.iso3
    from faultline.export.acled import country_info

    if len(wanted) == 3 and country_info(wanted.upper()):
        return wanted.upper()
    raise typer.BadParameter(f"unknown country {value!r}", param_hint="--country")


def resolve_point(value: str) -> tuple[float, float]:
    """(lat, lon) of 'LAT,LON' or of the gazetteer's first place with a point of that name."""
    literal = _LAT_LON.match(value)
    if literal:
        lat, lon = float(literal.group(1)), float(literal.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise typer.BadParameter(f"{value!r} is not a latitude,longitude", param_hint="--near")
        return lat, lon
    from faultline.mentions.gazetteer import load_gazetteer

    for place in load_gazetteer().lookup(value):
        if place.lat is not None and place.lon is not None:
            err.print(
                f"near {place.name} ({place.admin1 or '?'}, {place.country}) at "
                f"{place.lat:.4f},{place.lon:.4f}",
                highlight=False,
            )
            return place.lat, place.lon
    raise typer.BadParameter(
        f"no place called {value!r} with coordinates in the gazetteer; give LAT,LON instead",
        param_hint="--near",
    )


def _event_type(value: str) -> str:
    from faultline.store.event_query import classify_type_name

    try:
        return classify_type_name(value)[1]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--type") from exc


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2024-05-19", param_hint=option
        ) from exc
