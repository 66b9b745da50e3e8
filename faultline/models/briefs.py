"""Country briefs: what one page says about a country over a period, and where each part of it
comes from.

Every number a brief shows is a ``TracedCount`` (or a reference row) that names the stored
events it was counted from, and every claim names its sources (``SourceRef``): a stored event,
an article (for a relation a phrase states without an event), or a reference row of the
minerals data. Citation numbers are given when the brief is rendered, in reading order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from faultline.models.events import CoupOutcome, StoredEvent
from faultline.models.links import CoupMatch, Incident
from faultline.models.minerals import (
    Deal,
    ExposureDriver,
    ExposureSeries,
    ProducingArea,
    ProductionShare,
)

# Violent is PLOVER's ASSAULT; coercive the rest of its conflict quads; cooperative the rest.
TypeFamily = Literal["violent", "coercive", "cooperative"]
TimelineUnit = Literal["month", "quarter", "year"]
SourceKind = Literal["event", "article", "reference"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """What a claim cites: a stored event id, an article id, or a reference row id."""

    kind: SourceKind
    id: str


@dataclass(frozen=True, slots=True)
class Source:
    """Everything a citation lists about one source.

    For an event or article: the article's title, outlet, publication date and URL, and a short
    quote of the evidence. For a reference row: the publication as ``title``, the year of its
    figure as ``published`` (none for a producing area), and the publication's URL.
    """

    ref: SourceRef
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    quote: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source and the number ``[n]`` the rendered brief gives it. Reference rows of one
    publication share a number: ``rows`` lists every row cited under it."""

    number: int
    source: Source
    rows: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TracedCount:
    """A number shown in a brief and the stored events it was counted from."""

    value: int
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Happening:
    """One happening in the period: a linked incident with the period's reports of it, or a
    single event that no incident of the country holds. ``killed`` is the incident's
    reconciled figure (reports disagree; one figure per happening avoids counting a death
    once per article)."""

    id: str  # incident id, or the event id of an unlinked event
    incident: Incident | None
    events: tuple[StoredEvent, ...]
    killed: TracedCount


@dataclass(frozen=True, slots=True)
class BriefHeader:
    iso3: str
    name: str
    since: dt.date | None
    until: dt.date | None
    generated: dt.date
    store: str
    events: TracedCount
    incidents: TracedCount
    killed: TracedCount
    coups: TracedCount
    undated: TracedCount  # counted in ``events``, but with no date to place on the timeline


@dataclass(frozen=True, slots=True)
class TimelineBin:
    """One bar of the timeline: the period's events in it, by type family, and the killed of
    the happenings that began in it."""

    label: str  # "2024-05", "2024-Q2" or "2024"
    start: dt.date
    end: dt.date
    violent: tuple[str, ...]
    coercive: tuple[str, ...]
    cooperative: tuple[str, ...]
    killed: TracedCount

    @property
    def events(self) -> tuple[str, ...]:
        return (*self.violent, *self.coercive, *self.cooperative)


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """One line of the key-events list; ``rank`` is also its pin's number on the map."""

    rank: int
    happening_id: str
    event_type: str
    family: TypeFamily
    date: dt.date | None
    place: str | None
    summary: str
    killed: TracedCount | None
    speaker: str | None  # who says so, when the report attributes it
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class MapPin:
    """A happening located at point or city precision; ``number`` when it is a key event."""

    lat: float
    lon: float
    place: str
    family: TypeFamily
    number: int | None
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoupEntry:
    happening_id: str
    outcome: CoupOutcome
    perpetrator: str | None
    leader: str | None
    target: str | None
    date: dt.date | None
    place: str | None
    match: CoupMatch | None  # the Cline Center record, or why there is none
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class KeyActor:
    """An entity taking part in the period's events; ``events`` are those it appears in."""

    entity_id: str | None
    name: str
    kind: str
    sector: str | None
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorRelation:
    """An edge of the knowledge graph between the country's actors, as the period's articles
    state it."""

    subject: str
    predicate: str
    object: str
    stakes: tuple[str, ...]
    first_seen: dt.date | None
    last_seen: dt.date | None
    sources: tuple[SourceRef, ...]
    quotes: tuple[str, ...] = ()  # the words stating it, one per source


@dataclass(frozen=True, slots=True)
class MineralShareLine:
    """The country's share of world production of one mineral, and where it is mined."""

    mineral: str
    name: str
    share: ProductionShare
    areas: tuple[ProducingArea, ...]


@dataclass(frozen=True, slots=True)
class ProvinceNote:
    """A producing province for the map legend: the minerals mined there, by reference row."""

    admin1: str
    minerals: tuple[str, ...]  # mineral names
    rows: tuple[str, ...]  # ProducingArea row ids


@dataclass(frozen=True, slots=True)
class MineralNamed:
    """A mineral the country's events are about, and those events."""

    mineral: str
    name: str
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DealLine:
    event_id: str
    date: dt.date | None
    summary: str
    deal: Deal
    mineral_names: tuple[str, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class MineralExposure:
    """A mineral's exposure over the period and the drivers the brief shows (largest first)."""

    mineral: str
    name: str
    series: ExposureSeries
    drivers: tuple[ExposureDriver, ...]


@dataclass(frozen=True, slots=True)
class BriefMinerals:
    shares: tuple[MineralShareLine, ...]
    provinces: tuple[ProvinceNote, ...]
    named: tuple[MineralNamed, ...]
    deals: tuple[DealLine, ...]
    exposure: tuple[MineralExposure, ...]


@dataclass(frozen=True, slots=True)
class BriefData:
    """Everything a country brief shows, gathered from the store and the reference data."""

    header: BriefHeader
    numeric: str | None  # ISO 3166 numeric code: how the map geometry names the country
    timeline_unit: TimelineUnit
    timeline: tuple[TimelineBin, ...]
    pins: tuple[MapPin, ...]
    unpinned: TracedCount  # events located only to a province, the country or a region
    coups: tuple[CoupEntry, ...]
    key_events: tuple[KeyEvent, ...]
    actors: tuple[KeyActor, ...]
    relations: tuple[ActorRelation, ...]
    minerals: BriefMinerals
    sources: tuple[Source, ...]  # every source a claim cites, unnumbered


@dataclass(frozen=True, slots=True)
class CountryShape:
    """A country's outline decoded from the map geometry: rings of (lon, lat) points."""

    numeric: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    arcs: frozenset[int]  # the topology's arcs it is drawn from: shared arcs mean neighbours

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees."""
        lons = [lon for ring in self.rings for lon, _ in ring]
        lats = [lat for ring in self.rings for _, lat in ring]
        return min(lons), min(lats), max(lons), max(lats)


@dataclass(frozen=True, slots=True)
class RenderedBrief:
    """A brief as one self-contained HTML page, and the citations it numbered."""

    html: str
    citations: tuple[Citation, ...]
