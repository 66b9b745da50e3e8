"""Database tables, as SQLAlchemy 2 declarative classes.

These classes are the source of truth that migrations are checked against (a test compares
them with the migrated schema), but the schema itself is created only by the migrations in
``faultline/store/migrations``: change both together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Explicit constraint names so the hand-written migrations and these classes agree, and so
# a later migration can drop or alter a constraint by name on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute as is
        str: Text(),
        int: Integer(),
        dt.datetime: DateTime(timezone=True),
        list[Any]: JSON(),
        list[Any] | None: JSON(),
        dict[str, Any]: JSON(),
    }


class ArticleTable(Base):
    """One normalised article; ``path``/``record`` say where it was first seen."""

    __tablename__ = "articles"
    __table_args__ = (Index(None, "published"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str]
    original_text: Mapped[str]
    title: Mapped[str | None]
    author: Mapped[str | None]
    source: Mapped[str | None]
    url: Mapped[str | None]
    path: Mapped[str]
    record: Mapped[str | None]
    format: Mapped[str]
    language: Mapped[str | None]
    encoding: Mapped[str]
    # ISO text truncated to the precision ("2024-03", or "--03-10" without a year), so that
    # listing by date needs no parsing; the parts below rebuild the PublishedDate exactly.
    published: Mapped[str | None]
    published_year: Mapped[int | None]
    published_month: Mapped[int | None]
    published_day: Mapped[int | None]
    published_precision: Mapped[str | None]
    published_method: Mapped[str]
    published_text: Mapped[str | None]
    published_start: Mapped[int | None]
    published_end: Mapped[int | None]
    paragraphs: Mapped[list[Any]]
    sentences: Mapped[list[Any]]
    offset_map: Mapped[dict[str, Any]]
    word_count: Mapped[int]
    first_seen_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]


class ArticleSourceTable(Base):
    """Every place an article was read from; the same text may arrive from many files."""

    __tablename__ = "article_sources"
    __table_args__ = (
        UniqueConstraint("article_id", "path", "record"),
        Index(None, "path"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    path: Mapped[str]
    # "" rather than NULL for "no record": NULLs never collide in a unique constraint, which
    # would let the same file be recorded twice.
    record: Mapped[str] = mapped_column(default="", server_default="")
    seen_at: Mapped[dt.datetime]


class BoilerplateTable(Base):
    """Text the normaliser removed from an article, in order, with the reason."""

    __tablename__ = "boilerplate"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str]
    text: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]


class IngestFailureTable(Base):
    """An input that could not become an article, kept so failures can be reviewed later."""

    __tablename__ = "ingest_failures"
    __table_args__ = (Index(None, "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    location: Mapped[str]
    error_code: Mapped[str]
    message: Mapped[str]
    occurred_at: Mapped[dt.datetime]


# --- What extraction found: events and everything they point at ------------------------------
#
# An article's events, mentions, claims and relations are written together, in the article's
# transaction, and replaced together when a newer extractor version runs. Rows that belong to
# one article cascade from it; entities and places are shared by every article that names them.


class ExtractionTable(Base):
    """Which extractor version produced the events now stored for an article."""

    __tablename__ = "extractions"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    extractor: Mapped[str]
    extracted_at: Mapped[dt.datetime]
    events: Mapped[int]


class EntityTable(Base):
    """A person, group, institution or state; knowledge-base ids, or ``ent_`` ids for names
    only the NER found."""

    __tablename__ = "entities"
    __table_args__ = (Index(None, "name"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    kind: Mapped[str]
    sector: Mapped[str | None]
    country: Mapped[str | None]
    source: Mapped[str]  # kb | ner


class EntityMentionTable(Base):
    """Where an article names an entity."""

    __tablename__ = "entity_mentions"
    __table_args__ = (Index(None, "entity_id"),)

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(primary_key=True)
    end: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"))
    text: Mapped[str]
    method: Mapped[str]
    score: Mapped[float] = mapped_column(Float())


class PlaceTable(Base):
    """A resolved place: a GeoNames place, an admin area, a region or a country."""

    __tablename__ = "places"
    __table_args__ = (Index(None, "country"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    precision: Mapped[str]
    country: Mapped[str | None]
    admin1: Mapped[str | None]
    geonames_id: Mapped[int | None]
    lat: Mapped[float | None] = mapped_column(Float())
    lon: Mapped[float | None] = mapped_column(Float())
    feature: Mapped[str | None]


class PlaceMentionTable(Base):
    """Where an article names a place."""

    __tablename__ = "place_mentions"
    __table_args__ = (Index(None, "place_id"),)

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(primary_key=True)
    end: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[str] = mapped_column(ForeignKey("places.id"))
    text: Mapped[str]
    method: Mapped[str]
    score: Mapped[float] = mapped_column(Float())


class EventTable(Base):
    """One event, flat: the columns analysts filter and sort on, plus what rebuilds the record.

    ``location_*`` is the event's own copy of its place (as an ACLED row carries it) so that
    filters need no join; ``place_id`` links it to the shared place. ``fatalities`` repeats
    ``counts.killed`` for sorting, filtering and sums. ``search_key`` is a 63-bit hash of the
    id: SQLite's full-text index is keyed by integers. PostgreSQL adds two generated columns
    the classes do not declare (``search`` tsvector, ``geog`` geography), see migration 0002.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index(None, "article_id"),
        # ``background`` and ``id`` ride along so that counting and choosing a page of the
        # common filters reads the index alone; the page's rows are fetched afterwards.
        Index(None, "country", "date_start", "date_end", "background", "id"),
        Index(None, "date_start", "date_end", "background", "id"),
        Index(None, "event_type"),
        Index(None, "acled_event_type"),
        Index(None, "acled_sub_event_type"),
        Index(None, "lat", "lon", "background", "date_start", "id"),
        Index(None, "fatalities"),
        UniqueConstraint("search_key"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    search_key: Mapped[int] = mapped_column(BigInteger())
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    extractor: Mapped[str]
    event_type: Mapped[str]
    mode: Mapped[str | None]
    contexts: Mapped[list[Any]]
    typing_method: Mapped[str]
    typing_confidence: Mapped[float] = mapped_column(Float())
    acled_event_type: Mapped[str | None]
    acled_sub_event_type: Mapped[str | None]
    acled_disorder_type: Mapped[str | None]
    acled_interaction: Mapped[int | None]
    summary: Mapped[str]
    date_start: Mapped[dt.date | None] = mapped_column(Date())
    date_end: Mapped[dt.date | None] = mapped_column(Date())
    date_precision: Mapped[str | None]
    date_method: Mapped[str]
    date_text: Mapped[str | None]
    date_text_start: Mapped[int | None]
    date_text_end: Mapped[int | None]
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"))
    location_text: Mapped[str | None]
    location_name: Mapped[str | None]
    location_precision: Mapped[str | None]
    location_start: Mapped[int | None]
    location_end: Mapped[int | None]
    country: Mapped[str | None]
    admin1: Mapped[str | None]
    geonames_id: Mapped[int | None]
    lat: Mapped[float | None] = mapped_column(Float())
    lon: Mapped[float | None] = mapped_column(Float())
    fatalities: Mapped[int | None]
    modality: Mapped[str]
    background: Mapped[bool] = mapped_column(Boolean())
    coup_outcome: Mapped[str | None]
    coup_perpetrator: Mapped[str | None]
    coup_leader: Mapped[str | None]
    coup_target: Mapped[str | None]
    coup_foreign_nationals: Mapped[list[Any] | None]
    confidence: Mapped[float] = mapped_column(Float())
    search_text: Mapped[str]


class EventActorTable(Base):
    """An event's actors and recipients, in the record's order."""

    __tablename__ = "event_actors"
    __table_args__ = (Index(None, "entity_id"), Index(None, "name"))

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str]
    text: Mapped[str]
    name: Mapped[str]
    kind: Mapped[str]
    sector: Mapped[str | None]
    country: Mapped[str | None]
    entity_id: Mapped[str | None]
    start: Mapped[int]
    end: Mapped[int]


class EvidenceTable(Base):
    """The text that supports each field of an event, as offsets into the article text."""

    __tablename__ = "evidence"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str]


class EventCountTable(Base):
    """One figure of an event (killed, injured, arrested, ..., money_usd), non-null ones only."""

    __tablename__ = "event_counts"
    __table_args__ = (Index(None, "category", "value"),)

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger())


class ClaimTable(Base):
    """An event the article attributes to someone: who says so, with which cue."""

    __tablename__ = "claims"
    __table_args__ = (Index(None, "speaker_entity_id"), Index(None, "article_id"))

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    speaker: Mapped[str | None]
    speaker_text: Mapped[str]
    speaker_entity_id: Mapped[str | None]
    cue: Mapped[str]
    speaker_start: Mapped[int]
    speaker_end: Mapped[int]
    cue_start: Mapped[int]
    cue_end: Mapped[int]
    modality: Mapped[str]


class EventMineralTable(Base):
    """A mineral an event is about, with the words that name it (``events/deals.py``)."""

    __tablename__ = "event_minerals"
    __table_args__ = (Index(None, "mineral"),)

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    mineral: Mapped[str]
    text: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]


class EventDealTable(Base):
    """The deal or offer a resource event states: its kind, parties, minerals and money.

    ``parties`` is a JSON list of {name, text, start, end, entity_id}: a deal's parties are
    read with the deal and never filtered on, so a child table would buy nothing.
    """

    __tablename__ = "event_deals"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str]
    parties: Mapped[list[Any]]
    minerals: Mapped[list[Any]]
    money_usd: Mapped[int | None] = mapped_column(BigInteger())


class MineralMentionTable(Base):
    """Where an article names minerals, and which (``mentions/minerals.py``)."""

    __tablename__ = "mineral_mentions"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    start: Mapped[int] = mapped_column(primary_key=True)
    end: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    minerals: Mapped[list[Any]]


class RelationTable(Base):
    """A typed edge between two entities as one article states it: read from an event's actor
    and recipient (``event_id`` set) or from a phrase ("the Rwanda-backed M23"). The graph
    aggregates them across articles."""

    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "subject_id", "predicate", "object_id"),
        Index(None, "subject_id"),
        Index(None, "object_id"),
        Index(None, "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    subject_id: Mapped[str] = mapped_column(ForeignKey("entities.id"))
    predicate: Mapped[str]
    object_id: Mapped[str] = mapped_column(ForeignKey("entities.id"))
    modality: Mapped[str]
    date: Mapped[dt.date | None] = mapped_column(Date())
    start: Mapped[int]
    end: Mapped[int]
    method: Mapped[str]  # event | pattern
    text: Mapped[str]
    stake: Mapped[str | None]


class SupersededEventTable(Base):
    """An event id an older extractor version stored and a newer one replaced.

    ``retained`` says whether the newer version produced an event with the same id (the same
    clause typed the same way), so a consumer syncing deletions removes only the others.
    """

    __tablename__ = "superseded_events"
    __table_args__ = (Index(None, "article_id"),)

    event_id: Mapped[str] = mapped_column(primary_key=True)
    extractor: Mapped[str] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    superseded_by: Mapped[str]
    superseded_at: Mapped[dt.datetime]
    retained: Mapped[bool] = mapped_column(Boolean())


class IncidentTable(Base):
    """One happening, as every stored article that reports it tells it (issue 6).

    Rebuilt from its member events whenever one joins or leaves, so every column here is
    derived: the columns analysts filter and sort on, plus the reconciled counts.
    """

    __tablename__ = "incidents"
    __table_args__ = (
        Index(None, "country", "date_start"),
        Index(None, "date_start"),
        Index(None, "lat", "lon"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    event_type: Mapped[str]
    date_start: Mapped[dt.date | None] = mapped_column(Date())
    date_end: Mapped[dt.date | None] = mapped_column(Date())
    date_precision: Mapped[str | None]
    country: Mapped[str | None]
    location: Mapped[str | None]
    location_precision: Mapped[str | None]
    lat: Mapped[float | None] = mapped_column(Float())
    lon: Mapped[float | None] = mapped_column(Float())
    coup: Mapped[str | None]
    events: Mapped[int]
    articles: Mapped[int]
    sources: Mapped[int]
    summary: Mapped[str]
    background: Mapped[bool] = mapped_column(Boolean())  # every report tells it as history
    killed_best: Mapped[int | None]
    killed_low: Mapped[int | None]
    killed_high: Mapped[int | None]
    counts: Mapped[list[Any]]  # every reconciled count, with each report's figure
    coup_status: Mapped[str | None]  # matched | new | outside (Cline Center list)
    coup_ref: Mapped[str | None]
    coup_days_apart: Mapped[int | None]
    coup_covered: Mapped[bool | None] = mapped_column(Boolean())  # the list covers its year


class IncidentEventTable(Base):
    """Which incident an event belongs to, once linking has seen it: every realised event
    belongs to exactly one; ``incident_id`` is None for events that report no happening
    (planned, threatened, hypothetical, denied)."""

    __tablename__ = "incident_events"
    __table_args__ = (Index(None, "incident_id"),)

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    incident_id: Mapped[str | None]


class LinkQueueTable(Base):
    """Events linking has still to see: written with the events, in their transaction, and
    emptied by each linking pass, so finding the pending events never scans the store."""

    __tablename__ = "link_queue"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )


class EventLinkTable(Base):
    """Two events judged to report the same happening, and why (``reasons``)."""

    __tablename__ = "event_links"
    __table_args__ = (Index(None, "other_id"),)

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float] = mapped_column(Float())
    reasons: Mapped[list[Any]]


class EventVectorTable(Base):
    """The sentence embedding of an event's wording (float16), for comparing reports."""

    __tablename__ = "event_vectors"

    event_id: Mapped[str] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    vector: Mapped[bytes] = mapped_column(LargeBinary())


class EntityLinkTable(Base):
    """An entity id that names the same person or group as ``canonical_id`` (issue 6).

    Ids are never renamed: an entity merged into another keeps its id and gets a row here.
    """

    __tablename__ = "entity_links"
    __table_args__ = (Index(None, "canonical_id"),)

    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), primary_key=True)
    canonical_id: Mapped[str] = mapped_column(ForeignKey("entities.id"))
    rule: Mapped[str]
    score: Mapped[float] = mapped_column(Float())
