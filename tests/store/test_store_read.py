"""Reading back: exact round trips, lookup by id/prefix/path, listings, and failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from faultline.errors import StorageError
from faultline.models import Article, PublishedDate, Span
from faultline.store import ArticleRow, Store

Make = Callable[..., Article]

TEXTS = [
    "Soldiers seized the radio station in the capital on Tuesday.",
    "The junta closed the border with its southern neighbour.",
    "Côte d'Ivoire signed a cocoa export deal worth 2 billion dollars — officials said. 🌍",
]


@pytest.mark.parametrize(
    "published",
    [
        PublishedDate(2024, 3, 12, "day", "text", "12 March 2024", Span(0, 13)),
        PublishedDate(2024, 3, None, "month", "metadata", "2024-03"),
        PublishedDate(2023, None, None, "year", "cli"),
        PublishedDate(None, 3, 10, "day", "missing_year", "10 March", Span(3, 11)),
        PublishedDate(),
    ],
    ids=["day", "month", "year", "missing-year", "missing"],
)
def test_round_trip_equals_saved_article(
    store: Store, make_article: Make, published: PublishedDate
) -> None:
    article = make_article(
        TEXTS[2], path="feeds/africa.jsonl", record="line 4", published=published
    )
    store.save_article(article)
    assert store.get_article(article.id) == article


def test_round_trip_without_boilerplate_or_optional_fields(
    store: Store, make_article: Make
) -> None:
    article = make_article(TEXTS[1], title=None, with_boilerplate=False)
    store.save_article(article)
    assert store.get_article(article.id) == article


def test_lookup_by_prefix_with_and_without_ar(store: Store, make_article: Make) -> None:
    article = make_article()
    store.save_article(article)
    assert store.get_article(article.id[:7]) == article  # "ar_" + 4 hex
    assert store.get_article(article.id[3:9]) == article  # hex only
    assert store.get_article(article.id[3:9].upper()) == article


def test_ambiguous_prefix_lists_the_candidates(store: Store, make_article: Make) -> None:
    ids = ["ar_1abc000000000001", "ar_1abc000000000002", "ar_1abd000000000003"]
    for article_id, text in zip(ids, TEXTS, strict=True):
        store.save_article(replace(make_article(text), id=article_id))

    with pytest.raises(StorageError, match="'ar_1' matches 3 articles: ") as caught:
        store.get_article("ar_1")
    assert all(article_id in str(caught.value) for article_id in ids)
    with pytest.raises(StorageError, match="'1abc' matches 2 articles"):
        store.get_article("1abc")
    assert store.get_article("ar_1abd").id == ids[2]


def test_ambiguity_message_is_bounded(store: Store, make_article: Make) -> None:
    for n in range(8):
        store.save_article(replace(make_article(f"Report number {n}."), id=f"ar_beef{n:012d}"))
    with pytest.raises(StorageError, match=r"matches 8 articles: .* and 3 more") as caught:
        store.get_article("beef")
    assert "ar_beef000000000005" not in str(caught.value)


def test_unknown_and_too_short_refs(store: Store, make_article: Make) -> None:
    store.save_article(make_article())
    with pytest.raises(StorageError, match="no article matches 'ar_ffffffff'"):
        store.get_article("ar_ffffffff")
    with pytest.raises(StorageError, match="at least 4 characters"):
        store.get_article("ar")
    with pytest.raises(StorageError, match="empty article reference"):
        store.get_article("  ")


def test_prefix_wildcards_are_literal(store: Store, make_article: Make) -> None:
    store.save_article(make_article())
    with pytest.raises(StorageError, match="no article matches"):
        store.get_article("ar%%")


def test_lookup_by_any_path_it_was_seen_at(store: Store, make_article: Make) -> None:
    article = make_article(path="inbox/coup.txt")
    store.save_article(article)
    store.save_article(make_article(path="archive/coup.txt"))
    assert store.get_article("inbox/coup.txt") == article
    assert store.get_article("archive/coup.txt") == article


def test_lookup_by_location_and_ambiguous_container(store: Store, make_article: Make) -> None:
    first = make_article(TEXTS[0], path="feed.jsonl", record="line 1")
    second = make_article(TEXTS[1], path="feed.jsonl", record="line 2")
    store.save_article(first)
    store.save_article(second)
    assert store.get_article("feed.jsonl (line 2)") == second
    with pytest.raises(StorageError, match=r"'feed\.jsonl' matches 2 articles"):
        store.get_article("feed.jsonl")


def test_list_articles_by_date_then_id(store: Store, make_article: Make) -> None:
    undated = make_article(TEXTS[0], published=PublishedDate())
    later = make_article(TEXTS[1], published=PublishedDate(2024, 5, None, "month", "metadata"))
    earlier = make_article(TEXTS[2], published=PublishedDate(2023, None, None, "year", "cli"))
    for article in (undated, later, earlier):
        store.save_article(article)

    rows = store.list_articles()

    assert [row.id for row in rows] == [earlier.id, later.id, undated.id]
    assert store.count_articles() == 3
    assert [row.id for row in store.list_articles(limit=1, offset=1)] == [later.id]
    assert store.list_articles(offset=5) == []


def test_article_row_fields(store: Store, make_article: Make) -> None:
    article = make_article()
    store.save_article(article)
    [row] = store.list_articles()
    assert isinstance(row, ArticleRow)
    assert row.first_seen_at.tzinfo is not None
    assert abs(row.first_seen_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert row == ArticleRow(
        id=article.id,
        title="Coup attempt in the capital",
        author="Amina Diallo",
        source="Sahel Wire",
        published="2024-03-12",
        published_precision="day",
        published_method="text",
        language="en",
        word_count=article.word_count(),
        path=article.path,
        first_seen_at=row.first_seen_at,
    )


def test_record_failure_and_list_newest_first(store: Store) -> None:
    store.record_failure("empty.txt", "E102", "nothing but whitespace")
    store.record_failure("feed.jsonl (line 9)", "E105", "bad JSON: Expecting value")
    failures = store.failures()
    assert [(f.location, f.error_code) for f in failures] == [
        ("feed.jsonl (line 9)", "E105"),
        ("empty.txt", "E102"),
    ]
    assert failures[0].message == "bad JSON: Expecting value"
    assert failures[0].occurred_at.tzinfo is not None
    assert len(store.failures(limit=1)) == 1
    assert store.count_articles() == 0
