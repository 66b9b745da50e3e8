"""Dates, numbers and places on arbitrary text: the resolvers may find nothing, but they never
raise, every span they give lies in the text, and every figure fits the store.

The rules and number readers are pure functions, so hypothesis tries many inputs on them; the
parsed-article properties run spaCy and try fewer. The fixed tests hold the inputs that once
crashed, each with its minimal text.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.errors import InputError
from faultline.events.extract import extract_all
from faultline.ingest.metadata import parse_date_line, read_meta_line, resolve_published
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.mentions.numbers import LARGEST_FIGURE, numeral_value, parse_number
from faultline.mentions.time_calendar import SKIP, Anchor, Resolved
from faultline.mentions.time_rules import core_of, resolve_core
from faultline.mentions.times import find_times
from faultline.models import Article, RawDocument
from faultline.models.articles import DATE_YEARS
from faultline.nlp import parse

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import hostile_inputs  # noqa: E402

# The fuzz target's words at the edges of the calendar and of float range, and the words the
# place rules read.
EDGE_WORDS = (
    *hostile_inputs.EDGE_WORDS,
    *("later", "earlier", "killing", "Bamako", "near", "north", "Kinshasa", "Paris", "Niger"),
    *("the capital", ",", "."),
)
ODD = ("\u202e", "\u200b", "\ufeff", "\u00a0", "\x0c", "\u2028", "\U0001f4a5", "\u0301")
edge_sentence = st.lists(
    st.one_of(st.sampled_from(EDGE_WORDS), st.sampled_from(ODD), st.text(max_size=6)),
    min_size=1,
    max_size=14,
).map(" ".join)
edge_article = st.lists(edge_sentence, min_size=1, max_size=6).map(
    lambda sentences: "Report\n\n" + " ".join(s.capitalize() + "." for s in sentences)
)
anchors = st.one_of(
    st.just(Anchor(None)),
    st.builds(
        Anchor,
        st.sampled_from((DATE_YEARS[0], 2024, DATE_YEARS[-1], 1, 9999)),
        st.sampled_from((None, 1, 2, 12)),
        st.sampled_from((None, 1, 28, 31)),
        st.booleans(),
    ).filter(lambda a: a.month is not None or a.day is None),
)
published_dates = st.sampled_from(
    (None, dt.date(DATE_YEARS[0], 1, 1), dt.date(2024, 2, 29), dt.date(DATE_YEARS[-1], 12, 31))
)

PURE = settings(max_examples=200, deadline=None)
PARSED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def article_of(text: str, published: dt.date | None = None) -> Article | None:
    try:
        return normalise(RawDocument(path="t.txt", format="txt", text=text), published=published)
    except InputError:
        return None


# --- pure rules: many inputs ------------------------------------------------------------------


@PURE
@given(edge_sentence, anchors)
def test_time_rules_never_raise(text: str, anchor: Anchor) -> None:
    try:
        anchor.date  # noqa: B018  (an impossible anchor, such as 31 February, is not a test)
    except ValueError:
        return
    outcome = resolve_core(core_of(text), anchor)
    if isinstance(outcome, Resolved):
        assert outcome.start <= outcome.end


@PURE
@given(st.lists(st.sampled_from(EDGE_WORDS) | st.text(max_size=8), max_size=8))
def test_numbers_are_none_or_a_figure_the_store_holds(words: list[str]) -> None:
    number = parse_number([w.lower() for w in words])
    if number is not None:
        assert math.isfinite(number.value) and 0 <= number.value <= LARGEST_FIGURE
    for word in words:
        numeral_value(word)


@PURE
@given(edge_sentence | st.text(max_size=40))
def test_date_lines_and_hints_never_raise(text: str) -> None:
    parsed = parse_date_line(text)
    if parsed is not None and parsed.year is not None and parsed.month and parsed.day:
        dt.date(parsed.year, parsed.month, parsed.day)
    read_meta_line(text)
    published = resolve_published(None, hint=text)
    assert published.year is None or published.year in DATE_YEARS


# --- parsed articles: fewer inputs, the whole mention stage -----------------------------------


@PARSED
@given(edge_article, published_dates)
def test_mentions_on_arbitrary_text_lie_in_the_text(text: str, published: dt.date | None) -> None:
    article = article_of(text, published)
    if article is None:
        return
    mentions = extract_mentions(parse(article), article)
    for mention in (*mentions.actors, *mentions.places, *mentions.times, *mentions.quantities):
        assert 0 <= mention.span.start <= mention.span.end <= len(article.text)
        assert mention.span.of(article.text) == mention.text
    for place in mentions.places:
        assert place.lat is None or -90 <= place.lat <= 90
    for time in mentions.times:
        if time.start is not None and time.end is not None:
            assert time.start <= time.end
    for quantity in mentions.quantities:
        assert math.isfinite(quantity.value) and 0 <= quantity.value <= LARGEST_FIGURE


@PARSED
@given(edge_article, published_dates)
def test_events_on_arbitrary_text_never_raise(text: str, published: dt.date | None) -> None:
    article = article_of(text, published)
    if article is None:
        return
    [(_, extraction)] = list(extract_all([article]))
    for event in extraction.events:
        for value in vars_of(event.counts):
            assert value is None or 0 <= value <= LARGEST_FIGURE


def vars_of(counts: object) -> list[int | None]:
    return [getattr(counts, name) for name in counts.__dataclass_fields__]  # type: ignore[attr-defined]


# --- the inputs that crashed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("core", "anchor"),
    [
        pytest.param("yesterday", Anchor(1, 1, 1), id="day-before-year-1"),
        pytest.param("tomorrow", Anchor(9999, 12, 31), id="day-after-9999"),
        pytest.param("monday", Anchor(1, 1, 1), id="weekday-before-year-1"),
        pytest.param("past 999999999999999999999 month", Anchor(2024, 3, 10), id="huge-offset"),
    ],
)
def test_dates_past_the_calendars_end_are_skipped(core: str, anchor: Anchor) -> None:
    """Regression: OverflowError ("date value out of range", "Python int too large to convert
    to C long") escaped the time rules, which caught only ValueError."""
    assert resolve_core(core_of(core), anchor) is SKIP


def test_an_offset_past_the_calendars_end_is_no_date() -> None:
    article = article_of("Report\n\nRebels left on 3 May 2024. They came back 99999 years later.")
    assert article is not None
    found = find_times(parse(article), article)
    assert [t.text for t in found if t.start is not None] == ["on 3 May 2024"]


def test_a_date_dateparser_reads_past_2099_is_no_date() -> None:
    """Regression: dateparser read "31 December 9999", and the link's date window a day later
    overflowed."""
    article = article_of("Report\n\nThe truce holds until 31 December 9999, the envoy said.")
    assert article is not None
    assert all(
        t.start is None or t.start.year in DATE_YEARS for t in find_times(parse(article), article)
    )


@pytest.mark.parametrize(
    "words",
    [["9" * 30], ["billion"] * 40, ["999999999999999999999"], ["9" * 400]],
)
def test_a_figure_beyond_any_report_is_not_a_number(words: list[str]) -> None:
    """Regression: "999999999999999999999 people" reached the store as an integer SQLite
    cannot hold, and "billion billion ..." reached infinity, which round() refuses."""
    assert parse_number(words) is None


def test_a_huge_count_in_a_sentence_is_left_out() -> None:
    article = article_of("Report\n\nGunmen attacked Goma, killing 999999999999999999999 people.")
    assert article is not None
    [(_, extraction)] = list(extract_all([article]))
    assert all(q.value <= LARGEST_FIGURE for q in extraction.mentions.quantities)
    assert all(e.counts.killed is None for e in extraction.events)
