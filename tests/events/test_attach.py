"""Dates, places and counts attached to event clauses, each with the text it came from."""

from __future__ import annotations

import datetime as dt

from faultline.events.attach import counts_of
from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, Quantity, RawDocument, Span
from faultline.nlp import parse

PUBLISHED = dt.date(2024, 3, 10)


def run(text: str) -> tuple[Article, list[EventDraft]]:
    article = normalise(RawDocument(path="t.txt", format="txt", text=text), published=PUBLISHED)
    doc = parse(article)
    return article, find_event_clauses(doc, article, extract_mentions(doc, article))


def evidence(draft: EventDraft, field: str) -> list[str]:
    return [e.text for e in draft.evidence if e.field == field]


def test_date_and_city_from_the_clause():
    _, (draft,) = run("On 3 March, JNIM militants attacked an army post in Gao, killing 12.")
    assert draft.date.start == dt.date(2024, 3, 3)
    assert draft.date.method in ("explicit", "relative_to_published")
    assert evidence(draft, "date") == ["On 3 March"]
    assert draft.location is not None and draft.location.name == "Gao"
    assert draft.counts.killed == 12


def test_no_date_falls_back_to_publication_and_says_so():
    _, (draft,) = run("Rebels attacked an army post in Djibo.")
    assert draft.date.method == "published_fallback"
    assert draft.date.start == PUBLISHED
    assert evidence(draft, "date") == []


def test_date_and_place_carry_forward_within_the_paragraph():
    _, drafts = run("On 3 March, gunmen stormed the market in Gao. Soldiers arrested nine men.")
    arrest = next(d for d in drafts if d.trigger_lemma == "arrest")
    assert arrest.date.start == dt.date(2024, 3, 3)
    assert arrest.location is not None and arrest.location.name == "Gao"
    assert arrest.counts.arrested == 9


def test_city_preferred_over_country():
    _, (draft,) = run("In Mali, soldiers clashed with rebels near Kidal on Tuesday.")
    assert draft.location is not None and draft.location.name == "Kidal"


def test_metonym_and_nationality_are_not_locations():
    _, drafts = run("Washington condemned Rwanda on Monday.")
    (draft,) = drafts
    assert draft.location is None or draft.location.country != "USA"


def test_part_of_a_count_is_not_added():
    _, (draft,) = run(
        "Some 50 people, including three US citizens, were arrested in Kinshasa on Sunday."
    )
    assert draft.counts.arrested == 50


def test_duration_is_not_an_event_date():
    _, (draft,) = run("The rebels, active since 2012, attacked Menaka.")
    assert draft.date.method == "published_fallback"


def test_money_reports_the_largest_amount_and_skips_other_currencies():
    text = "x" * 40
    quantities = [
        Quantity(Span(0, 5), text[0:5], 3e9, "money", unit="USD"),
        Quantity(Span(10, 15), text[10:15], 6e9, "money", unit="USD"),
        Quantity(Span(20, 25), text[20:25], 9e9, "money", unit="EUR"),
        Quantity(Span(30, 35), text[30:35], 4, "killed"),
        Quantity(Span(36, 38), text[36:38], 2, "killed", part_of=Span(30, 35)),
    ]
    counts, ev = counts_of(quantities, text)
    assert counts.money_usd == 6_000_000_000
    assert counts.killed == 4
    assert [e.field for e in ev] == ["counts.killed", "counts.money_usd"]


def test_every_evidence_span_matches_its_text():
    article, drafts = run(
        "On 3 March, gunmen attacked Djibo, killing 12 soldiers. The army arrested 40 people."
    )
    assert drafts
    for draft in drafts:
        for e in draft.evidence:
            assert e.text == article.text[e.span.start : e.span.end]
