"""Events: who did what to whom, where, when, how many, who says so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from faultline.errors import ExtractionError
from faultline.models.articles import ArticleRef, Span
from faultline.models.mentions import ActorKind, Mentions, PlacePrecision, TimePrecision
from faultline.models.minerals import Deal, MineralStake

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
Modality = Literal[
    "asserted", "claimed", "hedged", "planned", "proposed", "threatened", "hypothetical", "negated"
]
EventDateMethod = Literal["explicit", "relative_to_published", "published_fallback", "inferred"]
ActorRole = Literal["actor", "recipient"]
CoupOutcome = Literal["successful", "attempted", "plot"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Which text supports which field: ``field`` is "event", "date", "counts.killed", ..."""

    field: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class EventActor:
    role: ActorRole
    text: str
    name: str
    kind: ActorKind
    span: Span
    sector: str | None = None
    country: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    start: dt.date | None
    end: dt.date | None
    precision: TimePrecision | None
    method: EventDateMethod
    text: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class EventLocation:
    text: str
    name: str
    precision: PlacePrecision
    span: Span
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    displaced: int | None = None
    abducted: int | None = None
    people: int | None = None
    money_usd: int | None = None


@dataclass(frozen=True, slots=True)
class AcledCode:
    event_type: str
    sub_event_type: str
    disorder_type: str
    interaction: int | None = None


@dataclass(frozen=True, slots=True)
class Typing:
    """What kind of event a clause describes, in PLOVER and (where one applies) ACLED terms."""

    event_type: PloverType
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    acled: AcledCode | None = None
    confidence: float = 1.0
    method: str = "rules"  # rules | model | rules+model


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: the speaker of a claim, the cue word, and the evidence spans."""

    speaker: str | None
    speaker_text: str
    cue: str
    speaker_span: Span
    cue_span: Span
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Coup:
    outcome: CoupOutcome
    perpetrator: str | None = None  # Cline: military|dissident|rebel|palace|foreign|auto|...
    leader: str | None = None
    target: str | None = None
    foreign_nationals_involved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    article_id: str
    typing: Typing
    summary: str
    date: EventDate
    location: EventLocation | None
    actors: tuple[EventActor, ...]
    counts: Counts
    modality: Modality
    attribution: Attribution | None
    background: bool
    coup: Coup | None
    evidence: tuple[Evidence, ...]
    confidence: float
    extractor: str
    minerals: tuple[MineralStake, ...] = ()  # what the event is about, when it names minerals
    deal: Deal | None = None  # set for resource deals and offers

    @property
    def wording(self) -> str:
        """The words that state it (its first "event" evidence): what linking compares across
        reports, as a sentence vector."""
        return next((e.text for e in self.evidence if e.field == "event"), "")


# --- Relations: typed edges between entities, read from one article ------------------------

Predicate = Literal[
    # read from an event's actor → recipient pair, by the event's PLOVER type
    "attacks",
    "coerces",
    "sanctions",
    "accuses",
    "threatens",
    "protests_against",
    "rejects",
    "requests",
    "mobilizes_against",
    "retreats_from",
    "concedes_to",
    "consults",
    "supports",
    "allied_with",
    "cooperates_with",
    "deals_with",
    # read from phrases that state a standing tie
    "leads",
    "member_of",
    "opposes",
]
RelationMethod = Literal["event", "pattern"]


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject`` ``predicate`` ``object``, as one article says it (an edge of the graph).

    ``event_id`` is the event the edge was read from, None when a phrase says it directly
    ("Rwanda-backed M23", "Malanga, leader of the United Congolese Party"). ``stake`` names the
    minerals or money a ``deals_with`` edge is about.
    """

    article_id: str
    subject_id: str
    subject: str
    predicate: Predicate
    object_id: str
    object: str
    span: Span
    text: str
    modality: Modality = "asserted"
    method: RelationMethod = "pattern"
    date: dt.date | None = None
    event_id: str | None = None
    stake: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one extractor version found in one article: what the store keeps of it."""

    article_id: str
    extractor: str
    mentions: Mentions
    events: tuple[Event, ...]
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedBatch:
    """What a worker sends back for a batch of articles: each one's extraction, or the error
    that stopped it, and the vector of each event's wording (float32 bytes), which the writer
    needs to link the events and would otherwise compute a second time."""

    results: dict[str, Extraction | ExtractionError]
    wording_vectors: dict[str, bytes]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event read back from the store, with the article it came from."""

    event: Event
    article: ArticleRef


EventSort = Literal["date", "-date", "killed", "-killed", "country", "type"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events a query wants; every field narrows, None/empty means any.

    ``types`` match PLOVER types, ACLED event types or ACLED sub-event types (any case).
    Dates select events whose date range overlaps ``[since, until]``. ``near`` is a
    (lat, lon) point and ``km`` the radius: only events located at point or city precision
    can be near anything. ``text`` is a full-text query: every word must appear.
    """

    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float] | None = None
    km: float | None = None
    coup: bool = False
    min_killed: int | None = None
    text: str | None = None
    article_id: str | None = None
    include_background: bool = False
    minerals: tuple[str, ...] = ()  # mineral ids: events whose sentence names one of them


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a query: the events, the total that matched, and where the page starts."""

    events: tuple[StoredEvent, ...]
    total: int
    offset: int
    limit: int | None
