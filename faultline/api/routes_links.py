"""``/api/incidents``, ``/api/incidents/{id}``, ``/api/entities/{name}``, ``/api/graph``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from faultline.api.deps import StoreDep
from faultline.api.routes_events import MAX_INT, MAX_PAGE
from faultline.api.schemas import Graph, Incidents, OneEntity, OneIncident, responses
from faultline.cli.filters import build_incident_filter
from faultline.cli.incidents import incident_json
from faultline.export.event_json import jsonable
from faultline.models import IncidentFilter

router = APIRouter(tags=["incidents, entities and graph"])


def incident_filter(
    country: Annotated[list[str] | None, Query(description="ISO3, ISO2 or name; repeat")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER or ACLED type; repeat")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    near: Annotated[str | None, Query(description="LAT,LON or a place name")] = None,
    km: Annotated[float | None, Query(gt=0)] = None,
    coup: bool = False,
    min_reports: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
    text: str | None = None,
    include_background: bool = False,
) -> IncidentFilter:
    """The ``faultline incidents`` filters, validated the same way (a bad one is a 400)."""
    return build_incident_filter(
        country=country, event_type=type, since=since, until=until, near=near, km=km,
        coup=coup, min_reports=min_reports, text=text, include_background=include_background,
    )  # fmt: skip


@router.get("/incidents", responses={200: {"model": Incidents}, **responses()})
def incidents(
    store: StoreDep,
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> dict[str, Any]:
    """Incidents (one per happening, every report of it), newest first."""
    found, total = store.incidents(flt, limit=limit, offset=offset)
    return {"ok": True, "total": total, "incidents": [incident_json(i) for i in found]}


@router.get("/incidents/{ref}", responses={200: {"model": OneIncident}, **responses(404)})
def incident(store: StoreDep, ref: str) -> dict[str, Any]:
    """One incident with every report, by id, unique prefix or a member event's id."""
    return {"ok": True, "incident": incident_json(store.get_incident(ref))}


@router.get("/entities/{name}", responses={200: {"model": OneEntity}, **responses(404)})
def entity(store: StoreDep, name: str) -> dict[str, Any]:
    """An entity's profile: its names across articles, events and relations."""
    return {"ok": True, "entity": jsonable(asdict(store.entity(name)))}


@router.get("/graph", responses={200: {"model": Graph}, **responses(404)})
def graph(
    store: StoreDep,
    entity: Annotated[str | None, Query(description="Only edges touching this entity")] = None,
) -> dict[str, Any]:
    """The knowledge graph: entities and their typed, dated, sourced relations."""
    members = list(store.entity(entity).members) if entity else None
    return {"ok": True, **store.graph_json(members)}
