"""Citation numbers follow first use; reference rows of one publication share a number."""

from __future__ import annotations

import pytest

from faultline.brief.citations import CitationNumbers
from faultline.models import Source, SourceRef

USGS = "USGS Mineral Commodity Summaries 2025"
USGS_URL = "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-cobalt.pdf"


def event(event_id: str) -> Source:
    return Source(SourceRef("event", event_id), "Coup attempt", "wire.example", "2024-05-20", None)


def row(row_id: str, title: str = USGS, year: str | None = "2024") -> Source:
    return Source(SourceRef("reference", row_id), title, None, year, USGS_URL)


SOURCES = [
    event("ev_a"),
    event("ev_b"),
    row("share:cobalt:COD:2024"),
    row("share:copper:COD:2024"),
    row("area:cobalt:COD:Lualaba", title="USGS Minerals Yearbook", year=None),
    Source(SourceRef("article", "ar_1"), "Rwanda-backed rebels", None, None, None, "backed"),
]


def test_numbers_follow_the_order_sources_are_first_cited():
    numbers = CitationNumbers(SOURCES)
    assert numbers.numbers([SourceRef("event", "ev_b")]) == [(1, (SourceRef("event", "ev_b"),))]
    assert numbers.number(SourceRef("event", "ev_a")) == 2
    assert numbers.number(SourceRef("event", "ev_b")) == 1  # cited again: same number
    assert [c.number for c in numbers.citations()] == [1, 2]
    assert [c.source.ref.id for c in numbers.citations()] == ["ev_b", "ev_a"]


def test_rows_of_one_publication_and_year_share_a_number_and_are_all_listed():
    numbers = CitationNumbers(SOURCES)
    cited = numbers.numbers(
        [
            SourceRef("reference", "share:cobalt:COD:2024"),
            SourceRef("reference", "share:copper:COD:2024"),
        ]
    )
    assert [number for number, _ in cited] == [1]
    assert numbers.number(SourceRef("reference", "area:cobalt:COD:Lualaba")) == 2
    first, second = numbers.citations()
    assert first.rows == ("share:cobalt:COD:2024", "share:copper:COD:2024")
    assert second.rows == ("area:cobalt:COD:Lualaba",)


def test_events_and_articles_are_never_grouped():
    numbers = CitationNumbers(SOURCES)
    refs = [SourceRef("event", "ev_a"), SourceRef("event", "ev_b"), SourceRef("article", "ar_1")]
    assert [n for n, _ in numbers.numbers(refs)] == [1, 2, 3]
    assert all(c.rows == () for c in numbers.citations())


def test_citing_a_source_that_was_not_gathered_is_a_bug():
    with pytest.raises(ValueError, match="event ev_zzz is cited but was not gathered"):
        CitationNumbers(SOURCES).number(SourceRef("event", "ev_zzz"))
