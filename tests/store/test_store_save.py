"""Saving articles: once per text, every source recorded, all or nothing per article."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from faultline.errors import StorageError
from faultline.models import Article
from faultline.store import Store, repository
from faultline.store.tables import ArticleTable, BoilerplateTable

Dump = Callable[[Store], dict[str, list[tuple[Any, ...]]]]
Make = Callable[..., Article]


def test_new_article_is_new(store: Store, make_article: Make) -> None:
    assert store.save_article(make_article()) == "new"
    assert store.count_articles() == 1


def test_same_file_again_changes_nothing(store: Store, make_article: Make, dump: Dump) -> None:
    article = make_article()
    store.save_article(article)
    before = dump(store)
    assert store.save_article(article) == "unchanged"
    assert store.save_article(article) == "unchanged"
    assert dump(store) == before


def test_same_text_at_another_path_records_the_source(
    store: Store, make_article: Make, dump: Dump
) -> None:
    first = make_article(path="inbox/coup.txt")
    copy = make_article(path="archive/2024/coup-copy.txt")
    assert first.id == copy.id
    store.save_article(first)
    before = dump(store)

    assert store.save_article(copy) == "unchanged"

    after = dump(store)
    assert after["articles"] != before["articles"]  # only last_seen_at moved
    assert after["boilerplate"] == before["boilerplate"]
    assert store.count_articles() == 1
    assert [(s.path, s.record) for s in store.sources(first.id)] == [
        ("inbox/coup.txt", None),
        ("archive/2024/coup-copy.txt", None),
    ]
    assert store.get_article(first.id).path == "inbox/coup.txt"  # first sighting kept


def test_same_path_different_record_is_another_source(store: Store, make_article: Make) -> None:
    store.save_article(make_article(path="feed.jsonl", record="line 1"))
    assert store.save_article(make_article(path="feed.jsonl", record="line 7")) == "unchanged"
    records = [s.record for s in store.sources(make_article().id)]
    assert records == ["line 1", "line 7"]


def test_recorded_copy_is_not_recorded_twice(store: Store, make_article: Make, dump: Dump) -> None:
    store.save_article(make_article(path="a.txt"))
    store.save_article(make_article(path="b.txt"))
    before = dump(store)
    store.save_article(make_article(path="b.txt"))
    store.save_article(make_article(path="a.txt"))
    assert dump(store) == before


def _failing_boilerplate(*_args: Any) -> None:
    raise OperationalError("INSERT INTO boilerplate", {}, Exception("disk I/O error"))


def test_crash_mid_article_leaves_nothing_half_stored(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    kept = make_article("Rebels took the northern mine on Monday.", path="kept.txt")
    store.save_article(kept)
    before = dump(store)
    doomed = make_article("Sanctions on the timber trade were widened today.", path="doomed.txt")
    inserted: list[str] = []
    real_insert = repository._insert_article

    def insert_then_note(session: Any, article: Article, now: Any) -> None:
        real_insert(session, article, now)
        # Prove the article row really was written inside the transaction before the crash.
        inserted.append(
            session.scalar(select(ArticleTable.id).where(ArticleTable.id == article.id))
        )

    monkeypatch.setattr(repository, "_insert_article", insert_then_note)
    monkeypatch.setattr(repository, "_insert_boilerplate", _failing_boilerplate)

    with pytest.raises(StorageError, match="disk I/O error") as caught:
        store.save_article(doomed)

    assert inserted == [doomed.id]
    assert doomed.id in str(caught.value)
    assert dump(store) == before
    assert store.get_article(kept.id) == kept


def test_unexpected_exception_also_rolls_back(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    before = dump(store)

    def explode(*_args: Any) -> None:
        raise RuntimeError("bug in boilerplate rows")

    monkeypatch.setattr(repository, "_insert_boilerplate", explode)
    with pytest.raises(RuntimeError, match="bug in boilerplate rows"):
        store.save_article(make_article())
    assert dump(store) == before


def test_failure_can_be_recorded_after_a_failed_article(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "_insert_boilerplate", _failing_boilerplate)
    article = make_article()
    with pytest.raises(StorageError) as caught:
        store.save_article(article)
    store.record_failure(article.location, caught.value.code, caught.value.message)
    [failure] = store.failures()
    assert (failure.location, failure.error_code) == (article.location, "E201")
    assert store.count_articles() == 0


def test_concurrent_duplicate_insert_reports_unchanged(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_article(make_article(path="first.txt"))
    real_find = repository._find_article_id
    calls: list[str] = []

    def miss_once(session: Any, article_id: str) -> str | None:
        # The first check "misses" as if another process had not committed yet, so our
        # insert collides with the existing row exactly as in a real race.
        calls.append(article_id)
        return None if len(calls) == 1 else real_find(session, article_id)

    monkeypatch.setattr(repository, "_find_article_id", miss_once)
    assert store.save_article(make_article(path="second.txt")) == "unchanged"
    assert len(calls) == 2
    assert [s.path for s in store.sources(make_article().id)] == ["first.txt", "second.txt"]


def test_parallel_writers_store_one_article(db_url: str, make_article: Make) -> None:
    results: list[str] = []
    errors: list[BaseException] = []
    Store.open(db_url).close()

    def ingest(path: str) -> None:
        try:
            with Store.open(db_url) as own:
                results.append(own.save_article(make_article(path=path)))
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(f"copy{n}.txt",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == ["new"] + ["unchanged"] * 5
    with Store.open(db_url) as check:
        assert check.count_articles() == 1
        assert len(check.sources(make_article().id)) == 6


def test_boilerplate_rows_keep_their_order(store: Store, make_article: Make) -> None:
    article = make_article()
    store.save_article(article)
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(BoilerplateTable.ordinal, BoilerplateTable.reason).order_by(
                BoilerplateTable.ordinal
            )
        ).all()
    assert [tuple(row) for row in rows] == [(0, "navigation"), (1, "footer")]


def test_pure_repeat_keeps_last_seen_at(store: Store, make_article: Make) -> None:
    article = make_article()
    store.save_article(article)
    stamp = _last_seen(store, article.id)
    store.save_article(article)
    assert _last_seen(store, article.id) == stamp
    store.save_article(make_article(path="elsewhere.txt"))
    assert _last_seen(store, article.id) > stamp


def _last_seen(store: Store, article_id: str) -> Any:
    with store.engine.connect() as connection:
        return connection.scalar(
            select(ArticleTable.last_seen_at).where(ArticleTable.id == article_id)
        )
