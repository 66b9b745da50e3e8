"""``/api/minerals`` (the reference: production shares and producing provinces, each sourced)
and ``/api/exposure`` (how exposed a mineral's supply is to the stored events, period by period,
with every event that drives it)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from faultline.api.deps import StoreDep
from faultline.api.errors import ApiError
from faultline.api.schemas import Exposure, Minerals, responses
from faultline.cli.filters import build_filter, country_code
from faultline.errors import ConfigError
from faultline.export.event_json import jsonable
from faultline.minerals.exposure import exposure_series
from faultline.minerals.reference import MineralReference, load_reference
from faultline.models import ExposurePeriod, Mineral

router = APIRouter(tags=["minerals"])
# A century of months: a window from year 1 to 9999 would otherwise answer 120,000 points.
MAX_POINTS = 1200


@router.get("/minerals", responses={200: {"model": Minerals}, **responses()})
def minerals() -> dict[str, Any]:
    """Every mineral we track, its share of world mine production by country (latest year,
    largest first) and the provinces where it is mined, each row with its source and id."""
    reference = load_reference()
    return {"ok": True, "minerals": [mineral_json(m, reference) for m in reference.minerals]}


@router.get("/exposure", responses={200: {"model": Exposure}, **responses()})
def exposure(
    store: StoreDep,
    mineral: Annotated[
        str, Query(description="A mineral id, name or alias: cobalt, coltan", examples=["cobalt"])
    ],
    since: Annotated[str | None, Query(description="YYYY-MM-DD", examples=["2024-01-01"])] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD", examples=["2025-12-31"])] = None,
    period: ExposurePeriod = "month",
    country: Annotated[
        str | None,
        Query(description="Only this producing country's part: ISO3, ISO2 or name"),
    ] = None,
) -> dict[str, Any]:
    """A mineral's exposure index per period, the events that drive it (each factor of each
    contribution) and the production shares it rests on; with ``country``, that country's
    events and share only."""
    window = build_filter(since=since, until=until)  # the dates read as /api/events reads them
    known = known_mineral(mineral)
    iso3 = country_code(country) if country else None
    series = exposure_series(
        store, known.id, since=window.since, until=window.until, period=period, country=iso3
    )
    if len(series.points) > MAX_POINTS:
        message = f"{len(series.points)} {period}s is over {MAX_POINTS}: narrow since/until"
        raise bad_param("period", f"{message} or choose a longer period")
    return {"ok": True, "exposure": jsonable(asdict(series))}


def mineral_json(mineral: Mineral, reference: MineralReference) -> dict[str, Any]:
    return {
        **jsonable(asdict(mineral)),
        "shares": [jsonable(asdict(row)) for row in reference.shares(mineral.id)],
        "areas": [jsonable(asdict(row)) for row in reference.areas(mineral.id)],
    }


def known_mineral(ref: str) -> Mineral:
    """The mineral ``ref`` names; an unknown one is a 400 naming the parameter and the E301."""
    try:
        return load_reference().mineral(ref)
    except ConfigError as exc:
        raise bad_param("mineral", str(exc)) from exc


def bad_param(param: str, message: str) -> ApiError:
    return ApiError(400, f"{param}: {message}", [{"param": param, "message": message}])
