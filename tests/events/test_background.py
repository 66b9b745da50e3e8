"""Background: history versus the news of the week, by date and by the clause's own words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from faultline.events.background import BACKGROUND_AFTER_DAYS, is_background
from faultline.ingest.normalise import normalise
from faultline.mentions import find_times
from faultline.models import Article, PublishedDate, RawDocument
from faultline.nlp import load_nlp, parse

MAY_2024 = PublishedDate.from_date(dt.date(2024, 5, 22), method="cli")
MARCH_2012 = PublishedDate.from_date(dt.date(2012, 3, 28), method="cli")
UNKNOWN = PublishedDate()


def trigger_in(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


def background(text: str, word: str, start: dt.date | None, published: PublishedDate) -> bool:
    return is_background(trigger_in(load_nlp()(text), word), start, published)


@pytest.mark.parametrize(
    ("text", "word", "start", "published", "expected"),
    [
        pytest.param("Lumumba was murdered in 1961.", "murdered", dt.date(1961, 1, 1), MAY_2024,
                     True, id="1961"),
        pytest.param("Rebels attacked the palace on Sunday.", "attacked", dt.date(2024, 5, 19),
                     MAY_2024, False, id="this-week"),
        pytest.param("The UN announced the figures in October 2023.", "announced",
                     dt.date(2023, 10, 1), MAY_2024, False, id="seven-months-earlier"),
        pytest.param("On November 24, a French official complained.", "complained",
                     dt.date(2011, 11, 24), MARCH_2012, False, id="recent-chain-previous-year"),
        pytest.param("He ran in the elections in 2011.", "ran", dt.date(2011, 1, 1), MARCH_2012,
                     False, id="year-only-last-year-may-be-december"),
        pytest.param("He ran in the elections in 2010.", "ran", dt.date(2010, 1, 1), MARCH_2012,
                     True, id="year-only-two-years-back"),
        pytest.param("The war raged from 1996 to 2008.", "raged", dt.date(1996, 1, 1), MAY_2024,
                     True, id="range-in-the-past"),
        pytest.param("Troops will withdraw next year.", "withdraw", dt.date(2025, 1, 1), MAY_2024,
                     False, id="future"),
    ],
)  # fmt: skip
def test_dated_events(text, word, start, published, expected) -> None:
    assert background(text, word, start, published) is expected


def test_threshold_is_one_year() -> None:
    doc = load_nlp()("The army seized the town.")
    trigger = trigger_in(doc, "seized")
    day = MAY_2024.as_date()
    assert day is not None
    just_inside = day - dt.timedelta(days=BACKGROUND_AFTER_DAYS)
    assert not is_background(trigger, just_inside, MAY_2024)
    assert is_background(trigger, just_inside - dt.timedelta(days=1), MAY_2024)


def test_a_known_end_date_counts_from_the_end() -> None:
    doc = load_nlp()("The siege lasted from 2019 to 2024.")
    trigger = trigger_in(doc, "lasted")
    assert not is_background(
        trigger, dt.date(2019, 1, 1), MAY_2024, event_date_end=dt.date(2024, 3, 1)
    )


@pytest.mark.parametrize(
    ("text", "word", "published", "expected"),
    [
        pytest.param("Touré came to power through a military coup in 1991.", "coup", MARCH_2012,
                     True, id="year-in-the-clause"),
        pytest.param("He had handed power back to civilians in the 1992 elections.", "handed",
                     MARCH_2012, True, id="year-in-a-noun-phrase"),
        pytest.param("He had served in the army.", "served", MARCH_2012, True,
                     id="narrative-pluperfect"),
        pytest.param("The army said it had repelled the attack.", "repelled", MARCH_2012, False,
                     id="backshifted-speech"),
        pytest.param("After troops had surrounded the palace, they stormed it.", "surrounded",
                     MARCH_2012, False, id="pluperfect-sequencing"),
        pytest.param("The troops had seized the airport by Thursday.", "seized", MARCH_2012,
                     False, id="pluperfect-with-a-weekday"),
        pytest.param("The mutineers criticized Touré, in power since 2002, for his failures.",
                     "criticized", MARCH_2012, False, id="year-describes-a-participant"),
        pytest.param("Rebels attacked the town two decades ago.", "attacked", MARCH_2012, True,
                     id="decades-ago"),
        pytest.param("Rebels attacked the town.", "attacked", MARCH_2012, False,
                     id="plain-news"),
        pytest.param("Lumumba was murdered in 1961.", "murdered", UNKNOWN, False,
                     id="no-publication-year-no-comparison"),
    ],
)  # fmt: skip
def test_undated_events_read_the_clause(text, word, published, expected) -> None:
    assert background(text, word, None, published) is expected


def test_the_publication_date_itself_is_not_informative() -> None:
    # A resolver falls back to the publication date; the clause's 1991 must still win.
    text = "Touré came to power through a military coup in 1991."
    assert background(text, "coup", MARCH_2012.as_date(), MARCH_2012)


# --- the seeds ---------------------------------------------------------------------------------


def seed(corpus_dir: Path, name: str) -> tuple[Article, Doc]:
    path = corpus_dir / "seeds" / name
    raw = RawDocument(path=name, format="txt", text=path.read_text(encoding="utf-8"))
    article = normalise(raw)
    return article, parse(article)


def dated(article: Article, doc: Doc, before: str, word: str) -> bool:
    """``is_background`` with the event dated by the first time expression in its sentence."""
    start = doc.text.index(before)
    trigger = next(t for t in doc if t.idx >= start and t.text == word)
    sentence = trigger.sent
    times = [
        t for t in find_times(doc, article)
        if sentence.start_char <= t.span.start < sentence.end_char and t.start is not None
    ]  # fmt: skip
    return is_background(trigger, times[0].start if times else None, article.published)


def test_seed_history_of_the_drc_is_background(corpus_dir: Path) -> None:
    article, doc = seed(corpus_dir, "drc-coup-attempt-2024.txt")
    assert dated(article, doc, "Lumumba was", "murdered")
    assert dated(article, doc, "ravaged by war", "ravaged")
    assert not dated(article, doc, "Early Sunday", "attacked")


def test_seed_mali_1991_coup_is_background_but_november_is_news(corpus_dir: Path) -> None:
    article, doc = seed(corpus_dir, "mali-coup-2012.txt")
    assert dated(article, doc, "came to power", "coup")
    assert dated(article, doc, "handed power", "handed")
    assert not dated(article, doc, "On November 24", "quoted")
    assert not dated(article, doc, "Mutinous", "seized")
