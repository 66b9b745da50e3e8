"""find_times: sentences we wrote (with their publication dates), the seed gold dates, speed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.time_calendar import Anchor, Resolved
from faultline.mentions.time_rules import core_of, resolve_core
from faultline.mentions.times import find_times
from faultline.models import Article, RawDocument, TimeExpr
from faultline.nlp import parse

D = dt.date
WED_2024 = D(2024, 5, 22)  # a Wednesday
WED_2012 = D(2012, 3, 28)  # a Wednesday
SEED_PUBLISHED = {"drc-us-minerals-2025.txt": D(2025, 3, 10)}


def article_of(text: str, published: dt.date | None) -> Article:
    return normalise(RawDocument(path="t.txt", format="txt", text=text), published=published)


def times_in(text: str, published: dt.date | None) -> tuple[TimeExpr, ...]:
    article = article_of(text, published)
    return find_times(parse(article), article)


def one_time(text: str, published: dt.date | None, phrase: str) -> TimeExpr:
    found = [t for t in times_in(text, published) if phrase in t.text]
    assert len(found) == 1, [(t.text, t.start) for t in times_in(text, published)]
    return found[0]


RESOLVED = [
    # (sentence, published, phrase in the span, start, end, precision, method)
    ("Early Sunday morning, armed men attacked the palace.", WED_2024, "Sunday",
     D(2024, 5, 19), D(2024, 5, 19), "day", "relative_to_published"),
    ("Soldiers seized power on Thursday morning in Bamako.", WED_2012, "Thursday",
     D(2012, 3, 22), D(2012, 3, 22), "day", "relative_to_published"),
    ("The mutiny had started on Wednesday.", WED_2012, "Wednesday",
     D(2012, 3, 21), D(2012, 3, 21), "day", "relative_to_published"),
    ("Talks will resume next Friday in Nairobi.", WED_2024, "Friday",
     D(2024, 5, 24), D(2024, 5, 24), "day", "relative_to_published"),
    ("Talks will resume on Friday in Nairobi.", WED_2024, "Friday",
     D(2024, 5, 24), D(2024, 5, 24), "day", "relative_to_published"),
    ("Last month, the president gave an interview.", WED_2012, "Last month",
     D(2012, 2, 1), D(2012, 2, 29), "month", "relative_to_published"),
    ("At the end of January, rebels seized Goma.", D(2025, 3, 10), "end of January",
     D(2025, 1, 21), D(2025, 1, 31), "week", "relative_to_published"),
    ("Thousands have fled since the middle of January.", WED_2012, "middle of January",
     D(2012, 1, 11), WED_2012, "week", "relative_to_published"),
    ("Officials said that in June, Nigerian forces intercepted a convoy.", WED_2012, "June",
     D(2011, 6, 1), D(2011, 6, 30), "month", "inferred"),
    ("The president will travel to Paris in June.", WED_2024, "June",
     D(2024, 6, 1), D(2024, 6, 30), "month", "relative_to_published"),
    ("On November 24, a magazine quoted an official.", WED_2012, "November 24",
     D(2011, 11, 24), D(2011, 11, 24), "day", "inferred"),
    ("The revolt began on January 17 in the north.", WED_2012, "January 17",
     D(2012, 1, 17), D(2012, 1, 17), "day", "relative_to_published"),
    ("Women demonstrated on February 1 in the capital.", WED_2012, "February 1",
     D(2012, 2, 1), D(2012, 2, 1), "day", "relative_to_published"),
    ("The US imposed sanctions on February 20.", D(2025, 3, 10), "February 20",
     D(2025, 2, 20), D(2025, 2, 20), "day", "relative_to_published"),
    ("A few weeks later, in February, the rebels took Bukavu.", D(2025, 3, 10), "February",
     D(2025, 2, 1), D(2025, 2, 28), "month", "relative_to_published"),
    ("The president, in power since 2002, was ousted.", WED_2012, "since 2002",
     D(2002, 1, 1), WED_2012, "year", "explicit"),
    ("Mobutu ruled the country from 1965 to 1997.", WED_2024, "1965 to 1997",
     D(1965, 1, 1), D(1997, 12, 31), "year", "explicit"),
    ("The country was ravaged by war between 1996 and 2008.", WED_2024, "1996 and 2008",
     D(1996, 1, 1), D(2008, 12, 31), "year", "explicit"),
    ("He ran in the 2011 legislative elections.", WED_2024, "2011",
     D(2011, 1, 1), D(2011, 12, 31), "year", "explicit"),
    ("Inflation rose last year.", WED_2012, "last year",
     D(2011, 1, 1), D(2011, 12, 31), "year", "relative_to_published"),
    ("The rebels went on the offensive two and a half years ago.", WED_2024, "years ago",
     D(2021, 11, 1), D(2021, 11, 30), "month", "relative_to_published"),
    ("Their region has been neglected since the 1990s.", WED_2012, "1990s",
     D(1990, 1, 1), WED_2012, "decade", "explicit"),
    ("Lumumba was murdered in 1961.", WED_2024, "1961",
     D(1961, 1, 1), D(1961, 12, 31), "year", "explicit"),
    ("In October 2023, the UN announced a record.", WED_2024, "October 2023",
     D(2023, 10, 1), D(2023, 10, 31), "month", "explicit"),
    ("The deal was signed on 3 February 2023.", WED_2024, "3 February 2023",
     D(2023, 2, 3), D(2023, 2, 3), "day", "explicit"),
    ("The deal was signed on February 3, 2023.", WED_2024, "February 3, 2023",
     D(2023, 2, 3), D(2023, 2, 3), "day", "explicit"),
    ("Fighting broke out this week near Goma.", WED_2024, "this week",
     D(2024, 5, 20), WED_2024, "week", "relative_to_published"),
    ("Protesters gathered yesterday outside parliament.", WED_2024, "yesterday",
     D(2024, 5, 21), D(2024, 5, 21), "day", "relative_to_published"),
    ("Police fired on marchers on Wednesday.", WED_2024, "Wednesday",
     D(2024, 5, 15), D(2024, 5, 15), "day", "relative_to_published"),
    ("Clashes erupted in mid-April.", WED_2024, "April",
     D(2024, 4, 11), D(2024, 4, 20), "week", "relative_to_published"),
    ("The group was formed in early 2012.", WED_2024, "2012",
     D(2012, 1, 1), D(2012, 4, 30), "month", "explicit"),
    ("The junta ruled the country from January to March 2012.", WED_2024, "January",
     D(2012, 1, 1), D(2012, 3, 31), "month", "explicit"),
    ("The vote was held on 22/05/2024 in Kinshasa.", WED_2024, "22/05/2024",
     D(2024, 5, 22), D(2024, 5, 22), "day", "explicit"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "phrase", "start", "end", "precision", "method"),
    [pytest.param(*case, id=case[2]) for case in RESOLVED],
)
def test_sentences_resolve(text, published, phrase, start, end, precision, method):
    found = one_time(text, published, phrase)
    assert (found.start, found.end, found.precision, found.method) == (
        start, end, precision, method,
    )  # fmt: skip


def test_inferred_year_says_why():
    found = one_time("On November 24, a magazine quoted an official.", WED_2012, "November")
    assert found.note and "year inferred" in found.note


def test_next_day_counts_from_the_date_before_it():
    text = "On October 15, a convoy re-entered Mali. The next day, a soldier was killed."
    found = one_time(text, WED_2012, "next day")
    assert (found.start, found.precision, found.method) == (D(2011, 10, 16), "day", "inferred")
    assert found.note and "October 15" in found.note


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("M23 rebels seized Goma on the road north.", "M23", id="m23"),
        pytest.param("His 21-year-old son was arrested.", "21-year-old", id="age"),
        pytest.param("Men opened fire, killing two of the minister's 15 guards.", "15", id="15"),
        pytest.param("The attack lasted about three hours.", "three hours", id="hours"),
        pytest.param("He was detained for several weeks.", "several weeks", id="weeks"),
        pytest.param("They closed the borders for an indeterminate period.", "period", id="per"),
        pytest.param("Over the years, he campaigned abroad.", "years", id="the-years"),
        pytest.param("The east is still to this day at war.", "this day", id="this-day"),
        pytest.param("The soldiers left at 3 p.m.", "3 p.m.", id="clock"),
        pytest.param("Washington may train the Congolese army.", "may", id="may-verb"),
    ],
)
def test_not_a_calendar_date(text, words):
    found = times_in(text, WED_2024)
    assert not [t for t in found if words in t.text], [(t.text, t.start) for t in found]


MISSING_YEAR_TEXT = (
    "Trump offers military support\n10 de mar.\n"
    "The US imposed sanctions on February 20. Rebels attacked on Sunday. Last month the army "
    "withdrew. The first deal was signed on 2 March 2024, and talks began in 2019."
)


def test_missing_publication_year_leaves_relative_dates_unresolved():
    article = article_of(MISSING_YEAR_TEXT, None)
    assert article.published.year is None and article.published.month == 3
    found = {t.text: t for t in find_times(parse(article), article)}
    for phrase in ("on February 20", "on Sunday", "Last month"):
        assert found[phrase].start is None and found[phrase].end is None, found[phrase]
        assert found[phrase].note, phrase
    assert "year unknown" in (found["on February 20"].note or "")
    assert (found["on 2 March 2024"].start, found["on 2 March 2024"].method) == (
        D(2024, 3, 2), "explicit",
    )  # fmt: skip
    assert found["in 2019"].start == D(2019, 1, 1)


@pytest.mark.parametrize(
    ("core", "published", "start", "end", "precision"),
    [
        ("the end of february", D(2024, 3, 5), D(2024, 2, 21), D(2024, 2, 29), "week"),
        ("the late 1990s", D(2024, 3, 5), D(1997, 1, 1), D(1999, 12, 31), "year"),
        ("1994-95", D(2024, 3, 5), D(1994, 1, 1), D(1995, 12, 31), "year"),
        ("the summer of 2022", D(2024, 3, 5), D(2022, 6, 1), D(2022, 8, 31), "month"),
        ("three days ago", D(2024, 3, 5), D(2024, 3, 2), D(2024, 3, 2), "day"),
        ("the past two years", D(2024, 3, 5), D(2022, 3, 5), D(2024, 3, 5), "year"),
        ("last week", D(2024, 3, 6), D(2024, 2, 26), D(2024, 3, 3), "week"),
        ("december", D(2024, 1, 10), D(2023, 12, 1), D(2023, 12, 31), "month"),
        ("march", D(2024, 3, 10), D(2024, 3, 1), D(2024, 3, 31), "month"),
        ("the last week of february 2024", D(2024, 5, 1), D(2024, 2, 23), D(2024, 2, 29), "week"),
    ],
)
def test_rules_on_their_own(core, published, start, end, precision):
    outcome = resolve_core(core_of(core), Anchor(published.year, published.month, published.day))
    assert isinstance(outcome, Resolved), outcome
    assert (outcome.start, outcome.end, outcome.precision) == (start, end, precision)


# --- the seeds ----------------------------------------------------------------------------------

SEED_TARGETS = [
    ("drc-coup-attempt-2024.txt", "Early Sunday morning", "2024-05-19", "day"),
    ("drc-coup-attempt-2024.txt", "December 2023", "2023-12-01", "month"),
    ("drc-coup-attempt-2024.txt", "October 2023", "2023-10-01", "month"),
    ("drc-coup-attempt-2024.txt", "1961", "1961-01-01", "year"),
    ("drc-coup-attempt-2024.txt", "1996 to 2008", "1996-01-01", "year"),
    ("drc-coup-attempt-2024.txt", "1965 to 1997", "1965-01-01", "year"),
    ("mali-coup-2012.txt", "Thursday morning", "2012-03-22", "day"),
    ("mali-coup-2012.txt", "Wednesday", "2012-03-21", "day"),
    ("mali-coup-2012.txt", "November 24", "2011-11-24", "day"),
    ("mali-coup-2012.txt", "October 15", "2011-10-15", "day"),
    ("mali-coup-2012.txt", "The next day", "2011-10-16", "day"),
    ("mali-coup-2012.txt", "In June", "2011-06-01", "month"),
    ("mali-coup-2012.txt", "January 17", "2012-01-17", "day"),
    ("mali-coup-2012.txt", "February 1", "2012-02-01", "day"),
    ("mali-coup-2012.txt", "since 2002", "2002-01-01", "year"),
    ("mali-coup-2012.txt", "in 1991", "1991-01-01", "year"),
    ("mali-coup-2012.txt", "Last month", "2012-02-01", "month"),
    ("drc-us-minerals-2025.txt", "on February 20", "2025-02-20", "day"),
    ("drc-us-minerals-2025.txt", "At the end of January", "2025-01-21", "week"),
    ("drc-us-minerals-2025.txt", "in February", "2025-02-01", "month"),
]


@pytest.fixture(scope="module")
def seeds(corpus_dir: Path) -> dict[str, tuple[Article, object]]:
    found = {}
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        article = normalise(raw, published=SEED_PUBLISHED.get(path.name))
        found[path.name] = (article, parse(article))
    return found


@pytest.mark.parametrize(
    ("file", "phrase", "start", "precision"),
    [pytest.param(*t, id=f"{t[0].split('-')[0]}:{t[1]}") for t in SEED_TARGETS],
)
def test_seed_dates(seeds, file, phrase, start, precision):
    article, doc = seeds[file]
    times = find_times(doc, article)
    hits = [t for t in times if phrase in t.text]
    assert hits, [t.text for t in times]
    assert any(t.start and t.start.isoformat() == start and t.precision == precision for t in hits)


def test_seed_spans_match_text_and_are_sorted(seeds):
    for article, doc in seeds.values():
        times = find_times(doc, article)
        assert [t.span.start for t in times] == sorted(t.span.start for t in times)
        assert all(article.text[t.span.start : t.span.end] == t.text for t in times)
        assert all(t.start is None or t.end is None or t.start <= t.end for t in times)


def test_seed_non_dates_are_left_out(seeds):
    article, doc = seeds["drc-coup-attempt-2024.txt"]
    texts = [t.text for t in find_times(doc, article)]
    for words in ("21-year-old", "36-year-old", "three hours", "several weeks", "M23"):
        assert not [t for t in texts if words in t], texts
