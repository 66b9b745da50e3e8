"""Load an incident's member events as reports: article, outlet, figures, who says so."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from faultline.link.loading import chunks
from faultline.link.reconcile import Member
from faultline.models import IncidentReport
from faultline.store.event_codec import as_date
from faultline.store.tables import ArticleTable, ClaimTable, EventCountTable, EventTable

_COLUMNS = (
    EventTable.id,
    EventTable.article_id,
    EventTable.event_type,
    EventTable.summary,
    EventTable.date_start,
    EventTable.date_end,
    EventTable.date_precision,
    EventTable.location_name,
    EventTable.location_precision,
    EventTable.country,
    EventTable.lat,
    EventTable.lon,
    EventTable.modality,
    EventTable.background,
    EventTable.coup_outcome,
    EventTable.confidence,
    EventTable.ordinal,
    ArticleTable.source,
    ArticleTable.title,
    ArticleTable.published,
    ClaimTable.speaker,
    ClaimTable.speaker_text,
)


def load_members(session: Session, event_ids: Sequence[str]) -> list[Member]:
    """The events ``event_ids`` as incident members, in id order."""
    members: list[Member] = []
    for chunk in chunks(sorted(event_ids)):
        counts = _counts(session, chunk)
        statement = (
            select(*_COLUMNS)
            .join(ArticleTable, ArticleTable.id == EventTable.article_id)
            .outerjoin(ClaimTable, ClaimTable.event_id == EventTable.id)
            .where(EventTable.id.in_(chunk))
            .order_by(EventTable.id)
        )
        members += [_member(row, counts.get(row.id, {})) for row in session.execute(statement)]
    return members


def _counts(session: Session, ids: list[str]) -> dict[str, dict[str, int]]:
    statement = select(EventCountTable.event_id, EventCountTable.category, EventCountTable.value)
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for row in session.execute(statement.where(EventCountTable.event_id.in_(ids))):
        found[row.event_id][row.category] = row.value
    return found


def _member(row: Any, counts: dict[str, int]) -> Member:
    report = IncidentReport(
        event_id=row.id,
        article_id=row.article_id,
        source=row.source,
        title=row.title,
        published=row.published,
        event_type=row.event_type,
        summary=row.summary,
        date_start=as_date(row.date_start),
        date_end=as_date(row.date_end),
        location=row.location_name,
        modality=row.modality,
        speaker=row.speaker or row.speaker_text,
        background=bool(row.background),
    )
    return Member(
        report=report,
        date_precision=row.date_precision,
        country=row.country,
        location_precision=row.location_precision,
        lat=row.lat,
        lon=row.lon,
        coup=row.coup_outcome,
        confidence=row.confidence,
        ordinal=row.ordinal,
        counts=counts,
    )
