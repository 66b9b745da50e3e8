"""The factors of one event's contribution to a mineral's exposure index.

Each factor is a small pure function of one stored event, so each can be checked by hand
(``faultline/minerals/README.md`` works an example through):

- ``severity``: how disruptive the event is, from its PLOVER type, its dead and its coup;
- ``locality``: how close it is to where the mineral is mined, with the reason in words;
- ``modality_weight``: how firmly the article states it (None for what did not happen).

The country's share of world production, the fourth factor, is a reference row looked up by
``faultline.minerals.exposure``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faultline.models import Event, PloverType

if TYPE_CHECKING:
    from faultline.minerals.reference import MineralReference

# Only types that disrupt people, places or trade weigh anything: cooperation, talks, aid and
# deals are what an exposed supply chain hopes for, not a risk to it.
TYPE_WEIGHT: dict[PloverType, float] = {
    "ASSAULT": 1.0,
    "COERCE": 0.5,
    "MOBILIZE": 0.3,
    "SANCTION": 0.3,
    "THREATEN": 0.2,
    "PROTEST": 0.2,
}
# Added, not multiplied: a coup puts the state's hold on every mine at stake even when nobody
# dies, so it must weigh something when the type-and-deaths term is small.
COUP_WEIGHT: dict[str | None, float] = {"successful": 3.0, "attempted": 2.0, "plot": 1.0}

# Hedged reports count half; planned, proposed, threatened, hypothetical and negated events did
# not happen (yet), so they are not candidates at all.
MODALITY_WEIGHT: dict[str, float] = {"asserted": 1.0, "claimed": 1.0, "hedged": 0.5}

IN_AREA = 1.0
ELSEWHERE = 0.5


@dataclass(frozen=True, slots=True)
class Locality:
    """How close an event is to a mineral's mines: the weight, why, and the area row used."""

    weight: float
    reason: str
    area_row: str | None = None
    region_row: str | None = None


def killed(event: Event) -> int:
    """The event's dead, 0 when the article gives no figure."""
    return event.counts.killed or 0


def severity(event: Event) -> float:
    """``TYPE_WEIGHT × (1 + ln(1 + killed)) + COUP_WEIGHT``: the log keeps one massacre from
    drowning every other event of the period, while the first deaths still weigh most."""
    type_weight = TYPE_WEIGHT.get(event.typing.event_type, 0.0)
    coup_weight = COUP_WEIGHT.get(event.coup.outcome if event.coup else None, 0.0)
    return type_weight * (1.0 + math.log1p(killed(event))) + coup_weight


def modality_weight(event: Event) -> float | None:
    """The weight of how the article states the event; None when it did not happen."""
    return MODALITY_WEIGHT.get(event.modality)


def _in_producing_region(
    name: str, country: str, mineral: str, reference: MineralReference
) -> Locality | None:
    """An event placed only in a region ("the Kivus", "Katanga", "eastern DRC") is in a
    producing area when the region covers one of the mineral's producing provinces."""
    region = reference.region(country, name)
    if region is None:
        return None
    areas = [a for p in region.provinces if (a := reference.area(mineral, country, p))]
    if not areas:
        return None
    covered = ", ".join(a.admin1 for a in areas)
    reason = f"producing region ({region.region}: {covered})"
    return Locality(IN_AREA, reason, areas[0].row_id, region.row_id)


def locality(event: Event, mineral: str, reference: MineralReference) -> Locality:
    """1.0 in a producing province (or a region that covers one), for an event that names the
    mineral, or for a coup (the state's hold on every mine is at stake); 0.5 anywhere else in a
    producing country."""
    location = event.location
    country = location.country if location else None
    admin1 = location.admin1 if location else None
    if country is not None:
        area = reference.area(mineral, country, admin1) if admin1 else None
        if area is not None:
            return Locality(IN_AREA, f"producing province ({area.admin1})", area.row_id)
        if location is not None and admin1 is None:
            found = _in_producing_region(location.name, country, mineral, reference)
            if found is not None:
                return found
    if any(stake.mineral == mineral for stake in event.minerals):
        return Locality(IN_AREA, f"names {mineral}")
    if event.coup is not None:
        return Locality(IN_AREA, "coup: national")
    if admin1:
        return Locality(ELSEWHERE, f"elsewhere in {country}")
    region = reference.region(country, location.name) if country and location else None
    if region is not None:
        return Locality(ELSEWHERE, f"elsewhere in {country} ({region.region})", None, region.row_id)
    return Locality(ELSEWHERE, "country-level location")
