"""French event clauses get their place from a capitalised dateline and their counts from
the French ways of joining victims to a count."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.attach import lede_place
from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.events.merge import merge_drafts
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


def _counts(drafts: list[EventDraft], field: str) -> list[int]:
    return [getattr(d.counts, field) for d in drafts if getattr(d.counts, field)]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # "faire N morts/déplacés": the subject is the event that left the toll.
        ("Les affrontements à Bamako auraient fait une trentaine de morts, selon un médecin.",
         "killed", 30),
        # The count is bound to the counted noun, not to a verb of our lexicon.
        ("Au moins 300 corps ont été ramassés dans les rues de Goma après les combats.",
         "killed", 300),
        ("En mars 2023, le nombre de déplacés dans le pays avait atteint 1,2 million.",
         "displaced", 1200000),
    ],
)  # fmt: skip
def test_french_counts_reach_an_event(text: str, field: str, value: int) -> None:
    _, drafts = run(text)
    assert value in _counts(drafts, field)


def test_french_tolls_of_different_victims_add_up() -> None:
    text = (
        "Trois policiers ont été tués lundi devant le palais à Kinshasa. "
        "Jean Mbala et deux autres assaillants ont également été tués, a indiqué "
        "le porte-parole de l'armée."
    )
    _, drafts = run(text)
    assert sorted(_counts(merge_drafts(drafts), "killed")) == [3, 3]


@pytest.mark.parametrize(
    ("text", "wrong_country"),
    [
        # "le Nord" is the north of the country the article is about, not Burkina's Nord.
        ("Au Mali, les combats dans le Nord ont fait 5 000 déplacés depuis janvier.", "BFA"),
        # Where the displaced fled to is not where the fighting displaced them.
        ("Au Mali, les combats ont fait 5 000 déplacés, notamment vers le Niger.", "NER"),
    ],
)
def test_french_toll_is_not_placed_elsewhere(text: str, wrong_country: str) -> None:
    _, drafts = run(text)
    displaced = [d for d in drafts if d.counts.displaced]
    assert displaced
    assert all(d.location is None or d.location.country != wrong_country for d in displaced)


def test_an_article_naming_only_its_cities_still_has_a_home_country() -> None:
    from faultline.events.attach import home_country
    from faultline.models import PlaceMention, Span

    bamako = PlaceMention(Span(0, 6), "Bamako", "Bamako", "city", country="MLI")
    kati = PlaceMention(Span(20, 24), "Kati", "Kati", "city", country="MLI")
    home = home_country([bamako, kati])
    assert home is not None
    assert (home.precision, home.country, home.span) == ("country", "MLI", bamako.span)


def test_where_fighters_came_from_does_not_place_the_event() -> None:
    _, drafts = run(
        "Au Mali, la rébellion a été lancée le 17 janvier par le MNLA, renforcé par des "
        "combattants touareg revenus lourdement armés de Libye."
    )
    assert drafts
    assert all(d.location is None or d.location.country != "LBY" for d in drafts)
