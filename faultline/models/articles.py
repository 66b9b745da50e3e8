"""Articles: what was read, normalised, with offsets back to the original."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

DatePrecision = Literal["day", "month", "year"]
# How the publication date was obtained: stated in the text with its year, given by the input's
# metadata (JSONL field, HTML meta, feed entry), given on the command line, or found without a
# year and left incomplete rather than guessed.
DateMethod = Literal["text", "metadata", "cli", "missing_year", "missing"]
InputFormat = Literal["txt", "md", "html", "jsonl", "feed", "stdin"]
# The years read as dates, in text or as a publication date: news and the history it recalls,
# with room either side for the date arithmetic that follows (a day before 0001-01-01 or after
# 9999-12-31 overflows, and no report comes from either). The time rules' years agree.
DATE_YEARS = range(1000, 2100)


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
    """What an ingest did: counts by status, events stored, every failure, and the outcomes
    themselves up to a limit (a stream of millions of articles keeps only the counts)."""

    outcomes: tuple[IngestOutcome, ...] = ()
    counts: tuple[tuple[IngestStatus, int], ...] = ()
    events_stored: int = 0
    failures: tuple[IngestOutcome, ...] = ()

    @classmethod
    def of(cls, outcomes: Iterable[IngestOutcome], *, keep: int | None = None) -> IngestSummary:
        """Summarise outcomes as they stream past, keeping at most ``keep`` of them."""
        counts: dict[IngestStatus, int] = {}
        kept: list[IngestOutcome] = []
        failures: list[IngestOutcome] = []
        events = 0
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            events += outcome.events or 0
            if outcome.status == "failed":
                failures.append(outcome)
            if keep is None or len(kept) < keep:
                kept.append(outcome)
        return cls(tuple(kept), tuple(counts.items()), events, tuple(failures))

    def count(self, status: IngestStatus) -> int:
        return dict(self.counts).get(status, 0)

    @property
    def read(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def complete(self) -> bool:
        """Whether ``outcomes`` holds every outcome, not just the first few."""
        return len(self.outcomes) == self.read

    @property
    def events(self) -> int:
        """Events stored by this ingest (articles extracted again count their new events)."""
        return self.events_stored

    @property
    def failed(self) -> tuple[IngestOutcome, ...]:
        return self.failures


@dataclass(frozen=True, slots=True)
class StoreDigest:
    """What a store holds, as counts and content hashes (``faultline digest``)."""

    articles: int
    events: int
    incidents: int
    events_sha256: str
    incidents_sha256: str
