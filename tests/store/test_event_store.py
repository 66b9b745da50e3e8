"""Events in the store: exact round trips, one extractor version per article, atomic
replacement, deletion and concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from faultline.errors import StorageError
from faultline.export.event_json import event_to_json
from faultline.models import (
    ActorMention,
    Counts,
    Event,
    EventFilter,
    Mentions,
    PlaceMention,
)
from faultline.store import Store, event_query, extractions, repository
from faultline.store.tables import EventTable
from tests.store.conftest import (
    TEST_EXTRACTOR,
    build_event,
    build_extraction,
)
from tests.store.event_dataset import (
    A_BUKAVU,
    A_COUP,
    A_GOMA,
    A_LOOT,
    ARTICLES,
    DATASET,
    E1,
    E2,
    E3,
    EVENTS,
    EVERYTHING,
    NEW_EXTRACTOR,
    Dump,
    found,
    save_dataset,
)
from tests.store.test_event_codec import ARTICLE as FULL_ARTICLE
from tests.store.test_event_codec import ROUND_TRIPS

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
