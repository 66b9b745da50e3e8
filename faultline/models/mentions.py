"""Mentions: every actor, place, time and number in an article, each with its span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from faultline.models.articles import Span
from faultline.models.minerals import MineralMention

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
    minerals: tuple[MineralMention, ...] = ()
