"""Links across articles: incidents and their reports, entities, relations, known coups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from faultline.models.events import CoupOutcome, Modality, PloverType, Predicate
from faultline.models.mentions import ActorKind, PlacePrecision, TimePrecision

# --- Incidents: one happening, every report of it ------------------------------------------

CountName = Literal["killed", "injured", "arrested", "displaced", "abducted", "people", "money_usd"]


@dataclass(frozen=True, slots=True)
class CountReport:
    """One report's figure for one count: the article, its outlet, and what it said."""

    value: int
    article_id: str
    source: str | None
    event_id: str
    modality: Modality


@dataclass(frozen=True, slots=True)
class ReconciledCount:
    """Every report's figure for one count, and the estimate our rule keeps (README)."""

    name: CountName
    best: int
    low: int
    high: int
    reports: tuple[CountReport, ...]

    @property
    def conflicting(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """One event of an incident as one article reported it."""

    event_id: str
    article_id: str
    source: str | None
    title: str | None
    published: str | None
    event_type: PloverType
    summary: str
    date_start: dt.date | None
    date_end: dt.date | None
    location: str | None
    modality: Modality
    speaker: str | None
    background: bool


CoupMatchStatus = Literal["matched", "new"]


@dataclass(frozen=True, slots=True)
class CoupMatch:
    """An extracted coup against the Cline Center list: its record, or why there is none.

    ``new`` means the list has no such coup; ``covered`` says whether the list covers the
    coup's year at all (1945-2022): a coup after it is new to the list, and its absence there
    says nothing about it.
    """

    status: CoupMatchStatus
    coup_id: str | None = None
    country: str | None = None
    date: dt.date | None = None
    event_type: str | None = None  # Cline: coup | attempted | conspiracy
    days_apart: int | None = None
    covered: bool = True


@dataclass(frozen=True, slots=True)
class Incident:
    """Events from any number of articles that report the same happening."""

    id: str
    event_type: PloverType
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: TimePrecision | None
    country: str | None
    location: str | None
    location_precision: PlacePrecision | None
    lat: float | None
    lon: float | None
    coup: CoupOutcome | None
    events: int
    articles: int
    sources: int
    summary: str
    background: bool = False  # every report tells it as history
    counts: tuple[ReconciledCount, ...] = ()
    reports: tuple[IncidentReport, ...] = ()
    coup_match: CoupMatch | None = None


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """Which incidents to list; empty fields do not filter."""

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float] | None = None
    km: float | None = None
    coup: bool = False
    min_reports: int = 1
    text: str | None = None
    include_background: bool = False


# --- Entities across articles ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityAlias:
    """One way articles name an entity, and how often."""

    text: str
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """An event the entity takes part in, for its timeline."""

    event_id: str
    incident_id: str | None
    role: str
    event_type: PloverType
    date_start: dt.date | None
    summary: str
    article_id: str


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """Every article's edge ``subject predicate object``, aggregated."""

    subject_id: str
    subject: str
    predicate: Predicate
    object_id: str
    object: str
    articles: int
    mentions: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    stakes: tuple[str, ...] = ()
    evidence: tuple[tuple[str, int, int, str], ...] = ()  # (article id, start, end, text)


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the store knows of one entity, under all its names."""

    id: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    source: str  # kb | ner
    members: tuple[str, ...]  # every entity id merged into this one (itself included)
    aliases: tuple[EntityAlias, ...]
    articles: int
    events: tuple[EntityEvent, ...]
    relations: tuple[GraphEdge, ...]
