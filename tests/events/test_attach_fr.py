"""French event clauses get their place from a capitalised dateline and their counts from
the French ways of joining victims to a count."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.attach import lede_place
from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, RawDocument
from faultline.nlp import parse

PUBLISHED = dt.date(2024, 5, 19)


def run(text: str) -> tuple[Article, list[EventDraft]]:
    raw = RawDocument(path="t.txt", format="txt", text=text)
    article = normalise(raw, published=PUBLISHED)
    assert article.language == "fr"
    doc = parse(article)
    return article, find_event_clauses(doc, article, extract_mentions(doc, article))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        pytest.param("KINSHASA — Des hommes armés ont attaqué dimanche la résidence d'un "
                     "ministre. Deux gardes ont été tués lors des échanges de tirs.",
                     "Kinshasa", id="em-dash"),
        pytest.param("BAMAKO - Des soldats ont tiré dimanche sur des manifestants devant "
                     "l'Assemblée. Trois personnes ont été blessées.", "Bamako", id="dash"),
    ],
)  # fmt: skip
def test_a_french_dateline_locates_events_that_name_no_place(text: str, town: str) -> None:
    _, drafts = run(text)
    assert drafts
    assert all(d.location is not None and d.location.name == town for d in drafts)


def test_no_dateline_no_lede_place() -> None:
    article, _ = run("Des hommes armés ont attaqué dimanche la résidence d'un ministre.")
    assert lede_place(article, ()) is None


def test_companions_of_the_victim_are_counted_on_the_event() -> None:
    _, drafts = run("KINSHASA — Selon l'armée, le chef du commando a été tué avec trois "
                    "de ses hommes après avoir résisté à son arrestation.")  # fmt: skip
    assert sum(d.counts.killed or 0 for d in drafts) == 4
