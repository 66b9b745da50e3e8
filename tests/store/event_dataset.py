"""A small event dataset with known answers, stored once per engine for the query tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from faultline.models import (
    AcledCode,
    Article,
    Counts,
    Coup,
    Event,
    EventDate,
    EventFilter,
)
from faultline.store import Store
from tests.store.conftest import (
    UNDATED,
    actor,
    build_article,
    build_event,
    build_extraction,
    day,
    place,
)

Dump = Callable[[Store], dict[str, list[tuple[Any, ...]]]]
NEW_EXTRACTOR = "faultline 9.9.9"

GOMA = (-1.67409, 29.22845)
GISENYI = (-1.70278, 29.25639)  # 4.5 km from Goma
RUTSHURU = (-1.18666, 29.44669)  # 60 km
BUKAVU = (-2.49077, 28.84281)  # 100 km

# --- The dataset: four articles, seven events -------------------------------------------------

GOMA_TEXT = (
    "M23 rebels attacked army positions near Goma on Tuesday, killing 12 Congolese soldiers. "
    "Two days later artillery shells hit Gisenyi across the border, killing two people."
)
BUKAVU_TEXT = "Hundreds of students marched in Bukavu in February against the price of fuel."
COUP_TEXT = (
    "Gunmen loyal to Christian Malanga tried to seize power in Congo on 19 May, and three "
    "people died. In 1998 rebels attacked Goma."
)
LOOT_TEXT = (
    "Washington imposed sanctions on the M23 leadership. Unit_7 (100% loyal) fighters looted "
    "a market in Rutshuru on 2 April."
)
A_GOMA = build_article(GOMA_TEXT, path="reports/goma.txt")
A_BUKAVU = build_article(BUKAVU_TEXT, path="reports/bukavu.txt")
A_COUP = build_article(COUP_TEXT, path="reports/coup.txt")
A_LOOT = build_article(LOOT_TEXT, path="reports/rutshuru.txt")


def _goma(text: str) -> Any:
    return place(text, "Goma", country="COD", admin1="Nord-Kivu", geonames_id=216281, point=GOMA)


E1 = build_event(
    A_GOMA,
    "ev_goma_clash",
    "M23 rebels attacked army positions near Goma",
    acled=AcledCode("Battles", "Armed clash", "Political violence", 12),
    date=day(dt.date(2024, 3, 12)),
    location=_goma(GOMA_TEXT),
    actors=(
        actor(
            GOMA_TEXT,
            "M23 rebels",
            name="March 23 Movement",
            kind="rebel",
            sector="REB",
            country="COD",
            entity_id="grp_m23",
        ),
        actor(
            GOMA_TEXT,
            "Congolese soldiers",
            role="recipient",
            kind="military",
            name="Armed Forces of the Democratic Republic of the Congo",
            sector="MIL",
            country="COD",
            entity_id="mil_COD",
        ),
    ),
    counts=Counts(killed=12),
)
E2 = build_event(
    A_GOMA,
    "ev_gisenyi_shelling",
    "artillery shells hit Gisenyi across the border",
    acled=AcledCode(
        "Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"
    ),
    date=day(dt.date(2024, 3, 14)),
    location=place(GOMA_TEXT, "Gisenyi", country="RWA", geonames_id=202905, point=GISENYI),
    counts=Counts(killed=2),
)
E3 = build_event(
    A_BUKAVU,
    "ev_bukavu_march",
    "Hundreds of students marched in Bukavu",
    event_type="PROTEST",
    acled=AcledCode("Protests", "Peaceful protest", "Demonstrations", 60),
    date=EventDate(dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month", "explicit", "February"),
    location=place(BUKAVU_TEXT, "Bukavu", country="COD", geonames_id=217831, point=BUKAVU),
    actors=(actor(BUKAVU_TEXT, "Hundreds of students", kind="civilians"),),
)
E4 = build_event(
    A_COUP,
    "ev_congo_coup",
    "Gunmen loyal to Christian Malanga tried to seize power in Congo",
    event_type="COERCE",
    date=day(dt.date(2024, 5, 19)),
    location=place(
        COUP_TEXT,
        "Congo",
        name="Democratic Republic of the Congo",
        precision="country",
        country="COD",
        geonames_id=203312,
    ),
    actors=(
        actor(
            COUP_TEXT, "Gunmen loyal to Christian Malanga", name="Supporters of Christian Malanga"
        ),
    ),
    counts=Counts(killed=3),
    coup=Coup("attempted", "dissident", "Christian Malanga"),
)
E5 = build_event(
    A_COUP,
    "ev_goma_1998",
    "In 1998 rebels attacked Goma",
    date=EventDate(dt.date(1998, 1, 1), dt.date(1998, 12, 31), "year", "explicit", "1998"),
    location=_goma(COUP_TEXT),
    actors=(actor(COUP_TEXT, "rebels", kind="rebel"),),
    background=True,
)
E6 = build_event(
    A_LOOT,
    "ev_m23_sanctions",
    "Washington imposed sanctions on the M23 leadership",
    event_type="SANCTION",
    date=UNDATED,
    actors=(
        actor(
            LOOT_TEXT,
            "Washington",
            name="United States",
            kind="state",
            country="USA",
            entity_id="cty_USA",
        ),
        # Its name is "M23"; only the knowledge base calls it "March 23 Movement".
        actor(
            LOOT_TEXT,
            "the M23 leadership",
            role="recipient",
            name="M23",
            kind="rebel",
            entity_id="grp_m23",
        ),
    ),
)
E7 = build_event(
    A_LOOT,
    "ev_rutshuru_looting",
    "Unit_7 (100% loyal) fighters looted a market in Rutshuru",
    event_type="COERCE",
    acled=AcledCode(
        "Strategic developments", "Looting/property destruction", "Strategic developments"
    ),
    date=day(dt.date(2024, 4, 2)),
    location=place(LOOT_TEXT, "Rutshuru", country="COD", geonames_id=206047, point=RUTSHURU),
    actors=(actor(LOOT_TEXT, "Unit_7 (100% loyal) fighters", name="Unit_7", kind="militia"),),
)
DATASET: list[tuple[Article, list[Event]]] = [
    (A_GOMA, [E1, E2]),
    (A_BUKAVU, [E3]),
    (A_COUP, [E4, E5]),
    (A_LOOT, [E6, E7]),
]
EVENTS = {e.id: e for _, events in DATASET for e in events}
ARTICLES = {a.id: a for a, _ in DATASET}
FOREGROUND = {"ev_goma_clash", "ev_gisenyi_shelling", "ev_bukavu_march", "ev_congo_coup",
              "ev_m23_sanctions", "ev_rutshuru_looting"}  # fmt: skip
EVERYTHING = FOREGROUND | {"ev_goma_1998"}


def save_dataset(store: Store) -> None:
    for article, events in DATASET:
        assert store.save_article(article, build_extraction(article, events)) == "new"


def found(store: Store, flt: EventFilter) -> set[str]:
    """The ids ``flt`` selects, checking that the page, its total and the stream agree."""
    page = store.events(flt, limit=None)
    ids = [e.event.id for e in page.events]
    assert page.total == len(ids) == len(set(ids))
    assert sorted(e.event.id for e in store.iter_events(flt)) == sorted(ids)
    return set(ids)
