"""``/api/meta``, ``/api/events``, ``/api/events/{id}``, ``/api/stats``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from faultline import __version__
from faultline.api.deps import StoreDep
from faultline.api.errors import ApiError
from faultline.api.schemas import EventsPage, Meta, OneEvent, Stats, responses
from faultline.cli.filters import build_filter
from faultline.export.event_json import event_to_json
from faultline.models import EventFilter
from faultline.store.event_query import SORTS

router = APIRouter(tags=["events"])
MAX_PAGE = 5000
# Counts and offsets stop at JSON's largest exact integer (the dashboard's too), well inside
# SQL's 64-bit INTEGER: a larger one would overflow in the driver, not match nothing.
MAX_INT = 2**53
STATS_KEYS = ("country", "month", "type", "acled_type")


def event_filter(
    country: Annotated[list[str] | None, Query(description="ISO3, ISO2 or name; repeat")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER or ACLED type; repeat")] = None,
    actor: Annotated[str | None, Query(description="Entity id or part of a name")] = None,
    mineral: Annotated[
        list[str] | None, Query(description="Mineral id, name or alias (cobalt, coltan); repeat")
    ] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    near: Annotated[str | None, Query(description="LAT,LON or a place name")] = None,
    km: Annotated[float | None, Query(gt=0)] = None,
    coup: bool = False,
    min_killed: Annotated[int | None, Query(ge=0, le=MAX_INT)] = None,
    text: Annotated[str | None, Query(description="Full-text search")] = None,
    article: Annotated[str | None, Query(description="An article id")] = None,
    include_background: bool = False,
) -> EventFilter:
    """The ``faultline events`` filters, validated the same way (a bad one is a 400)."""
    return build_filter(
        country=country, event_type=type, actor=actor, mineral=mineral, since=since, until=until,
        near=near,
        km=km, coup=coup, min_killed=min_killed, text=text, article=article,
        include_background=include_background,
    )  # fmt: skip


FilterDep = Annotated[EventFilter, Depends(event_filter)]


@router.get("/meta", responses={200: {"model": Meta}, **responses()})
def meta() -> dict[str, Any]:
    """Version, the 16 PLOVER types, and every known country (ISO3 → name, ISO numeric)."""
    from faultline.events.typing_rules import PLOVER_TYPES
    from faultline.export.acled import country_info
    from faultline.kb.loader import countries

    table: dict[str, dict[str, str]] = {}
    for country in countries():
        info = country_info(country.iso3)
        numeric = f"{info[0]:03d}" if info else None
        table[country.iso3] = {"name": country.name, "numeric": numeric or ""}
    return {"ok": True, "version": __version__, "countries": table, "types": list(PLOVER_TYPES)}


@router.get("/events", responses={200: {"model": EventsPage}, **responses()})
def events(
    store: StoreDep,
    flt: FilterDep,
    sort: Annotated[str, Query(description=", ".join(SORTS))] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> dict[str, Any]:
    """Stored events matching the filters, a page at a time."""
    if sort not in SORTS:
        message = f"use one of {', '.join(SORTS)}"
        raise ApiError(400, f"sort: {message}", [{"param": "sort", "message": message}])
    page = store.events(flt, sort=sort, limit=limit, offset=offset)  # type: ignore[arg-type]
    return {
        "ok": True,
        "total": page.total,
        "offset": offset,
        "limit": limit,
        "events": [event_to_json(s.event, s.article) for s in page.events],
    }


@router.get("/events/{event_id}", responses={200: {"model": OneEvent}, **responses(404)})
def event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """One event (full id or a unique prefix) with its evidence."""
    found = store.get_event(event_id)
    return {"ok": True, "event": event_to_json(found.event, found.article)}


@router.get("/stats", responses={200: {"model": Stats}, **responses()})
def stats(
    store: StoreDep,
    flt: FilterDep,
    by: Annotated[str, Query(description="Comma-separated: country, month, type, acled_type")] = (
        "country,month,type"
    ),
) -> dict[str, Any]:
    """Events and people killed, counted by the keys in ``by``."""
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    unknown = [k for k in keys if k not in STATS_KEYS]
    if not keys or unknown:
        message = f"use keys among {', '.join(STATS_KEYS)}"
        raise ApiError(400, f"by: {message}", [{"param": "by", "message": message}])
    return {"ok": True, "rows": store.event_stats(flt, keys)}
