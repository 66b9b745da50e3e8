"""What each route answers, as OpenAPI documents it: the success bodies and the one error shape.

These models are the documentation, not a second serialisation: the routes build their JSON with
the same functions the CLI uses (``event_to_json``, ``incident_json``, ...) and FastAPI only
passes it through, because validating a page of 5,000 events against nested models on every
request would cost more than the query. ``tests/api/test_schema.py`` (schemathesis) checks that
every answer conforms to these models, so they cannot drift from what is served.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from faultline.models import (
    AcledCode,
    Counts,
    DealKind,
    EntityProfile,
    ExposureSeries,
    Incident,
    ProducingArea,
    ProductionShare,
)
from faultline.models.articles import DatePrecision
from faultline.models.events import (
    ActorRole,
    CoupOutcome,
    EventDateMethod,
    Modality,
    PloverType,
    Predicate,
)
from faultline.models.mentions import ActorKind, PlacePrecision, TimePrecision
from faultline.store.records import SaveStatus


class _Closed(BaseModel):
    """A JSON object with exactly these keys (an unexpected key fails the schema test)."""

    model_config = ConfigDict(extra="forbid")


# --- errors -------------------------------------------------------------------------------------


class ErrorItem(_Closed):
    param: str
    message: str


class ErrorBody(_Closed):
    """Every failure: ``error`` says what went wrong, ``errors`` names each bad parameter."""

    ok: Literal[False]
    error: str
    errors: list[ErrorItem]
    status: int


ERROR_DESCRIPTIONS = {
    400: "A parameter or the body is invalid (each bad one is named in `errors`)",
    401: "This server needs its token (Authorization: Bearer TOKEN)",
    404: "Nothing stored answers to this id, prefix or name",
    413: "The request body is over the size limit",
    422: "The article was read but the pipeline could not extract it",
    503: "The store cannot be read or written right now",
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers a route documents besides its success (always 400 and 503)."""
    chosen = sorted({400, 503, *statuses})
    return {
        status: {"model": ErrorBody, "description": ERROR_DESCRIPTIONS[status]} for status in chosen
    }


# --- events (EVENT_SCHEMA.md, schema_version 1) -------------------------------------------------


class ArticleRefOut(_Closed):
    id: str
    title: str | None
    source: str | None
    author: str | None
    published: str | None  # ISO 8601 truncated to its precision, or --MM-DD with no year
    published_precision: DatePrecision | None
    url: str | None
    path: str | None


class EventDateOut(_Closed):
    start: dt.date | None
    end: dt.date | None
    precision: TimePrecision | None
    text: str | None
    method: EventDateMethod


class SpanOut(_Closed):
    start: int | None
    end: int | None


class EventLocationOut(SpanOut):
    text: str
    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: PlacePrecision


class EventActorOut(SpanOut):
    role: ActorRole
    text: str
    name: str
    kind: ActorKind
    sector: str | None
    country: str | None
    entity_id: str | None


class EvidenceOut(SpanOut):
    field: str
    text: str


class MineralStakeOut(SpanOut):
    mineral: str
    text: str


class DealPartyOut(SpanOut):
    name: str
    text: str
    entity_id: str | None


class DealOut(_Closed):
    kind: DealKind
    parties: list[DealPartyOut]
    minerals: list[str]
    money_usd: int | None


class AttributionOut(_Closed):
    speaker: str | None
    speaker_text: str
    cue: str
    entity_id: str | None
    evidence: SpanOut
    cue_evidence: SpanOut


class CoupOut(_Closed):
    outcome: CoupOutcome
    perpetrator: str | None
    leader: str | None
    target: str | None
    foreign_nationals_involved: list[str]


class EventOut(_Closed):
    schema_version: Literal["1"]
    id: str
    article: ArticleRefOut
    event_type: PloverType
    mode: str | None
    contexts: list[str]
    acled: AcledCode | None
    summary: str
    date: EventDateOut
    location: EventLocationOut | None
    actors: list[EventActorOut]
    counts: Counts
    modality: Modality
    attribution: AttributionOut | None
    background: bool
    coup: CoupOut | None
    minerals: list[MineralStakeOut]
    deal: DealOut | None
    evidence: list[EvidenceOut]
    confidence: float
    extractor: str


class EventsPage(_Closed):
    ok: Literal[True]
    total: int
    offset: int
    limit: int
    events: list[EventOut]


class OneEvent(_Closed):
    ok: Literal[True]
    event: EventOut


class StatsRow(_Closed):
    """One group: only the keys asked for in ``by`` are present."""

    country: str | None = None
    month: str | None = None
    type: str | None = None
    acled_type: str | None = None
    events: int
    killed: int


class Stats(_Closed):
    ok: Literal[True]
    rows: list[StatsRow]


class CountryOut(_Closed):
    name: str
    numeric: str  # ISO 3166 numeric, as the map geometry keys countries; "" when unknown


class Meta(_Closed):
    ok: Literal[True]
    version: str
    countries: dict[str, CountryOut]
    types: list[PloverType]


# --- incidents, entities, graph -----------------------------------------------------------------


class Incidents(_Closed):
    ok: Literal[True]
    total: int
    incidents: list[Incident]


class OneIncident(_Closed):
    ok: Literal[True]
    incident: Incident


class OneEntity(_Closed):
    ok: Literal[True]
    entity: EntityProfile


class GraphNode(_Closed):
    id: str
    label: str
    kind: str
    country: str | None
    sector: str | None
    source: str


class EdgeEvidence(_Closed):
    article_id: str
    start: int
    end: int
    text: str


class GraphEdgeOut(_Closed):
    source: str
    target: str
    predicate: Predicate
    articles: int
    mentions: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    stakes: list[str]
    evidence: list[EdgeEvidence]


class Graph(_Closed):
    ok: Literal[True]
    nodes: list[GraphNode]
    edges: list[GraphEdgeOut]


# --- articles -----------------------------------------------------------------------------------


class ArticleRowOut(_Closed):
    id: str
    title: str | None
    source: str | None
    published: str | None
    path: str
    word_count: int


class Articles(_Closed):
    ok: Literal[True]
    total: int
    articles: list[ArticleRowOut]


class ArticleOut(ArticleRefOut):
    text: str  # the normalised text every evidence offset points into


class OneArticle(_Closed):
    ok: Literal[True]
    article: ArticleOut
    events: list[EventOut]


class PostedArticle(_Closed):
    ok: Literal[True]
    status: SaveStatus
    article: ArticleOut
    events: list[EventOut]


# --- minerals -----------------------------------------------------------------------------------


class MineralOut(_Closed):
    id: str
    name: str
    aliases: list[str]
    shares: list[ProductionShare]  # latest year per country, largest share first
    areas: list[ProducingArea]


class Minerals(_Closed):
    ok: Literal[True]
    minerals: list[MineralOut]


class Exposure(_Closed):
    ok: Literal[True]
    exposure: ExposureSeries
