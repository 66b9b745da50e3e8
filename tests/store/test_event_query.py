"""Stored events found again: every filter, the sorts, pages and counts, and one text
search behaviour on both engines, on a small dataset with known answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from faultline.errors import ConfigError
from faultline.models import (
    Event,
    EventFilter,
    EventSort,
)
from faultline.store import Store, event_query
from tests.store.conftest import (
    actor,
    build_article,
    build_event,
    build_extraction,
    place,
)
from tests.store.event_dataset import (
    A_GOMA,
    BUKAVU,
    EVERYTHING,
    FOREGROUND,
    GOMA,
    found,
)

# --- Filters ----------------------------------------------------------------------------------

FILTERS = [
    pytest.param(EventFilter(), FOREGROUND, id="default-leaves-out-background"),
    pytest.param(EventFilter(include_background=True), EVERYTHING, id="include-background"),
    pytest.param(EventFilter(article_id=A_GOMA.id), {"ev_goma_clash", "ev_gisenyi_shelling"},
                 id="article"),
    # countries
    pytest.param(EventFilter(countries=("COD",)),
                 {"ev_goma_clash", "ev_bukavu_march", "ev_congo_coup", "ev_rutshuru_looting"},
                 id="country-cod"),
    pytest.param(EventFilter(countries=("RWA",)), {"ev_gisenyi_shelling"}, id="country-rwa"),
    pytest.param(EventFilter(countries=("RWA", "COD")), FOREGROUND - {"ev_m23_sanctions"},
                 id="countries-either"),
    pytest.param(EventFilter(countries=("FRA",)), set(), id="country-none"),
    # types: PLOVER, ACLED event type, ACLED sub-event type, any case, several
    pytest.param(EventFilter(types=("ASSAULT",)), {"ev_goma_clash", "ev_gisenyi_shelling"},
                 id="plover"),
    pytest.param(EventFilter(types=("assault",)), {"ev_goma_clash", "ev_gisenyi_shelling"},
                 id="plover-lower"),
    pytest.param(EventFilter(types=("Coerce",)), {"ev_congo_coup", "ev_rutshuru_looting"},
                 id="plover-title"),
    pytest.param(EventFilter(types=("Battles",)), {"ev_goma_clash"}, id="acled-type"),
    pytest.param(EventFilter(types=("EXPLOSIONS/REMOTE VIOLENCE",)), {"ev_gisenyi_shelling"},
                 id="acled-type-upper"),
    pytest.param(EventFilter(types=("strategic developments",)), {"ev_rutshuru_looting"},
                 id="acled-type-lower"),
    pytest.param(EventFilter(types=("Armed clash",)), {"ev_goma_clash"}, id="sub-type"),
    pytest.param(EventFilter(types=("  peaceful   PROTEST ",)), {"ev_bukavu_march"},
                 id="sub-type-odd-spacing"),
    pytest.param(EventFilter(types=("shelling/artillery/missile attack",)),
                 {"ev_gisenyi_shelling"}, id="sub-type-lower"),
    pytest.param(EventFilter(types=("Protests", "sanction", "Armed clash")),
                 {"ev_bukavu_march", "ev_m23_sanctions", "ev_goma_clash"}, id="types-mixed"),
    pytest.param(EventFilter(types=("Riots",)), set(), id="type-none"),
    # actor
    pytest.param(EventFilter(actor="grp_m23"), {"ev_goma_clash", "ev_m23_sanctions"},
                 id="actor-entity-id"),
    pytest.param(EventFilter(actor="march 23"), {"ev_goma_clash", "ev_m23_sanctions"},
                 id="actor-entity-name"),
    pytest.param(EventFilter(actor="MARCH 23 MOVEMENT"), {"ev_goma_clash", "ev_m23_sanctions"},
                 id="actor-entity-name-upper"),
    pytest.param(EventFilter(actor="supporters of christian"), {"ev_congo_coup"},
                 id="actor-name-no-entity"),
    pytest.param(EventFilter(actor="Congolese SOLDIERS"), {"ev_goma_clash"}, id="actor-text"),
    pytest.param(EventFilter(actor="washington"), {"ev_m23_sanctions"}, id="actor-text-lower"),
    pytest.param(EventFilter(actor="students"), {"ev_bukavu_march"}, id="actor-civilians"),
    pytest.param(EventFilter(actor="unit_7"), {"ev_rutshuru_looting"}, id="actor-underscore"),
    pytest.param(EventFilter(actor="100%"), {"ev_rutshuru_looting"}, id="actor-percent"),
    pytest.param(EventFilter(actor="%"), {"ev_rutshuru_looting"}, id="like-percent-is-literal"),
    pytest.param(EventFilter(actor="_"), {"ev_rutshuru_looting"},
                 id="like-underscore-is-literal"),
    pytest.param(EventFilter(actor="m_3"), set(), id="like-underscore-not-any-char"),
    pytest.param(EventFilter(actor="M%movement"), set(), id="like-percent-not-any-text"),
    pytest.param(EventFilter(actor="\\"), set(), id="backslash"),
    pytest.param(EventFilter(actor="nobody"), set(), id="actor-none"),
    # dates: ranges overlapping [since, until]; undated events match no date filter
    pytest.param(EventFilter(since=dt.date(2024, 3, 13)),
                 {"ev_gisenyi_shelling", "ev_rutshuru_looting", "ev_congo_coup"}, id="since"),
    pytest.param(EventFilter(until=dt.date(2024, 2, 15)), {"ev_bukavu_march"},
                 id="until-inside-a-month"),
    pytest.param(EventFilter(until=dt.date(2024, 2, 15), include_background=True),
                 {"ev_bukavu_march", "ev_goma_1998"}, id="until-with-background"),
    pytest.param(EventFilter(since=dt.date(2024, 2, 20), until=dt.date(2024, 3, 1)),
                 {"ev_bukavu_march"}, id="window-overlaps-month-end"),
    pytest.param(EventFilter(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 31)),
                 {"ev_goma_clash", "ev_gisenyi_shelling"}, id="month-window"),
    pytest.param(EventFilter(since=dt.date(2024, 3, 12), until=dt.date(2024, 3, 12)),
                 {"ev_goma_clash"}, id="one-day-inclusive"),
    pytest.param(EventFilter(since=dt.date(2024, 3, 1)),
                 FOREGROUND - {"ev_bukavu_march", "ev_m23_sanctions"},
                 id="since-after-the-month-and-undated"),
    pytest.param(EventFilter(since=dt.date(1998, 6, 1), until=dt.date(1998, 6, 30),
                             include_background=True), {"ev_goma_1998"}, id="inside-a-year"),
    pytest.param(EventFilter(since=dt.date(2025, 1, 1)), set(), id="future"),
    # near: only events with a point can be near anything
    pytest.param(EventFilter(near=GOMA, km=2), {"ev_goma_clash"}, id="near-2km"),
    pytest.param(EventFilter(near=GOMA, km=4), {"ev_goma_clash"}, id="near-4km"),
    pytest.param(EventFilter(near=GOMA, km=5), {"ev_goma_clash", "ev_gisenyi_shelling"},
                 id="near-5km-gisenyi"),
    pytest.param(EventFilter(near=GOMA, km=80),
                 {"ev_goma_clash", "ev_gisenyi_shelling", "ev_rutshuru_looting"},
                 id="near-80km-rutshuru"),
    pytest.param(EventFilter(near=GOMA, km=90),
                 {"ev_goma_clash", "ev_gisenyi_shelling", "ev_rutshuru_looting"},
                 id="near-90km-not-bukavu"),
    pytest.param(EventFilter(near=GOMA, km=150),
                 {"ev_goma_clash", "ev_gisenyi_shelling", "ev_rutshuru_looting",
                  "ev_bukavu_march"}, id="near-150km-bukavu"),
    pytest.param(EventFilter(near=GOMA, km=20_000),
                 FOREGROUND - {"ev_congo_coup", "ev_m23_sanctions"},
                 id="near-whole-earth-not-country-or-unlocated"),
    pytest.param(EventFilter(near=BUKAVU, km=10), {"ev_bukavu_march"}, id="near-bukavu"),
    pytest.param(EventFilter(near=GOMA, km=2, include_background=True),
                 {"ev_goma_clash", "ev_goma_1998"}, id="near-with-background"),
    # coup, killed
    pytest.param(EventFilter(coup=True), {"ev_congo_coup"}, id="coup"),
    pytest.param(EventFilter(min_killed=3), {"ev_goma_clash", "ev_congo_coup"}, id="killed-3"),
    pytest.param(EventFilter(min_killed=12), {"ev_goma_clash"}, id="killed-12"),
    pytest.param(EventFilter(min_killed=13), set(), id="killed-13"),
    pytest.param(EventFilter(min_killed=0),
                 {"ev_goma_clash", "ev_gisenyi_shelling", "ev_congo_coup"},
                 id="killed-known"),
    # text: stemmed, every word, user syntax read as words
    pytest.param(EventFilter(text="attack"), {"ev_goma_clash"}, id="text-stem"),
    pytest.param(EventFilter(text="Attacking"), {"ev_goma_clash"}, id="text-other-form"),
    pytest.param(EventFilter(text="attack", include_background=True),
                 {"ev_goma_clash", "ev_goma_1998"}, id="text-with-background"),
    pytest.param(EventFilter(text="rebels Goma"), {"ev_goma_clash"}, id="text-every-word"),
    pytest.param(EventFilter(text="rebels Bukavu"), set(), id="text-not-all-words"),
    # "marched" and the actor name "March 23 Movement" both stem to "march"
    pytest.param(EventFilter(text="march"), {"ev_bukavu_march", "ev_goma_clash"},
                 id="text-march-marched"),
    pytest.param(EventFilter(text="marching students"), {"ev_bukavu_march"},
                 id="text-stems-every-word"),
    pytest.param(EventFilter(text="Malanga"), {"ev_congo_coup"}, id="text-coup-leader"),
    pytest.param(EventFilter(text="M23"), {"ev_goma_clash", "ev_m23_sanctions"}, id="text-m23"),
    pytest.param(EventFilter(text="United States"), {"ev_m23_sanctions"},
                 id="text-actor-name"),
    pytest.param(EventFilter(text="Unit_7"), {"ev_rutshuru_looting"}, id="text-underscore"),
    pytest.param(EventFilter(text='coup" OR "x'), set(), id="text-quotes-and-or"),
    pytest.param(EventFilter(text="AND"), set(), id="text-bare-and"),
    pytest.param(EventFilter(text="NEAR(goma rebels)"), {"ev_goma_clash"}, id="text-near-op"),
    pytest.param(EventFilter(text="rebels* ^goma"), {"ev_goma_clash"}, id="text-prefix-ops"),
    pytest.param(EventFilter(text="goma:("), {"ev_goma_clash"}, id="text-column-paren"),
    pytest.param(EventFilter(text="search_text: gisenyi"), set(), id="text-column-filter"),
    pytest.param(EventFilter(text="gisenyi'"), {"ev_gisenyi_shelling"}, id="text-apostrophe"),
    # several at once narrow together
    pytest.param(EventFilter(countries=("COD",), types=("ASSAULT",), min_killed=1,
                             since=dt.date(2024, 1, 1), near=GOMA, km=10, text="rebels",
                             actor="grp_m23"), {"ev_goma_clash"}, id="all-together"),
    pytest.param(EventFilter(countries=("RWA",), coup=True), set(), id="disjoint"),
]  # fmt: skip


@pytest.mark.parametrize(("flt", "expected"), FILTERS)
def test_filter(loaded: Store, flt: EventFilter, expected: set[str]) -> None:
    assert found(loaded, flt) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("ASSAULT", ("plover", "ASSAULT"), id="plover"),
        pytest.param("sanction", ("plover", "SANCTION"), id="plover-lower"),
        pytest.param("battles", ("acled", "Battles"), id="acled"),
        pytest.param("Violence Against Civilians", ("acled", "Violence against civilians"),
                     id="acled-title"),
        pytest.param("air/DRONE strike", ("sub", "Air/drone strike"), id="sub"),
        pytest.param("attack", ("sub", "Attack"), id="sub-attack-is-not-assault"),
    ],
)  # fmt: skip
def test_classify_type_name(name: str, expected: tuple[str, str]) -> None:
    assert event_query.classify_type_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Bombing", id="unknown"),
        pytest.param("", id="empty"),
        pytest.param("ASSAULTS", id="plural"),
        pytest.param("Battles%", id="wildcard"),
    ],
)
def test_unknown_type_is_a_value_error_naming_the_choices(loaded: Store, name: str) -> None:
    with pytest.raises(ValueError, match="PLOVER type") as caught:
        event_query.classify_type_name(name)
    assert "ASSAULT" in str(caught.value) and "Battles" in str(caught.value)
    with pytest.raises(ValueError, match="unknown event type"):
        loaded.events(EventFilter(types=("Battles", name)))


@pytest.mark.parametrize(
    ("near", "km"),
    [
        pytest.param(GOMA, 0, id="zero-radius"),
        pytest.param(GOMA, -5, id="negative-radius"),
        pytest.param(GOMA, None, id="no-radius"),
        pytest.param((91.0, 29.0), 10, id="latitude-too-big"),
        pytest.param((-1.6, -180.5), 10, id="longitude-too-small"),
    ],
)
def test_bad_near_is_a_config_error(loaded: Store, near: tuple[float, float], km: Any) -> None:
    with pytest.raises(ConfigError):
        loaded.events(EventFilter(near=near, km=km))


@pytest.mark.parametrize(
    "query", [pytest.param("  ", id="blank"), pytest.param('"*" -', id="only-operators")]
)
def test_text_without_words_is_a_config_error(loaded: Store, query: str) -> None:
    with pytest.raises(ConfigError, match="no words"):
        loaded.events(EventFilter(text=query))


def test_near_across_the_antimeridian_and_at_the_pole(store: Store) -> None:
    body = "Fighting on Taveuni east, Taveuni west, at the north pole camp and the far camp."
    article = build_article(body, path="reports/far.txt")

    def at(event_id: str, phrase: str, point: tuple[float, float]) -> Event:
        location = place(body, phrase, point=point)
        return build_event(article, event_id, phrase, location=location)

    events = [
        at("ev_east", "Taveuni east", (-16.5, 179.95)),
        at("ev_west", "Taveuni west", (-16.5, -179.95)),  # 10.7 km from ev_east
        at("ev_pole", "north pole camp", (89.99, 0.0)),
        at("ev_pole_far", "far camp", (89.99, 180.0)),  # 2.2 km from ev_pole, over the pole
    ]
    store.save_article(article, build_extraction(article, events))
    assert found(store, EventFilter(near=(-16.5, 179.99), km=5)) == {"ev_east"}
    assert found(store, EventFilter(near=(-16.5, 179.99), km=20)) == {"ev_east", "ev_west"}
    assert found(store, EventFilter(near=(-16.5, -179.99), km=20)) == {"ev_east", "ev_west"}
    assert found(store, EventFilter(near=(89.99, 90.0), km=5)) == {"ev_pole", "ev_pole_far"}
    assert found(store, EventFilter(near=(89.0, 0.0), km=5)) == set()


def test_actor_match_ignores_case_beyond_ascii(store: Store) -> None:
    body = "Fighters of the État islamique au Grand Sahara attacked a convoy."
    article = build_article(body, path="reports/sahel.txt")
    event = build_event(
        article,
        "ev_sahel",
        "Fighters of the État islamique au Grand Sahara attacked a convoy",
        actors=(actor(body, "État islamique au Grand Sahara", kind="rebel"),),
    )
    store.save_article(article, build_extraction(article, [event]))
    assert found(store, EventFilter(actor="État islamique")) == {"ev_sahel"}
    assert found(store, EventFilter(actor="ÉTAT ISLAMIQUE")) == {"ev_sahel"}


# --- Sorting and pages ------------------------------------------------------------------------

ORDERS = {
    "date": ["ev_goma_1998", "ev_bukavu_march", "ev_goma_clash", "ev_gisenyi_shelling",
             "ev_rutshuru_looting", "ev_congo_coup", "ev_m23_sanctions"],
    "-date": ["ev_congo_coup", "ev_rutshuru_looting", "ev_gisenyi_shelling", "ev_goma_clash",
              "ev_bukavu_march", "ev_goma_1998", "ev_m23_sanctions"],
    "killed": ["ev_rutshuru_looting", "ev_bukavu_march", "ev_goma_1998", "ev_m23_sanctions",
               "ev_gisenyi_shelling", "ev_congo_coup", "ev_goma_clash"],
    "-killed": ["ev_goma_clash", "ev_congo_coup", "ev_gisenyi_shelling", "ev_rutshuru_looting",
                "ev_bukavu_march", "ev_goma_1998", "ev_m23_sanctions"],
    "country": ["ev_congo_coup", "ev_rutshuru_looting", "ev_goma_clash", "ev_bukavu_march",
                "ev_goma_1998", "ev_gisenyi_shelling", "ev_m23_sanctions"],
    "type": ["ev_gisenyi_shelling", "ev_goma_clash", "ev_goma_1998", "ev_congo_coup",
             "ev_rutshuru_looting", "ev_bukavu_march", "ev_m23_sanctions"],
}  # fmt: skip


@pytest.mark.parametrize("sort", [pytest.param(s, id=s) for s in ORDERS])
def test_sort_order(loaded: Store, sort: EventSort) -> None:
    flt = EventFilter(include_background=True)
    page = loaded.events(flt, sort=sort, limit=None)
    assert [e.event.id for e in page.events] == ORDERS[sort]
    assert [e.event.id for e in loaded.iter_events(flt, sort=sort)] == ORDERS[sort]


def test_sorts_listed_are_the_sorts_accepted() -> None:
    assert set(event_query.SORTS) == set(ORDERS)


@pytest.mark.parametrize(
    ("limit", "offset", "expected"),
    [
        pytest.param(3, 0, ORDERS["-date"][0:3], id="first-page"),
        pytest.param(3, 3, ORDERS["-date"][3:6], id="second-page"),
        pytest.param(3, 6, ORDERS["-date"][6:], id="last-short-page"),
        pytest.param(3, 7, [], id="past-the-end"),
        pytest.param(None, 2, ORDERS["-date"][2:], id="no-limit"),
        pytest.param(0, 0, [], id="zero-limit"),
    ],
)
def test_pages(loaded: Store, limit: int | None, offset: int, expected: list[str]) -> None:
    page = loaded.events(
        EventFilter(include_background=True), sort="-date", limit=limit, offset=offset
    )
    assert [e.event.id for e in page.events] == expected
    assert (page.total, page.offset, page.limit) == (len(EVERYTHING), offset, limit)


def test_pages_of_a_filter_count_the_filter(loaded: Store) -> None:
    flt = EventFilter(countries=("COD",))
    pages = [loaded.events(flt, sort="date", limit=2, offset=n) for n in (0, 2, 4)]
    assert [p.total for p in pages] == [4, 4, 4]
    assert [e.event.id for p in pages for e in p.events] == [
        "ev_bukavu_march",
        "ev_goma_clash",
        "ev_rutshuru_looting",
        "ev_congo_coup",
    ]


# --- Statistics -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flt", "by", "expected"),
    [
        pytest.param(EventFilter(), ("country", "month", "type"), [
            {"country": "COD", "month": "2024-02", "type": "PROTEST", "events": 1, "killed": 0},
            {"country": "COD", "month": "2024-03", "type": "ASSAULT", "events": 1, "killed": 12},
            {"country": "COD", "month": "2024-04", "type": "COERCE", "events": 1, "killed": 0},
            {"country": "COD", "month": "2024-05", "type": "COERCE", "events": 1, "killed": 3},
            {"country": "RWA", "month": "2024-03", "type": "ASSAULT", "events": 1, "killed": 2},
            {"country": None, "month": None, "type": "SANCTION", "events": 1, "killed": 0},
        ], id="default"),
        pytest.param(EventFilter(), ("country",), [
            {"country": "COD", "events": 4, "killed": 15},
            {"country": "RWA", "events": 1, "killed": 2},
            {"country": None, "events": 1, "killed": 0},
        ], id="country"),
        pytest.param(EventFilter(), ("month",), [
            {"month": "2024-02", "events": 1, "killed": 0},
            {"month": "2024-03", "events": 2, "killed": 14},
            {"month": "2024-04", "events": 1, "killed": 0},
            {"month": "2024-05", "events": 1, "killed": 3},
            {"month": None, "events": 1, "killed": 0},
        ], id="month"),
        pytest.param(EventFilter(include_background=True), ("type",), [
            {"type": "ASSAULT", "events": 3, "killed": 14},
            {"type": "COERCE", "events": 2, "killed": 3},
            {"type": "PROTEST", "events": 1, "killed": 0},
            {"type": "SANCTION", "events": 1, "killed": 0},
        ], id="type-with-background"),
        pytest.param(EventFilter(), ("acled_type",), [
            {"acled_type": "Battles", "events": 1, "killed": 12},
            {"acled_type": "Explosions/Remote violence", "events": 1, "killed": 2},
            {"acled_type": "Protests", "events": 1, "killed": 0},
            {"acled_type": "Strategic developments", "events": 1, "killed": 0},
            {"acled_type": None, "events": 2, "killed": 3},
        ], id="acled-type"),
        pytest.param(EventFilter(countries=("COD",), include_background=True), ("month",), [
            {"month": "1998-01", "events": 1, "killed": 0},
            {"month": "2024-02", "events": 1, "killed": 0},
            {"month": "2024-03", "events": 1, "killed": 12},
            {"month": "2024-04", "events": 1, "killed": 0},
            {"month": "2024-05", "events": 1, "killed": 3},
        ], id="filtered"),
        pytest.param(EventFilter(text="nothing matches this"), ("country",), [], id="empty"),
    ],
)  # fmt: skip
def test_stats(
    loaded: Store, flt: EventFilter, by: tuple[str, ...], expected: list[dict[str, Any]]
) -> None:
    assert loaded.event_stats(flt, by) == expected


# --- The two engines' text search agree -------------------------------------------------------

PARITY_TEXT = "Troops and rebels clashed near Côte d'Ivoire's border on Sunday."
PARITY_CLAUSE = "Troops and rebels clashed near Côte d'Ivoire's border"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("the troops", id="stop-word-absent-from-text"),
        pytest.param("Cote d'Ivoire", id="without-accent"),
        pytest.param("CÔTE", id="accent-and-case"),
        pytest.param("clashes", id="stemmed"),
    ],
)
def test_text_query_matches_the_same_events_on_both_engines(store: Store, query: str) -> None:
    article = build_article(PARITY_TEXT, path="reports/border.txt")
    event = build_event(article, "ev_border", PARITY_CLAUSE)
    store.save_article(article, build_extraction(article, [event]))
    assert found(store, EventFilter(text=query)) == {"ev_border"}


def test_every_knowledge_base_id_takes_the_indexed_actor_lookup() -> None:
    from faultline.kb.entity_ids import named_entity_id
    from faultline.kb.loader import entity_table
    from faultline.store.event_query import _is_entity_id

    assert all(_is_entity_id(entity_id) for entity_id in entity_table())
    assert _is_entity_id(named_entity_id("Jean Bakole", "person"))
    assert not _is_entity_id("unit_7") and not _is_entity_id("M23")
