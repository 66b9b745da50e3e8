"""Find stored events: filters to SQL on both engines, pages, streams, and loading records.

Engine-specific parts are the full-text and distance conditions (``search.py``); the rest is
plain SQLAlchemy that runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from faultline.events.typing_rules import ACLED_SUB_EVENTS, PLOVER_TYPES
from faultline.models import ArticleRef, EventFilter, EventPage, EventSort, StoredEvent
from faultline.store import codec
from faultline.store.event_codec import event_from_rows
from faultline.store.search import escape_like, folded, near_condition, text_condition
from faultline.store.tables import (
    ArticleTable,
    ClaimTable,
    EntityTable,
    EventActorTable,
    EventCountTable,
    EventDealTable,
    EventMineralTable,
    EventTable,
    EvidenceTable,
)

ACLED_EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(t for t, _ in ACLED_SUB_EVENTS.values()))
SORTS: tuple[str, ...] = ("date", "-date", "killed", "-killed", "country", "type")
# Rows per round trip when streaming every match (exports): children load per chunk.
STREAM_CHUNK = 2000


def type_condition(types: Sequence[str]) -> ColumnElement[bool]:
    """Events of any of ``types``: PLOVER types, ACLED event types or sub-event types."""
    plover, acled, sub = [], [], []
    for name in types:
        kind, canonical = classify_type_name(name)
        {"plover": plover, "acled": acled, "sub": sub}[kind].append(canonical)
    conditions = []
    if plover:
        conditions.append(EventTable.event_type.in_(plover))
    if acled:
        conditions.append(EventTable.acled_event_type.in_(acled))
    if sub:
        conditions.append(EventTable.acled_sub_event_type.in_(sub))
    return or_(*conditions)


def classify_type_name(name: str) -> tuple[str, str]:
    """("plover"|"acled"|"sub", canonical spelling) for a type name in any case.

    Raises ValueError naming the accepted values when the name is none of them.
    """
    folded = " ".join(name.split()).casefold()
    for kind, names in (
        ("plover", PLOVER_TYPES),
        ("acled", ACLED_EVENT_TYPES),
        ("sub", tuple(ACLED_SUB_EVENTS)),
    ):
        for known in names:
            if known.casefold() == folded:
                return kind, known
    raise ValueError(
        f"unknown event type {name!r}: use a PLOVER type ({', '.join(PLOVER_TYPES)}), an ACLED "
        f"event type ({', '.join(ACLED_EVENT_TYPES)}) or an ACLED sub-event type"
    )


def conditions(flt: EventFilter, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``flt`` (an empty filter keeps non-background events)."""
    found: list[ColumnElement[bool]] = []
    if not flt.include_background:
        found.append(EventTable.background.is_(False))
    if flt.countries:
        found.append(EventTable.country.in_(flt.countries))
    if flt.since is not None:
        # Ranges overlap [since, until]; an undated event matches no date filter.
        found.append(func.coalesce(EventTable.date_end, EventTable.date_start) >= flt.since)
    if flt.until is not None:
        found.append(EventTable.date_start <= flt.until)
    if flt.types:
        found.append(type_condition(flt.types))
    if flt.coup:
        found.append(EventTable.coup_outcome.is_not(None))
    if flt.min_killed is not None:
        found.append(EventTable.fatalities >= flt.min_killed)
    if flt.article_id:
        found.append(EventTable.article_id == flt.article_id)
    if flt.actor:
        found.append(_actor_condition(flt.actor, dialect))
    if flt.minerals:
        about = select(EventMineralTable.event_id).where(
            EventMineralTable.mineral.in_(flt.minerals)
        )
        found.append(EventTable.id.in_(about))
    if flt.near is not None:
        found.append(near_condition(flt.near, flt.km or 0.0, dialect))
    if flt.text is not None:
        found.append(text_condition(flt.text, dialect))
    return found


def _actor_condition(actor: str, dialect: str) -> ColumnElement[bool]:
    """An actor or recipient whose entity id is ``actor``, or whose entity name, name as
    resolved, or words in the text contain it (any case)."""
    pattern = f"%{escape_like(actor.casefold())}%"

    def contains(column: Any) -> ColumnElement[bool]:
        return folded(column, dialect, ascii_only=actor.isascii()).like(pattern, escape="\\")

    if _is_entity_id(actor):
        # An exact entity id: the indexed lookup, not a scan of every actor's name and text.
        exact = select(EventActorTable.event_id).where(EventActorTable.entity_id == actor)
        return EventTable.id.in_(exact)
    entities = select(EntityTable.id).where(
        or_(EntityTable.id == actor, contains(EntityTable.name))
    )
    matching = select(EventActorTable.event_id).where(
        or_(
            EventActorTable.entity_id.in_(entities),
            contains(EventActorTable.name),
            contains(EventActorTable.text),
        )
    )
    return EventTable.id.in_(matching)


# The prefixes the knowledge base and the NER ids use (faultline/kb, kb/entity_ids.py).
_ENTITY_ID = re.compile(
    r"^(?:bus|cty|gov|grp|igo|jnt|med|mil|ngo|per|pol|pty|spy)_[A-Za-z0-9_]+$|^ent_[0-9a-f]{16}$"
)


def _is_entity_id(value: str) -> bool:
    """ "grp_m23", "cty_COD", "ent_1a2b…": an id as the store writes them, not words."""
    return bool(_ENTITY_ID.match(value))


def ordering(sort: EventSort) -> list[Any]:
    by_date = [EventTable.date_start.desc().nulls_last(), EventTable.id]
    orders: dict[str, list[Any]] = {
        "date": [EventTable.date_start.asc().nulls_last(), EventTable.id],
        "-date": by_date,
        "killed": [EventTable.fatalities.asc().nulls_first(), *by_date],
        "-killed": [EventTable.fatalities.desc().nulls_last(), *by_date],
        "country": [EventTable.country.asc().nulls_last(), *by_date],
        "type": [EventTable.event_type, *by_date],
    }
    return orders[sort]


def page(
    session: Session,
    flt: EventFilter,
    sort: EventSort = "-date",
    limit: int | None = 50,
    offset: int = 0,
) -> EventPage:
    """One page of matching events and how many matched in all."""
    where = conditions(flt, _dialect(session))
    total = session.scalar(select(func.count()).select_from(EventTable).where(*where)) or 0
    # Choose the page's ids first (indexes cover the filters, sorts and ids of the common
    # queries), then fetch only those rows: sorting whole rows of every match costs far more.
    chosen = select(EventTable.id).where(*where).order_by(*ordering(sort))
    ids = list(session.scalars(chosen.offset(offset).limit(limit)))
    # Plain rows, not ORM objects: building a page is then a fraction of the Python work
    # (and of the garbage), which is what a page of 500 events spent its time on (measured).
    events = EventTable.__table__
    rows = {row.id: row for row in session.execute(select(events).where(events.c.id.in_(ids)))}
    return EventPage(tuple(load(session, [rows[i] for i in ids])), total, offset, limit)


def stream(session: Session, flt: EventFilter, sort: EventSort = "date") -> Iterator[StoredEvent]:
    """Every matching event, in ``sort`` order, loaded a chunk at a time."""
    where = conditions(flt, _dialect(session))
    statement: Select[Any] = select(EventTable).where(*where).order_by(*ordering(sort))
    result = session.scalars(statement.execution_options(yield_per=STREAM_CHUNK))
    for chunk in result.partitions():
        yield from load(session, list(chunk))


MIN_PREFIX = 6


def get_event(session: Session, ref: str) -> StoredEvent | None:
    """The event with id ``ref``, or the only one whose id starts with it (6+ characters)."""
    row = session.get(EventTable, ref)
    if row is None and len(ref) >= MIN_PREFIX:
        pattern = escape_like(ref) + "%"
        statement = select(EventTable).where(EventTable.id.like(pattern, escape="\\")).limit(2)
        matches = list(session.scalars(statement))
        row = matches[0] if len(matches) == 1 else None
    return load(session, [row])[0] if row is not None else None


def load(session: Session, rows: Sequence[Any]) -> list[StoredEvent]:
    """Records for ``rows`` with their actors, evidence, counts, claims and articles."""
    if not rows:
        return []
    ids = [row.id for row in rows]
    actors = _grouped(session, EventActorTable, ids)
    evidence = _grouped(session, EvidenceTable, ids)
    counts = _grouped(session, EventCountTable, ids)
    claim_table = ClaimTable.__table__
    claims = {
        c.event_id: c
        for c in session.execute(select(claim_table).where(claim_table.c.event_id.in_(ids)))
    }
    minerals = _grouped(session, EventMineralTable, ids)
    deal_table = EventDealTable.__table__
    deals = {
        d.event_id: d
        for d in session.execute(select(deal_table).where(deal_table.c.event_id.in_(ids)))
    }
    articles = _article_refs(session, {row.article_id for row in rows})
    return [
        StoredEvent(
            event_from_rows(
                row,
                actors[row.id],
                evidence[row.id],
                counts[row.id],
                claims.get(row.id),
                minerals[row.id],
                deals.get(row.id),
            ),
            articles[row.article_id],
        )
        for row in rows
    ]


def _grouped(session: Session, table: Any, ids: list[str]) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    core = table.__table__
    for row in session.execute(select(core).where(core.c.event_id.in_(ids))):
        grouped[row.event_id].append(row)
    return grouped


def _article_refs(session: Session, article_ids: set[str]) -> dict[str, ArticleRef]:
    columns = (
        ArticleTable.id,
        ArticleTable.title,
        ArticleTable.source,
        ArticleTable.author,
        ArticleTable.url,
        ArticleTable.path,
        *codec.PUBLISHED_COLUMNS,
    )
    statement = select(*columns).where(ArticleTable.id.in_(article_ids))
    return {
        row.id: ArticleRef(
            row.id,
            row.title,
            row.source,
            row.author,
            codec.published_from_row(row),
            row.url,
            row.path,
        )
        for row in session.execute(statement)
    }


def stats(
    session: Session, flt: EventFilter, by: Sequence[str] = ("country", "month", "type")
) -> list[dict[str, Any]]:
    """Event and fatality counts grouped by ``by`` (country, month, type, acled_type)."""
    dialect = _dialect(session)
    keys = {
        "country": EventTable.country,
        "month": _month(dialect),
        "type": EventTable.event_type,
        "acled_type": EventTable.acled_event_type,
    }
    columns = [keys[name].label(name) for name in by]
    statement = (
        select(
            *columns,
            func.count().label("events"),
            func.coalesce(func.sum(EventTable.fatalities), 0).label("killed"),
        )
        .where(*conditions(flt, dialect))
        .group_by(*columns)
        .order_by(*[column.asc().nulls_last() for column in columns])
    )
    return [dict(row._mapping) for row in session.execute(statement)]


def _month(dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.to_char(EventTable.date_start, "YYYY-MM")
    return func.substr(EventTable.date_start, 1, 7)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


__all__ = [
    "ACLED_EVENT_TYPES",
    "SORTS",
    "classify_type_name",
    "conditions",
    "get_event",
    "load",
    "page",
    "stats",
    "stream",
]
