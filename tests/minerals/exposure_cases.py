"""Hand-built reference rows and events for the exposure tests: every number a test expects
is worked out by hand from these."""

from __future__ import annotations

import datetime as dt

from faultline.minerals.reference import MineralReference
from faultline.models import (
    Counts,
    Coup,
    CoupOutcome,
    Event,
    EventDate,
    EventLocation,
    Mineral,
    MineralStake,
    Modality,
    PlacePrecision,
    PloverType,
    ProducingArea,
    ProductionShare,
    RegionProvinces,
    Span,
    Typing,
)

MAY_19 = dt.date(2024, 5, 19)
SOURCE = "USGS Mineral Commodity Summaries 2025"

REFERENCE = MineralReference(
    minerals=(
        Mineral("cobalt", "Cobalt"),
        Mineral("copper", "Copper"),
        Mineral("tantalum", "Tantalum", ("coltan",)),
    ),
    shares=(
        # An older year for the same country: the latest (0.74) must be the one used.
        ProductionShare("share:cobalt:COD:2023", "cobalt", "COD", 0.70, 2023, SOURCE),
        ProductionShare("share:cobalt:COD:2024", "cobalt", "COD", 0.74, 2024, SOURCE),
        ProductionShare("share:cobalt:IDN:2024", "cobalt", "IDN", 0.10, 2024, SOURCE),
        ProductionShare("share:copper:CHL:2024", "copper", "CHL", 0.23, 2024, SOURCE),
        ProductionShare("share:tantalum:COD:2024", "tantalum", "COD", 0.41, 2024, SOURCE),
    ),
    areas=(
        ProducingArea("area:cobalt:COD:Lualaba", "cobalt", "COD", "Lualaba", SOURCE),
        ProducingArea("area:cobalt:COD:Haut-Katanga", "cobalt", "COD", "Haut-Katanga", SOURCE),
        ProducingArea("area:tantalum:COD:Nord-Kivu", "tantalum", "COD", "Nord-Kivu", SOURCE),
    ),
    regions=(
        RegionProvinces("region:COD:Kivu", "Kivu", "COD", ("Nord-Kivu", "Sud-Kivu"), SOURCE),
        RegionProvinces(
            "region:COD:Katanga",
            "Katanga",
            "COD",
            ("Haut-Katanga", "Lualaba", "Tanganyika"),
            SOURCE,
        ),
    ),
)

_NO_SPAN = Span(0, 0)


def make_event(
    event_id: str = "ev_kinshasa",
    *,
    event_type: PloverType = "ASSAULT",
    killed: int | None = None,
    coup: CoupOutcome | None = None,
    modality: Modality = "asserted",
    day: dt.date | None = MAY_19,
    country: str | None = "COD",
    admin1: str | None = "Kinshasa",
    place: str | None = "Kinshasa",
    precision: PlacePrecision = "city",
    background: bool = False,
    minerals: tuple[str, ...] = (),
    summary: str = "armed men attacked",
) -> Event:
    """An event with only what the exposure index reads set; ``place=None`` means no location."""
    location = None
    if place is not None:
        location = EventLocation(
            text=place,
            name=place,
            precision=precision,
            span=_NO_SPAN,
            country=country,
            admin1=admin1,
        )
    return Event(
        id=event_id,
        article_id="ar_" + event_id,
        typing=Typing(event_type),
        summary=summary,
        date=EventDate(day, day, "day" if day else None, "explicit"),
        location=location,
        actors=(),
        counts=Counts(killed=killed),
        modality=modality,
        attribution=None,
        background=background,
        coup=Coup(coup) if coup else None,
        evidence=(),
        confidence=0.9,
        extractor="faultline test",
        minerals=tuple(MineralStake(m, m, _NO_SPAN) for m in minerals),
    )
