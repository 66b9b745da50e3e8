"""Events in the store: exact round trips, one extractor version per article, atomic
replacement, and every filter, sort and count on a small dataset with known answers."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from faultline.errors import ConfigError, StorageError
from faultline.export.event_json import event_to_json
from faultline.models import (
    AcledCode,
    ActorMention,
    Article,
    Counts,
    Coup,
    Event,
    EventDate,
    EventFilter,
    EventSort,
    Mentions,
    PlaceMention,
)
from faultline.store import Store, event_query, extractions, repository
from faultline.store.tables import EventTable
from tests.store.conftest import (
    ENGINES,
    TEST_EXTRACTOR,
    UNDATED,
    actor,
    build_article,
    build_event,
    build_extraction,
    database_url,
    day,
    place,
)
from tests.store.test_event_codec import ARTICLE as FULL_ARTICLE
from tests.store.test_event_codec import ROUND_TRIPS

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


@pytest.fixture(scope="module", params=ENGINES)
def loaded(request: pytest.FixtureRequest, tmp_path_factory: Any) -> Iterator[Store]:
    """One store per engine holding the dataset, shared by the read-only tests below."""
    with (
        database_url(request.param, tmp_path_factory.mktemp("events")) as url,
        Store.open(url) as opened,
    ):
        save_dataset(opened)
        yield opened


def found(store: Store, flt: EventFilter) -> set[str]:
    """The ids ``flt`` selects, checking that the page, its total and the stream agree."""
    page = store.events(flt, limit=None)
    ids = [e.event.id for e in page.events]
    assert page.total == len(ids) == len(set(ids))
    assert sorted(e.event.id for e in store.iter_events(flt)) == sorted(ids)
    return set(ids)


# --- Round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("event", ROUND_TRIPS)
def test_saved_event_reads_back_exactly(store: Store, event: Event) -> None:
    store.save_article(FULL_ARTICLE, build_extraction(FULL_ARTICLE, [event]))
    [saved] = build_extraction(FULL_ARTICLE, [event]).events
    stored = store.get_event(event.id)
    assert stored.event == saved
    assert event_to_json(stored.event, stored.article) == event_to_json(saved, FULL_ARTICLE)
    [listed] = store.events(EventFilter(include_background=True)).events
    assert listed == stored


def test_dataset_reads_back_exactly(loaded: Store) -> None:
    page = loaded.events(EventFilter(include_background=True), limit=None)
    assert {e.event.id for e in page.events} == EVERYTHING
    for stored in page.events:
        original = EVENTS[stored.event.id]
        article = ARTICLES[original.article_id]
        assert stored.event == original
        assert stored.article == article.ref
        assert event_to_json(stored.event, stored.article) == event_to_json(original, article)
    assert loaded.count_events() == len(EVERYTHING)


def test_unknown_event_id_is_a_storage_error(loaded: Store) -> None:
    with pytest.raises(StorageError, match="ev_nowhere"):
        loaded.get_event("ev_nowhere")


def test_streaming_in_small_chunks_gives_every_event_in_order(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(event_query, "STREAM_CHUNK", 2)
    flt = EventFilter(include_background=True)
    streamed = [e.event.id for e in loaded.iter_events(flt, sort="date")]
    paged = [e.event.id for e in loaded.events(flt, sort="date", limit=None).events]
    assert streamed == paged
    assert len(streamed) == len(EVERYTHING)


# --- One extractor version per article --------------------------------------------------------


def test_same_extraction_again_changes_nothing(store: Store, dump: Dump) -> None:
    extraction = build_extraction(A_GOMA, [E1, E2])
    assert store.save_article(A_GOMA, extraction) == "new"
    before = dump(store)
    assert store.save_article(A_GOMA, extraction) == "unchanged"
    assert store.save_article(A_GOMA, build_extraction(A_GOMA, [E1, E2])) == "unchanged"
    assert dump(store) == before


def test_same_version_from_another_path_only_records_the_source(store: Store, dump: Dump) -> None:
    store.save_article(A_GOMA, build_extraction(A_GOMA, [E1, E2]))
    before = dump(store)
    copy = replace(A_GOMA, path="archive/goma-copy.txt")
    assert store.save_article(copy, build_extraction(copy, [E1, E2])) == "unchanged"
    after = dump(store)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"articles", "article_sources"}  # last_seen_at and the new source


def test_first_extraction_of_a_stored_article_is_an_update(store: Store) -> None:
    assert store.save_article(A_GOMA) == "new"
    assert store.stored_extractors([A_GOMA.id]) == {}
    assert store.save_article(A_GOMA, build_extraction(A_GOMA, [E1])) == "updated"
    assert store.stored_extractors([A_GOMA.id]) == {A_GOMA.id: TEST_EXTRACTOR}
    assert found(store, EventFilter()) == {"ev_goma_clash"}


def test_extraction_without_events_is_remembered(store: Store, dump: Dump) -> None:
    assert store.save_article(A_BUKAVU, build_extraction(A_BUKAVU, [])) == "new"
    assert store.stored_extractors([A_BUKAVU.id, "ar_unknown"]) == {A_BUKAVU.id: TEST_EXTRACTOR}
    before = dump(store)
    assert store.save_article(A_BUKAVU, build_extraction(A_BUKAVU, [])) == "unchanged"
    assert dump(store) == before
    assert store.count_events() == 0


KEPT = replace(E1, counts=Counts(killed=13), summary="M23 rebels attacked army positions")
ADDED = build_event(A_GOMA, "ev_goma_new", "killing 12 Congolese soldiers", event_type="COERCE")


def _rows(store: Store, sql: str, **params: Any) -> set[tuple[Any, ...]]:
    with store.engine.connect() as connection:
        return {tuple(row) for row in connection.execute(text(sql), params)}


def test_new_extractor_version_replaces_the_events_atomically(store: Store) -> None:
    old = build_extraction(A_GOMA, [E1, E2])
    new = build_extraction(A_GOMA, [KEPT, ADDED], extractor=NEW_EXTRACTOR)
    assert store.save_article(A_GOMA, old) == "new"
    assert found(store, EventFilter(text="Gisenyi")) == {"ev_gisenyi_shelling"}

    assert store.save_article(A_GOMA, new) == "updated"

    page = store.events(EventFilter(article_id=A_GOMA.id), limit=None)
    assert {e.event.id: e.event for e in page.events} == {e.id: e for e in new.events}
    with pytest.raises(StorageError):
        store.get_event("ev_gisenyi_shelling")
    assert store.stored_extractors([A_GOMA.id]) == {A_GOMA.id: NEW_EXTRACTOR}
    assert _rows(store, "SELECT extractor, events FROM extractions") == {(NEW_EXTRACTOR, 2)}
    superseded = _rows(
        store,
        "SELECT event_id, extractor, article_id, superseded_by, retained FROM superseded_events",
    )
    assert superseded == {
        ("ev_goma_clash", TEST_EXTRACTOR, A_GOMA.id, NEW_EXTRACTOR, True),
        ("ev_gisenyi_shelling", TEST_EXTRACTOR, A_GOMA.id, NEW_EXTRACTOR, False),
    }
    # The old version's words left the text index; the new one's are in it.
    assert found(store, EventFilter(text="Gisenyi")) == set()
    assert found(store, EventFilter(text="soldiers killing")) == {"ev_goma_new"}
    # Children of the dropped event went with it; the kept id has only the new rows.
    assert _rows(store, "SELECT event_id, value FROM event_counts") == {("ev_goma_clash", 13)}
    assert _rows(store, "SELECT DISTINCT event_id FROM evidence") == {
        ("ev_goma_clash",),
        ("ev_goma_new",),
    }
    assert store.save_article(A_GOMA, new) == "unchanged"


def test_child_rows_and_mentions_follow_the_replacement(store: Store) -> None:
    m23 = E1.actors[0]
    goma = E1.location
    assert goma is not None
    mentions = Mentions(
        A_GOMA.id,
        actors=(ActorMention(m23.span, m23.text, "M23", "rebel", entity_id="grp_m23"),),
        places=(PlaceMention(goma.span, goma.text, goma.name, "city", "COD", 216281),),
    )
    store.save_article(A_GOMA, build_extraction(A_GOMA, [E1, E2], mentions=mentions))
    assert _rows(store, "SELECT entity_id FROM entity_mentions") == {("grp_m23",)}
    assert _rows(store, "SELECT subject_id, predicate, object_id FROM relations") == {
        ("grp_m23", "attacks", "mil_COD")
    }

    store.save_article(A_GOMA, build_extraction(A_GOMA, [ADDED], extractor=NEW_EXTRACTOR))

    for table in ("event_actors", "event_counts", "claims", "relations", "entity_mentions",
                  "place_mentions"):  # fmt: skip
        assert _rows(store, f"SELECT * FROM {table}") == set(), table
    assert _rows(store, "SELECT event_id FROM evidence") == {("ev_goma_new",)}
    # Shared rows stay for other articles that name them.
    assert ("grp_m23",) in _rows(store, "SELECT id FROM entities")


def _failing_insert_rows(
    seen: list[set[str]], exc: BaseException
) -> Callable[[Session, Any], None]:
    real = extractions._insert_rows

    def insert_then_fail(session: Session, rows: Any) -> None:
        real(session, rows)
        # Prove the old events really were deleted and the new ones written in the
        # transaction before it failed.
        seen.append(set(session.scalars(select(EventTable.id))))
        raise exc

    return insert_then_fail


@pytest.mark.parametrize(
    ("exc", "raised"),
    [
        pytest.param(
            OperationalError("INSERT INTO relations", {}, Exception("disk I/O error")),
            StorageError,
            id="database-error",
        ),
        pytest.param(RuntimeError("bug while writing relations"), RuntimeError, id="bug"),
    ],
)
def test_failed_replacement_leaves_the_old_version_intact(
    store: Store,
    dump: Dump,
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
    raised: type[BaseException],
) -> None:
    old = build_extraction(A_GOMA, [E1, E2])
    store.save_article(A_GOMA, old)
    before = dump(store)
    seen: list[set[str]] = []
    monkeypatch.setattr(extractions, "_insert_rows", _failing_insert_rows(seen, exc))

    new = build_extraction(A_GOMA, [KEPT, ADDED], extractor=NEW_EXTRACTOR)
    with pytest.raises(raised, match=r"disk I/O error|bug while writing"):
        store.save_article(A_GOMA, new)

    assert seen == [{"ev_goma_clash", "ev_goma_new"}]
    assert dump(store) == before
    monkeypatch.undo()
    assert {e.event for e in store.events(limit=None).events} == set(old.events)
    assert found(store, EventFilter(text="Gisenyi")) == {"ev_gisenyi_shelling"}


def test_save_many_is_all_or_nothing(
    store: Store, dump: Dump, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(store)
    batch = [(a, build_extraction(a, events)) for a, events in DATASET]
    real = extractions._insert_rows

    def fail_on_the_last(session: Session, rows: Any) -> None:
        if rows.events and rows.events[0]["article_id"] == A_LOOT.id:
            raise OperationalError("INSERT INTO events", {}, Exception("disk full"))
        real(session, rows)

    monkeypatch.setattr(extractions, "_insert_rows", fail_on_the_last)
    with pytest.raises(StorageError, match="disk full"):
        store.save_many(batch)
    assert dump(store) == before
    assert store.count_articles() == 0

    monkeypatch.undo()
    assert store.save_many(batch) == ["new"] * len(DATASET)
    assert found(store, EventFilter(include_background=True)) == EVERYTHING


def test_save_many_statuses_match_save_article(store: Store) -> None:
    goma = build_extraction(A_GOMA, [E1, E2])
    assert store.save_many([(A_GOMA, goma), (A_BUKAVU, None), (A_GOMA, goma)]) == [
        "new",
        "new",
        "unchanged",
    ]
    newer = build_extraction(A_GOMA, [ADDED], extractor=NEW_EXTRACTOR)
    bukavu = build_extraction(A_BUKAVU, [E3])
    assert store.save_many([(A_GOMA, newer), (A_BUKAVU, bukavu), (A_COUP, None)]) == [
        "updated",
        "updated",
        "new",
    ]
    assert found(store, EventFilter()) == {"ev_goma_new", "ev_bukavu_march"}


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


# --- Deleting an article ----------------------------------------------------------------------


def test_deleting_an_article_cascades_to_its_events_and_text_index(store: Store) -> None:
    save_dataset(store)
    assert found(store, EventFilter(text="Gisenyi")) == {"ev_gisenyi_shelling"}
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM articles WHERE id = :id"), {"id": A_GOMA.id})

    assert found(store, EventFilter(include_background=True)) == EVERYTHING - {
        "ev_goma_clash",
        "ev_gisenyi_shelling",
    }
    assert found(store, EventFilter(text="Gisenyi")) == set()
    assert found(store, EventFilter(text="soldiers")) == set()
    for table in ("event_actors", "evidence", "event_counts", "claims", "relations"):
        for event_id in ("ev_goma_clash", "ev_gisenyi_shelling"):
            rows = _rows(store, f"SELECT event_id FROM {table} WHERE event_id = :id", id=event_id)
            assert rows == set(), table
    for table in ("extractions", "entity_mentions", "place_mentions", "superseded_events"):
        rows = _rows(store, f"SELECT article_id FROM {table} WHERE article_id = :id",
                     id=A_GOMA.id)  # fmt: skip
        assert rows == set(), table
    assert store.stored_extractors([A_GOMA.id]) == {}
    if store.engine.dialect.name == "sqlite":
        # The FTS5 index itself no longer holds the rows: the delete trigger ran for the
        # cascade. (The events query above would hide stale index rows behind its join.)
        match = "SELECT rowid FROM event_search WHERE event_search MATCH 'gisenyi OR soldiers'"
        assert _rows(store, match) == set()
        with store.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO event_search(event_search) VALUES ('integrity-check')")
            )


# --- Concurrent writers -----------------------------------------------------------------------


def test_parallel_writers_store_one_article_with_its_events_once(db_url: str) -> None:
    Store.open(db_url).close()
    results: list[str] = []
    errors: list[BaseException] = []

    def save(n: int) -> None:
        copy = replace(A_GOMA, path=f"copies/goma-{n}.txt")
        try:
            with Store.open(db_url) as own:
                results.append(own.save_article(copy, build_extraction(copy, [E1, E2])))
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == ["new"] + ["unchanged"] * 5
    with Store.open(db_url) as check:
        assert check.count_articles() == 1
        assert len(check.sources(A_GOMA.id)) == 6
        assert {e.event for e in check.events(limit=None).events} == {E1, E2}
        assert _rows(check, "SELECT count(*) FROM superseded_events") == {(0,)}


def _miss_article_once(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The first lookup of the article misses, as if another writer had not committed yet,
    so the insert collides with the stored row exactly as in a real race."""
    real_find = repository._find_article_id
    calls: list[str] = []

    def miss_once(session: Session, article_id: str) -> str | None:
        calls.append(article_id)
        return None if len(calls) == 1 else real_find(session, article_id)

    monkeypatch.setattr(repository, "_find_article_id", miss_once)
    return calls


def test_retry_after_a_collision_still_writes_the_new_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_article(A_GOMA, build_extraction(A_GOMA, [E1, E2]))
    calls = _miss_article_once(monkeypatch)
    store.save_article(A_GOMA, build_extraction(A_GOMA, [ADDED], extractor=NEW_EXTRACTOR))
    assert len(calls) == 2
    assert store.stored_extractors([A_GOMA.id]) == {A_GOMA.id: NEW_EXTRACTOR}
    assert found(store, EventFilter()) == {"ev_goma_new"}


def test_retry_after_a_collision_reports_the_update(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_article(A_GOMA, build_extraction(A_GOMA, [E1, E2]))
    _miss_article_once(monkeypatch)
    new = build_extraction(A_GOMA, [ADDED], extractor=NEW_EXTRACTOR)
    assert store.save_article(A_GOMA, new) == "updated"


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
