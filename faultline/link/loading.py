"""Read what linking needs from the store: pair-rule features, wording vectors, members."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from sqlalchemy import (
    CompoundSelect,
    Select,
    and_,
    delete,
    false,
    func,
    insert,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from faultline.link.rules import (
    LINKABLE_PRECISIONS,
    MAX_LINKABLE_DAYS,
    REALISED,
    LinkActor,
    LinkEvent,
    search_window,
)
from faultline.store.event_codec import as_date
from faultline.store.tables import (
    EventActorTable,
    EventTable,
    EventVectorTable,
    EvidenceTable,
    IncidentEventTable,
    LinkQueueTable,
)

Embedder = Callable[[Sequence[str]], np.ndarray]
# Ids per IN (...) list: well under SQLite's variable limit.
_CHUNK = 500
LINK_LOCK_KEY = 0x46_4C_4C_4B  # "FLLK": any constant every Faultline process agrees on
_FEATURE_COLUMNS = (
    EventTable.id,
    EventTable.article_id,
    EventTable.event_type,
    EventTable.coup_outcome,
    EventTable.modality,
    EventTable.date_start,
    EventTable.date_end,
    EventTable.date_precision,
    EventTable.country,
    EventTable.admin1,
    EventTable.place_id,
    EventTable.location_precision,
    EventTable.lat,
    EventTable.lon,
)


def chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def lock_for_linking(session: Session) -> None:
    """Make this transaction the only linker until it ends, before it reads the queue.

    An ingest and an article posted to the API link in two processes at once: both read the
    same pending events and the second to write failed on the first's rows ("UNIQUE constraint
    failed: event_vectors.event_id", benchmarks/api_load.py). Waiting for the lock first, the
    second sees the queue the first left. SQLite: a write that matches no row takes the
    database's write lock now (waiting up to its busy timeout) instead of at the first insert;
    PostgreSQL: a transaction-scoped advisory lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(LINK_LOCK_KEY)))
    else:
        session.execute(delete(LinkQueueTable).where(false()))


def pending_event_ids(session: Session) -> list[str]:
    """Events linking has not seen yet (new, or put back when their incident changed)."""
    return list(session.scalars(select(LinkQueueTable.event_id).order_by(LinkQueueTable.event_id)))


def clear_queue(session: Session, event_ids: Sequence[str]) -> None:
    for chunk in chunks(sorted(event_ids)):
        session.execute(delete(LinkQueueTable).where(LinkQueueTable.event_id.in_(chunk)))


def load_link_events(session: Session, ids: Sequence[str]) -> dict[str, LinkEvent]:
    """Pair-rule features of ``ids``, vectors included (missing ones are absent)."""
    found: dict[str, LinkEvent] = {}
    for chunk in chunks(sorted(set(ids))):
        rows = session.execute(select(*_FEATURE_COLUMNS).where(EventTable.id.in_(chunk))).all()
        actors = _actors(session, chunk)
        vectors = _vectors(session, chunk)
        for row in rows:
            found[row.id] = _link_event(row, actors.get(row.id, ()), vectors.get(row.id))
    return found


def candidate_ids(session: Session, event: LinkEvent) -> list[str]:
    """Stored events that could pass the pair rule's gates with ``event``: dates overlapping
    its window (no linkable date is longer than a month, so ``date_start`` is bounded on both
    sides), its country or none, and — for an event placed nowhere — a shared named actor,
    without which it cannot reach the threshold."""
    statement = candidate_query(event)
    return [] if statement is None else list(session.scalars(statement))


def candidate_query(event: LinkEvent) -> Select[Any] | CompoundSelect[Any] | None:
    """The query ``candidate_ids`` runs (None: no stored event can link with this one)."""
    low, high = search_window(event)
    statement = select(EventTable.id).where(
        EventTable.date_start.between(low - dt.timedelta(days=MAX_LINKABLE_DAYS), high),
        EventTable.date_end >= low,
        EventTable.id != event.id,
        EventTable.modality.in_(REALISED),
        EventTable.date_precision.in_(LINKABLE_PRECISIONS),
    )
    if not event.country:
        named = [a.entity_id for a in event.actors if a.entity_id]
        if not named:
            return None
        sharing = select(EventActorTable.event_id).where(EventActorTable.entity_id.in_(named))
        return statement.where(EventTable.id.in_(sharing))
    # Two index range scans, not one OR: SQLite answers "country = ? OR country IS NULL" by
    # reading every event of the country whatever its date (measured at 100,000 events: 20 ms
    # a candidate query, two thirds of the writer's time; as a union, 0.2 ms).
    same_country = statement.where(EventTable.country == event.country)
    unplaced = statement.where(EventTable.country.is_(None))
    return union_all(same_country, unplaced)


def ensure_vectors(
    session: Session, events: dict[str, LinkEvent], embed: Embedder
) -> dict[str, LinkEvent]:
    """Embed the wording of events that have no vector yet, store it, and return them all."""
    missing = sorted(i for i, e in events.items() if e.vector is None and e.linkable)
    if not missing:
        return events
    texts = _event_texts(session, missing)
    vectors = embed([texts.get(i, "") for i in missing]).astype(np.float16)
    session.execute(
        insert(EventVectorTable),
        [{"event_id": i, "vector": v.tobytes()} for i, v in zip(missing, vectors, strict=True)],
    )
    updated = dict(events)
    for event_id, vector in zip(missing, vectors, strict=True):
        updated[event_id] = _with_vector(events[event_id], vector)
    return updated


def incident_members(session: Session, incident_ids: Iterable[str]) -> dict[str, list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(set(incident_ids))):
        statement = select(IncidentEventTable.incident_id, IncidentEventTable.event_id).where(
            IncidentEventTable.incident_id.in_(chunk)
        )
        for incident_id, event_id in session.execute(statement):
            members[incident_id].append(event_id)
    return members


def incidents_of(session: Session, event_ids: Iterable[str]) -> dict[str, str]:
    """event id → incident id, for events that belong to one."""
    found: dict[str, str] = {}
    for chunk in chunks(sorted(set(event_ids))):
        statement = select(IncidentEventTable.event_id, IncidentEventTable.incident_id).where(
            and_(
                IncidentEventTable.event_id.in_(chunk),
                IncidentEventTable.incident_id.is_not(None),
            )
        )
        found.update({row.event_id: row.incident_id for row in session.execute(statement)})
    return found


def _actors(session: Session, ids: list[str]) -> dict[str, tuple[LinkActor, ...]]:
    statement = (
        select(
            EventActorTable.event_id,
            EventActorTable.role,
            EventActorTable.entity_id,
            EventActorTable.name,
            EventActorTable.kind,
        )
        .where(EventActorTable.event_id.in_(ids))
        .order_by(EventActorTable.event_id, EventActorTable.ordinal)
    )
    grouped: dict[str, list[LinkActor]] = defaultdict(list)
    for row in session.execute(statement):
        grouped[row.event_id].append(LinkActor(row.role, row.entity_id, row.name, row.kind))
    return {key: tuple(value) for key, value in grouped.items()}


def _vectors(session: Session, ids: list[str]) -> dict[str, np.ndarray]:
    statement = select(EventVectorTable.event_id, EventVectorTable.vector).where(
        EventVectorTable.event_id.in_(ids)
    )
    return {
        row.event_id: np.frombuffer(row.vector, dtype=np.float16).astype(np.float32)
        for row in session.execute(statement)
    }


def _event_texts(session: Session, ids: list[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for chunk in chunks(ids):
        statement = (
            select(EvidenceTable.event_id, EvidenceTable.text)
            .where(EvidenceTable.event_id.in_(chunk), EvidenceTable.field == "event")
            .order_by(EvidenceTable.event_id, EvidenceTable.ordinal)
        )
        for row in session.execute(statement):
            texts.setdefault(row.event_id, row.text)
    return texts


def _link_event(row: Any, actors: tuple[LinkActor, ...], vector: np.ndarray | None) -> LinkEvent:
    return LinkEvent(
        id=row.id,
        article_id=row.article_id,
        event_type=row.event_type,
        coup=row.coup_outcome,
        modality=row.modality,
        date_start=as_date(row.date_start),
        date_end=as_date(row.date_end),
        date_precision=row.date_precision,
        country=row.country,
        admin1=row.admin1,
        place_id=row.place_id,
        location_precision=row.location_precision,
        lat=row.lat,
        lon=row.lon,
        actors=actors,
        vector=vector,
    )


def _with_vector(event: LinkEvent, vector: np.ndarray) -> LinkEvent:
    return replace(event, vector=vector.astype(np.float32))
