"""Typed records passed between pipeline stages.

Every record is a frozen, slotted dataclass: stages return new records
(``dataclasses.replace``) instead of mutating shared state, and every record that comes from
text carries its character span. Field order is output order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DatePrecision = Literal["day", "month", "year"]
# How the publication date was obtained: stated in the text with its year, given by the input's
# metadata (JSONL field, HTML meta, feed entry), given on the command line, or found without a
# year and left incomplete rather than guessed.
DateMethod = Literal["text", "metadata", "cli", "missing_year", "missing"]
InputFormat = Literal["txt", "md", "html", "jsonl", "feed", "stdin"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the normalised text back to the original text (and forward again).

    Stored as anchors ``(normalised_offset, original_offset)`` sorted by normalised offset:
    an offset maps to its anchor's original offset plus its distance from the anchor.
    Characters the normaliser inserted (e.g. a space joining a broken paragraph) get their own
    anchor pointing at the original text they replace.
    """

    normalised: tuple[int, ...] = (0,)
    original: tuple[int, ...] = (0,)
    normalised_length: int = 0
    original_length: int = 0

    def to_original(self, offset: int) -> int:
        if not 0 <= offset <= self.normalised_length:
            raise ValueError(f"offset {offset} outside normalised text of {self.normalised_length}")
        i = bisect.bisect_right(self.normalised, offset) - 1
        return min(self.original[i] + (offset - self.normalised[i]), self.original_length)

    def to_original_span(self, span: Span) -> Span:
        start = self.to_original(span.start)
        if span.end == span.start:
            return Span(start, start)
        # Map the last character, not the end boundary, so a span never swallows removed text.
        end = self.to_original(span.end - 1) + 1
        return Span(start, max(start, min(end, self.original_length)))

    def to_normalised(self, offset: int) -> int:
        """The normalised offset of ``offset``, or of the first kept character after it."""
        if not 0 <= offset <= self.original_length:
            raise ValueError(f"offset {offset} outside original text of {self.original_length}")
        # Anchors are in text order on both sides, so one binary search finds the run.
        i = bisect.bisect_right(self.original, offset) - 1
        if i >= 0 and offset < self.original[i] + self._run_length(i):
            return self.normalised[i] + (offset - self.original[i])
        following = i + 1
        if following < len(self.normalised):
            return self.normalised[following]
        return self.normalised_length

    def _run_length(self, i: int) -> int:
        end = self.normalised[i + 1] if i + 1 < len(self.normalised) else self.normalised_length
        return end - self.normalised[i]


@dataclass(frozen=True, slots=True)
class RemovedText:
    """Text the normaliser dropped, with why, as an original-text span."""

    reason: str
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date that says how precise and how certain it is."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: DatePrecision | None = None
    method: DateMethod = "missing"
    text: str | None = None
    span: Span | None = None

    @property
    def iso(self) -> str | None:
        """ISO 8601, truncated to the precision; ``--MM-DD`` when only the year is missing."""
        if self.year is None:
            if self.month is not None and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def year_missing(self) -> bool:
        return self.year is None and self.month is not None

    def as_date(self) -> dt.date | None:
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_date(
        cls, value: dt.date, *, method: DateMethod, text: str | None = None
    ) -> PublishedDate:
        return cls(value.year, value.month, value.day, "day", method, text)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from its container, before normalisation.

    ``record`` locates it inside a multi-article container ("line 3", "entry 2"); the ``*_hint``
    fields carry metadata the container itself gave (JSONL fields, HTML meta, feed entries).
    """

    path: str
    format: InputFormat
    text: str
    record: str | None = None
    encoding: str = "utf-8"
    title_hint: str | None = None
    author_hint: str | None = None
    published_hint: str | None = None
    url: str | None = None
    source_hint: str | None = None

    @property
    def location(self) -> str:
        return f"{self.path} ({self.record})" if self.record else self.path


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised article: clean text plus everything needed to trace it back."""

    id: str
    text: str
    title: str | None
    author: str | None
    source: str | None
    published: PublishedDate
    url: str | None
    path: str
    record: str | None
    format: InputFormat
    language: str | None
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    boilerplate: tuple[RemovedText, ...]
    original_text: str
    offset_map: OffsetMap
    encoding: str = "utf-8"

    @property
    def location(self) -> str:
        return f"{self.path} ({self.record})" if self.record else self.path

    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def ref(self) -> ArticleRef:
        return ArticleRef(
            self.id, self.title, self.source, self.author, self.published, self.url, self.path
        )


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What an event record says about its article: enough to cite it, not its text."""

    id: str
    title: str | None
    source: str | None
    author: str | None
    published: PublishedDate
    url: str | None
    path: str


# --- Mentions: every actor, place, time and number in an article, each with its span ------------

ActorKind = Literal[
    "state",
    "government",
    "military",
    "police",
    "rebel",
    "militia",
    "civilians",
    "person",
    "igo",
    "ngo",
    "party",
    "company",
    "media",
    "group",
    "other",
]
PlacePrecision = Literal["point", "city", "admin2", "admin1", "country", "region"]
TimePrecision = Literal["day", "week", "month", "year", "decade"]
TimeMethod = Literal["explicit", "relative_to_published", "inferred"]
QuantityCategory = Literal[
    "killed",
    "injured",
    "arrested",
    "displaced",
    "abducted",
    "troops",
    "people",
    "money",
    "percent",
    "other",
]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Who: a span resolved to a knowledge-base actor (or an unresolved named one)."""

    span: Span
    text: str
    name: str
    kind: ActorKind
    sector: str | None = None  # PLOVER/CAMEO agent code: GOV, MIL, COP, REB, CVL, IGO, ...
    country: str | None = None  # ISO 3166-1 alpha-3
    entity_id: str | None = None  # knowledge-base id; None when only the NER saw it
    role: str | None = None  # for persons: "president", "spokesman", "coup leader", ...
    method: str = "kb"  # kb | alias | fuzzy | coref | demonym | metonym | ner | generic
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Where: a span resolved to a gazetteer place (country-only mentions stay countries)."""

    span: Span
    text: str
    name: str
    precision: PlacePrecision
    country: str | None = None  # ISO3
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    feature: str | None = None  # city | admin1 | admin2 | country | region | landmark
    score: float = 1.0
    method: str = "gazetteer"  # gazetteer | country | context | region | ...


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """When: a date expression resolved to a closed date range with its precision."""

    span: Span
    text: str
    start: dt.date | None
    end: dt.date | None
    precision: TimePrecision | None
    method: TimeMethod
    note: str | None = None  # e.g. "year inferred: month after publication month"


@dataclass(frozen=True, slots=True)
class Quantity:
    """How many: a number tied to what it counts and the word that binds it."""

    span: Span
    text: str
    value: float
    category: QuantityCategory
    unit: str | None = None  # "people", "USD", "percent", "soldiers", ...
    approximate: bool = False  # "some 50", "about", "several dozen"
    hedge: str | None = None  # "at least", "reportedly", "up to", ...
    head: str | None = None  # lemma of the verb/noun that binds it: "kill", "arrest", "dead"
    head_span: Span | None = None
    # Set on a part of a larger count ("50 people, including three US citizens, were arrested":
    # the 3 points at "people"), so totals never add a part to its whole.
    part_of: Span | None = None


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything the mention stage found in one article."""

    article_id: str
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()


# "updated": a stored article re-extracted because the extractor version changed.
IngestStatus = Literal["new", "updated", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one input (one article, or one unreadable input)."""

    location: str
    status: IngestStatus
    article_id: str | None = None
    title: str | None = None
    error_code: str | None = None
    message: str | None = None
    events: int | None = None  # events stored for the article by this ingest, when extracted


@dataclass(frozen=True, slots=True)
class IngestSummary:
    outcomes: tuple[IngestOutcome, ...] = field(default_factory=tuple)

    def count(self, status: IngestStatus) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def read(self) -> int:
        return len(self.outcomes)

    @property
    def events(self) -> int:
        """Events stored by this ingest (articles extracted again count their new events)."""
        return sum(o.events or 0 for o in self.outcomes)

    @property
    def failed(self) -> tuple[IngestOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


# --- Events: who did what to whom, where, when, how many, who says so -----------------------

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


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one extractor version found in one article: what the store keeps of it."""

    article_id: str
    extractor: str
    mentions: Mentions
    events: tuple[Event, ...]


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


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a query: the events, the total that matched, and where the page starts."""

    events: tuple[StoredEvent, ...]
    total: int
    offset: int
    limit: int | None
