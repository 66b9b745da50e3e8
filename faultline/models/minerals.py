"""Minerals: what articles say is at stake, where it is mined, and how exposed its supply is.

Reference rows (``Mineral``, ``ProductionShare``, ``ProducingArea``) are data we wrote, each
with its public source; ``MineralMention`` and ``MineralStake`` come from article text and carry
their spans; ``Exposure*`` records are what the exposure index computes from stored events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from faultline.models.articles import Span

# "critical minerals", "strategic minerals", "minerals": a stake that names no one mineral.
GENERIC_MINERALS = "minerals"


# --- Reference data (faultline/minerals/data) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mineral:
    """One mineral commodity we track, and the words articles use for it."""

    id: str  # "cobalt", "tantalum", "rare_earths", ...
    name: str  # "Cobalt"
    aliases: tuple[str, ...] = ()  # lower-case words that name it: "coltan" → tantalum


@dataclass(frozen=True, slots=True)
class ProductionShare:
    """A country's share of world mine production of one mineral in one year, with its source."""

    row_id: str  # stable id a brief or exposure driver cites: "share:cobalt:COD:2023"
    mineral: str
    country: str  # ISO 3166-1 alpha-3
    share: float  # fraction of world mine production, 0..1
    year: int
    source: str  # "USGS Mineral Commodity Summaries 2024"
    quantity: float | None = None
    unit: str | None = None  # "t", "kg", "carats", "t REO", ...
    source_url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ProducingArea:
    """A first-level province where a country's production of a mineral is concentrated."""

    row_id: str  # "area:cobalt:COD:Lualaba"
    mineral: str
    country: str
    admin1: str  # as the gazetteer names it: "Lualaba", "Nord-Kivu"
    source: str
    source_url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RegionProvinces:
    """The first-level provinces a region that news names covers ("the Kivus", "Katanga",
    "eastern DRC"), so an event placed only in the region can be tied to producing provinces."""

    row_id: str  # "region:COD:Kivu"
    region: str  # as the place resolver names it: "Kivu", "eastern Democratic Republic of ..."
    country: str
    provinces: tuple[str, ...]
    source: str
    note: str | None = None


# --- From article text ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MineralMention:
    """Words that name minerals: "cobalt", "coltan" (tantalum), "3T" (tin, tantalum, tungsten),
    "critical minerals" (``GENERIC_MINERALS``)."""

    span: Span
    text: str
    minerals: tuple[str, ...]  # mineral ids, or (GENERIC_MINERALS,)


@dataclass(frozen=True, slots=True)
class MineralStake:
    """A mineral an event is about, and the words in the article that say so."""

    mineral: str  # a mineral id or GENERIC_MINERALS
    text: str
    span: Span


DealKind = Literal["agreement", "offer"]


@dataclass(frozen=True, slots=True)
class DealParty:
    name: str
    text: str
    span: Span
    entity_id: str | None = None


@dataclass(frozen=True, slots=True)
class Deal:
    """A resource deal or offer an event states: who the parties are and what is at stake.

    ``kind`` is "agreement" when the event says it was signed or agreed, "offer" when it is
    proposed, planned or claimed to be on the table.
    """

    kind: DealKind
    parties: tuple[DealParty, ...]
    minerals: tuple[str, ...]
    money_usd: int | None = None


# --- Exposure index -------------------------------------------------------------------------

ExposurePeriod = Literal["month", "quarter", "year"]


@dataclass(frozen=True, slots=True)
class ExposureDriver:
    """One stored event's part in a mineral's exposure, with every factor of its contribution."""

    event_id: str
    article_id: str
    incident_id: str | None
    period: str  # "2024-05", "2024-Q2", "2024"
    date: dt.date
    event_type: str
    summary: str
    country: str
    admin1: str | None
    place: str | None
    killed: int
    coup: str | None  # coup outcome
    modality: str
    severity: float
    share: float  # the country's share of world production
    share_row: str  # ProductionShare.row_id
    locality: float
    locality_reason: str  # "producing province (Lualaba)", "coup: national", ...
    area_row: str | None  # ProducingArea.row_id when the event is in one
    modality_weight: float
    contribution: float  # 0 when another report of the same incident counts instead
    counted_as: str | None = None  # the event counted for this incident, when not this one
    region_row: str | None = None  # RegionProvinces.row_id when placed only in a region


@dataclass(frozen=True, slots=True)
class ExposurePoint:
    period: str
    start: dt.date
    end: dt.date
    value: float
    events: int  # events counted (one per incident)
    killed: int


@dataclass(frozen=True, slots=True)
class ExposureSeries:
    mineral: str
    period: ExposurePeriod
    since: dt.date | None
    until: dt.date | None
    points: tuple[ExposurePoint, ...]
    drivers: tuple[ExposureDriver, ...]
    shares: tuple[ProductionShare, ...]  # the reference rows the series used
    country: str | None = None  # ISO3 when the series counts one country's events only
