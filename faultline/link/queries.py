"""Read incidents and entity profiles back as records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from faultline.link.coups import coup_record
from faultline.link.entities import canonical_ids, group_of
from faultline.link.graph import graph_edges
from faultline.link.members import load_members
from faultline.models import (
    CountReport,
    CoupMatch,
    EntityAlias,
    EntityEvent,
    EntityProfile,
    Incident,
    IncidentFilter,
    ReconciledCount,
)
from faultline.store.event_codec import as_date
from faultline.store.event_query import type_condition
from faultline.store.search import escape_like, near_condition
from faultline.store.tables import (
    EntityMentionTable,
    EntityTable,
    EventActorTable,
    EventTable,
    IncidentEventTable,
    IncidentTable,
)


def list_incidents(
    session: Session, flt: IncidentFilter, limit: int | None = 50, offset: int = 0
) -> tuple[list[Incident], int]:
    """Incidents matching ``flt``, newest first, and how many match in all."""
    where = _conditions(flt, session.get_bind().dialect.name)
    total = session.scalar(select(func.count()).select_from(IncidentTable).where(*where)) or 0
    order = (IncidentTable.date_start.desc().nulls_last(), IncidentTable.id)
    statement = select(IncidentTable).where(*where).order_by(*order).offset(offset).limit(limit)
    return [incident_record(row) for row in session.scalars(statement)], total


def get_incident(session: Session, ref: str) -> Incident | None:
    """One incident with every report, by id, unique id prefix, or one of its event ids."""
    row = session.get(IncidentTable, ref)
    if row is None:
        prefix = IncidentTable.id.like(f"{escape_like(ref)}%", escape="\\")
        matches = list(session.scalars(select(IncidentTable).where(prefix).limit(2)))
        if len(matches) == 1:
            row = matches[0]
    if row is None:
        incident_id = session.scalar(
            select(IncidentEventTable.incident_id).where(IncidentEventTable.event_id == ref)
        )
        row = session.get(IncidentTable, incident_id) if incident_id else None
    if row is None:
        return None
    members = select(IncidentEventTable.event_id).where(IncidentEventTable.incident_id == row.id)
    reports = [m.report for m in load_members(session, list(session.scalars(members)))]
    reports.sort(key=lambda r: (r.published or "", r.source or "", r.event_id))
    incident = incident_record(row)
    return Incident(**{**_fields(incident), "reports": tuple(reports)})


def incident_record(row: IncidentTable) -> Incident:
    return Incident(
        id=row.id,
        event_type=row.event_type,  # type: ignore[arg-type]
        date_start=as_date(row.date_start),
        date_end=as_date(row.date_end),
        date_precision=row.date_precision,  # type: ignore[arg-type]
        country=row.country,
        location=row.location,
        location_precision=row.location_precision,  # type: ignore[arg-type]
        lat=row.lat,
        lon=row.lon,
        coup=row.coup,  # type: ignore[arg-type]
        events=row.events,
        articles=row.articles,
        sources=row.sources,
        summary=row.summary,
        background=row.background,
        counts=tuple(_count(c) for c in row.counts),
        coup_match=_coup_match(row),
    )


def entity_profile(session: Session, name: str) -> EntityProfile | None:
    """The entity ``name`` (an id, a name or any way an article wrote it), merged across
    articles, with its aliases, events and relations."""
    entity_id = _resolve_entity(session, name)
    if entity_id is None:
        return None
    canonical = canonical_ids(session, [entity_id])[entity_id]
    members = group_of(session, canonical)
    row = session.get(EntityTable, canonical)
    if row is None:
        return None
    return EntityProfile(
        id=row.id,
        name=row.name,
        kind=row.kind,  # type: ignore[arg-type]
        country=row.country,
        sector=row.sector,
        source=row.source,
        members=tuple(members),
        aliases=_aliases(session, members),
        articles=session.scalar(
            select(func.count(func.distinct(EntityMentionTable.article_id))).where(
                EntityMentionTable.entity_id.in_(members)
            )
        )
        or 0,
        events=_timeline(session, members),
        relations=tuple(graph_edges(session, members)),
    )


def _resolve_entity(session: Session, name: str) -> str | None:
    if session.get(EntityTable, name) is not None:
        return name
    folded = " ".join(name.split()).casefold()
    by_name = select(EntityTable.id).where(func.lower(EntityTable.name) == folded)
    found = sorted(session.scalars(by_name))
    if found:
        return min(found, key=lambda i: (not i.startswith(("per_", "grp_", "gov_", "cty_")), i))
    by_text = (
        select(EntityMentionTable.entity_id, func.count())
        .where(func.lower(EntityMentionTable.text) == folded)
        .group_by(EntityMentionTable.entity_id)
    )
    counted = sorted(session.execute(by_text), key=lambda r: (-r[1], r[0]))
    if counted:
        return counted[0][0]
    pattern = f"%{escape_like(folded)}%"
    like = select(EntityTable.id).where(func.lower(EntityTable.name).like(pattern, escape="\\"))
    matches = sorted(session.scalars(like.limit(2)))
    return matches[0] if len(matches) == 1 else None


def _aliases(session: Session, members: Sequence[str]) -> tuple[EntityAlias, ...]:
    statement = (
        select(EntityMentionTable.text, func.count())
        .where(EntityMentionTable.entity_id.in_(members))
        .group_by(EntityMentionTable.text)
    )
    counted: dict[str, int] = {}
    for text, count in session.execute(statement):
        key = " ".join(text.split())
        counted[key] = counted.get(key, 0) + count
    names = session.scalars(select(EntityTable.name).where(EntityTable.id.in_(members)))
    for name in names:
        counted.setdefault(name, 0)
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return tuple(EntityAlias(text, count) for text, count in ordered)


def _timeline(session: Session, members: Sequence[str]) -> tuple[EntityEvent, ...]:
    statement = (
        select(
            EventTable.id,
            IncidentEventTable.incident_id,
            EventActorTable.role,
            EventTable.event_type,
            EventTable.date_start,
            EventTable.summary,
            EventTable.article_id,
        )
        .join(EventActorTable, EventActorTable.event_id == EventTable.id)
        .outerjoin(IncidentEventTable, IncidentEventTable.event_id == EventTable.id)
        .where(EventActorTable.entity_id.in_(members))
        .distinct()
    )
    events = [
        EntityEvent(
            row.id,
            row.incident_id,
            row.role,
            row.event_type,
            as_date(row.date_start),
            row.summary,
            row.article_id,
        )
        for row in session.execute(statement)
    ]
    return tuple(sorted(events, key=lambda e: (e.date_start or dt.date.min, e.event_id)))


def _conditions(flt: IncidentFilter, dialect: str) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if flt.countries:
        found.append(IncidentTable.country.in_(flt.countries))
    if flt.types:
        found.append(_type_condition(flt.types))
    if flt.since is not None:
        found.append(
            or_(IncidentTable.date_end >= flt.since, IncidentTable.date_start >= flt.since)
        )
    if flt.until is not None:
        found.append(IncidentTable.date_start <= flt.until)
    if flt.coup:
        found.append(IncidentTable.coup.is_not(None))
    if not flt.include_background:
        found.append(IncidentTable.background.is_(False))
    if flt.min_reports > 1:
        found.append(IncidentTable.articles >= flt.min_reports)
    if flt.near is not None:
        columns = (IncidentTable.lat, IncidentTable.lon)
        found.append(near_condition(flt.near, flt.km or 0.0, dialect, columns))
    if flt.text:
        pattern = f"%{escape_like(flt.text.casefold())}%"
        found.append(
            or_(
                func.lower(IncidentTable.summary).like(pattern, escape="\\"),
                func.lower(IncidentTable.location).like(pattern, escape="\\"),
            )
        )
    return found


def _type_condition(types: Sequence[str]) -> ColumnElement[bool]:
    """Incidents whose type, or any member event's type (PLOVER or ACLED), matches."""
    members = (
        select(IncidentEventTable.incident_id)
        .join(EventTable, EventTable.id == IncidentEventTable.event_id)
        .where(type_condition(types))
    )
    return IncidentTable.id.in_(members)


def _count(value: dict[str, Any]) -> ReconciledCount:
    reports = tuple(CountReport(**r) for r in value["reports"])
    return ReconciledCount(value["name"], value["best"], value["low"], value["high"], reports)


def _coup_match(row: IncidentTable) -> CoupMatch | None:
    if row.coup_status is None:
        return None
    record = coup_record(row.coup_ref) if row.coup_ref else None
    return CoupMatch(
        status=row.coup_status,  # type: ignore[arg-type]
        coup_id=row.coup_ref,
        country=record.country if record else None,
        date=record.date if record else None,
        event_type=record.event_type if record else None,
        days_apart=row.coup_days_apart,
        covered=bool(row.coup_covered),
    )


def _fields(incident: Incident) -> dict[str, Any]:
    return {name: getattr(incident, name) for name in incident.__slots__}  # type: ignore[attr-defined]
