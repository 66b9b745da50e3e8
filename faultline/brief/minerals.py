"""Minerals at stake in a country: its share of world production (reference rows), where it is
mined, the minerals and deals its events name, and the exposure of its main minerals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from faultline.models import (
    GENERIC_MINERALS,
    BriefMinerals,
    DealLine,
    ExposurePeriod,
    ExposureSeries,
    Mineral,
    MineralExposure,
    MineralNamed,
    MineralShareLine,
    ProducingArea,
    ProductionShare,
    ProvinceNote,
    SourceRef,
    StoredEvent,
)
from faultline.store import Store

EXPOSED_MINERALS = 3
DRIVERS_SHOWN = 2
GENERIC_NAME = "unspecified critical minerals"


class MineralData(Protocol):
    """What the brief reads of the minerals reference (``faultline.minerals.reference``)."""

    def mineral(self, ref: str) -> Mineral: ...

    def country_shares(self, country: str) -> tuple[ProductionShare, ...]: ...

    def areas(self, mineral: str, country: str | None = None) -> tuple[ProducingArea, ...]: ...

    def row(self, row_id: str) -> ProductionShare | ProducingArea: ...


class ExposureFunction(Protocol):
    """``faultline.minerals.exposure.exposure_series``."""

    def __call__(
        self,
        store: Any,
        mineral: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        period: ExposurePeriod = "month",
        reference: Any = None,
        country: str | None = None,
    ) -> ExposureSeries: ...


def gather_minerals(
    store: Store,
    iso3: str,
    events: Sequence[StoredEvent],
    *,
    reference: MineralData,
    exposure: ExposureFunction,
    since: dt.date | None,
    until: dt.date | None,
    period: ExposurePeriod,
) -> BriefMinerals:
    shares = share_lines(reference, iso3)
    return BriefMinerals(
        shares=shares,
        provinces=province_notes(shares),
        named=named_minerals(reference, events),
        deals=deal_lines(reference, events),
        exposure=tuple(
            mineral_exposure(store, line, reference, exposure, since, until, period)
            for line in shares[:EXPOSED_MINERALS]
        ),
    )


def mineral_name(reference: MineralData, mineral: str) -> str:
    return GENERIC_NAME if mineral == GENERIC_MINERALS else reference.mineral(mineral).name


def share_lines(reference: MineralData, iso3: str) -> tuple[MineralShareLine, ...]:
    """The country's latest share of each mineral, largest first, with its producing areas."""
    return tuple(
        MineralShareLine(
            mineral=share.mineral,
            name=mineral_name(reference, share.mineral),
            share=share,
            areas=reference.areas(share.mineral, iso3),
        )
        for share in reference.country_shares(iso3)
    )


def province_notes(shares: Sequence[MineralShareLine]) -> tuple[ProvinceNote, ...]:
    """Each producing province once, with every mineral mined there (in share order)."""
    minerals: dict[str, list[str]] = defaultdict(list)
    rows: dict[str, list[str]] = defaultdict(list)
    for line in shares:
        for area in line.areas:
            minerals[area.admin1].append(line.name)
            rows[area.admin1].append(area.row_id)
    return tuple(
        ProvinceNote(admin1=admin1, minerals=tuple(minerals[admin1]), rows=tuple(rows[admin1]))
        for admin1 in sorted(minerals, key=lambda a: (-len(minerals[a]), a))
    )


def named_minerals(
    reference: MineralData, events: Sequence[StoredEvent]
) -> tuple[MineralNamed, ...]:
    """Minerals the period's events are about, most events first."""
    named: dict[str, list[str]] = defaultdict(list)
    for stored in events:
        for stake in stored.event.minerals:
            if stored.event.id not in named[stake.mineral]:
                named[stake.mineral].append(stored.event.id)
    order = sorted(named, key=lambda m: (-len(named[m]), m))
    return tuple(MineralNamed(m, mineral_name(reference, m), tuple(named[m])) for m in order)


def deal_lines(reference: MineralData, events: Sequence[StoredEvent]) -> tuple[DealLine, ...]:
    """Resource deals and offers the period's events state, oldest first."""
    return tuple(
        DealLine(
            event_id=stored.event.id,
            date=stored.event.date.start,
            summary=stored.event.summary,
            deal=stored.event.deal,
            mineral_names=tuple(mineral_name(reference, m) for m in stored.event.deal.minerals),
            sources=(SourceRef("event", stored.event.id),),
        )
        for stored in events
        if stored.event.deal is not None
    )


def mineral_exposure(
    store: Store,
    line: MineralShareLine,
    reference: MineralData,
    exposure: ExposureFunction,
    since: dt.date | None,
    until: dt.date | None,
    period: ExposurePeriod,
) -> MineralExposure:
    """The country's part of the mineral's exposure over the period, and its largest drivers:
    a brief about Mali lists Mali's events, not a battle in Darfur that weighs on gold too."""
    series = exposure(
        store, line.mineral, since=since, until=until, period=period, reference=reference,
        country=line.share.country,
    )  # fmt: skip
    counted = [d for d in series.drivers if d.contribution > 0]
    drivers = sorted(counted, key=lambda d: (-d.contribution, d.date, d.event_id))
    return MineralExposure(line.mineral, line.name, series, tuple(drivers[:DRIVERS_SHOWN]))
