"""Write one article's extraction inside the article's transaction, or replace an older one.

The rule: an article holds the events of exactly one extractor version. The same version again
writes nothing; another version deletes the article's events, mentions, claims and relations
(rows cascade from the events) and writes the new ones, after recording every old event id in
``superseded_events``. All of it happens in the caller's transaction, so a reader sees either
the old version or the new one, never a mixture, and a killed process leaves the old one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from faultline.models import Article, Extraction
from faultline.store.event_codec import ExtractionRows, extraction_rows
from faultline.store.tables import (
    ClaimTable,
    EntityMentionTable,
    EntityTable,
    EventActorTable,
    EventCountTable,
    EventDealTable,
    EventMineralTable,
    EventTable,
    EvidenceTable,
    ExtractionTable,
    IncidentEventTable,
    IncidentTable,
    LinkQueueTable,
    MineralMentionTable,
    PlaceMentionTable,
    PlaceTable,
    RelationTable,
    SupersededEventTable,
)

ExtractionStatus = Literal["new", "updated", "unchanged"]


def stored_extractor(session: Session, article_id: str) -> str | None:
    """The extractor version whose events the article holds, None when never extracted."""
    statement = select(ExtractionTable.extractor).where(ExtractionTable.article_id == article_id)
    return session.scalar(statement)


def stored_extractors(session: Session, article_ids: list[str]) -> dict[str, str]:
    """``stored_extractor`` for many articles in one query (absent ones are left out)."""
    if not article_ids:
        return {}
    statement = select(ExtractionTable.article_id, ExtractionTable.extractor).where(
        ExtractionTable.article_id.in_(article_ids)
    )
    return {row.article_id: row.extractor for row in session.execute(statement)}


def write_extraction(
    session: Session, article: Article, extraction: Extraction, now: dt.datetime
) -> ExtractionStatus:
    """Store ``extraction`` for ``article`` (already stored) unless that version is there."""
    previous = stored_extractor(session, article.id)
    if previous == extraction.extractor:
        return "unchanged"
    if previous is not None:
        new_ids = {event.id for event in extraction.events}
        _supersede(session, article.id, previous, extraction.extractor, new_ids, now)
    _insert_rows(session, extraction_rows(article, extraction))
    session.execute(
        insert(ExtractionTable).values(
            article_id=article.id,
            extractor=extraction.extractor,
            extracted_at=now,
            events=len(extraction.events),
        )
    )
    return "new" if previous is None else "updated"


def _supersede(
    session: Session,
    article_id: str,
    old: str,
    new: str,
    new_ids: set[str],
    now: dt.datetime,
) -> None:
    old_ids = list(
        session.scalars(select(EventTable.id).where(EventTable.article_id == article_id))
    )
    _release_incidents(session, old_ids)
    records = [
        {
            "event_id": event_id,
            "extractor": old,
            "article_id": article_id,
            "superseded_by": new,
            "superseded_at": now,
            "retained": event_id in new_ids,
        }
        for event_id in old_ids
    ]
    if records:
        _insert_missing(session, SupersededEventTable.__table__, records)
    # Child rows of the events (actors, evidence, counts, claims, relations) cascade.
    session.execute(delete(EventTable).where(EventTable.article_id == article_id))
    for table in (EntityMentionTable, PlaceMentionTable, MineralMentionTable, ExtractionTable):
        session.execute(delete(table).where(table.article_id == article_id))


def _release_incidents(session: Session, event_ids: list[str]) -> None:
    """Put the other events of the incidents ``event_ids`` belong to back to pending, so the
    next linking pass rebuilds those incidents from what remains."""
    if not event_ids:
        return
    incidents = select(IncidentEventTable.incident_id).where(
        IncidentEventTable.event_id.in_(event_ids), IncidentEventTable.incident_id.is_not(None)
    )
    ids = list(session.scalars(incidents.distinct()))
    if ids:
        members = select(IncidentEventTable.event_id).where(
            IncidentEventTable.incident_id.in_(ids),
            IncidentEventTable.event_id.not_in(event_ids),
        )
        others = [{"event_id": event_id} for event_id in session.scalars(members)]
        _insert_missing(session, LinkQueueTable.__table__, others)
        session.execute(delete(IncidentEventTable).where(IncidentEventTable.incident_id.in_(ids)))
        session.execute(delete(IncidentTable).where(IncidentTable.id.in_(ids)))


def _insert_rows(session: Session, rows: ExtractionRows) -> None:
    # Shared rows first (other articles may have stored them already), then the article's own
    # rows, parents before children.
    _insert_missing(session, EntityTable.__table__, list(rows.entities.values()))
    _insert_missing(session, PlaceTable.__table__, list(rows.places.values()))
    for table, values in (
        (EntityMentionTable, rows.entity_mentions),
        (PlaceMentionTable, rows.place_mentions),
        (EventTable, rows.events),
        (EventActorTable, rows.actors),
        (EvidenceTable, rows.evidence),
        (EventCountTable, rows.counts),
        (ClaimTable, rows.claims),
        (RelationTable, rows.relations),
        (EventMineralTable, rows.event_minerals),
        (EventDealTable, rows.deals),
        (MineralMentionTable, rows.mineral_mentions),
        (LinkQueueTable, [{"event_id": row["id"]} for row in rows.events]),
    ):
        if values:
            # Core, not ORM, inserts: the ORM splits a batch wherever rows differ in which
            # values are None, which for events meant one statement per row (measured).
            session.execute(insert(table.__table__), values)


def _insert_missing(session: Session, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert rows whose primary key is not stored yet; existing ones are left as they are."""
    if not values:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - resolve_url admits only the two engines above
        raise NotImplementedError(dialect)
    session.execute(statement, values)
