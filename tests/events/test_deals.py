"""Minerals at stake and resource deals, read from sentences we wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.events.deals import stakes_of
from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.models import GENERIC_MINERALS, Event, Extraction, MineralMention, RawDocument, Span

PUBLISHED = dt.date(2025, 3, 14)
DEMO_DEAL = Path(__file__).parents[2] / "demo" / "articles" / "2024-06-cobalt-deal.txt"


def extract(text: str) -> Extraction:
    raw = RawDocument(path="deal.txt", format="txt", text=f"Minerals and security\n\n{text}")
    [(_, extraction)] = list(extract_all([normalise(raw, published=PUBLISHED)]))
    return extraction


def only_event(extraction: Extraction, event_type: str | None = None) -> Event:
    events = [e for e in extraction.events if event_type in (None, e.typing.event_type)]
    assert len(events) == 1, [(e.typing.event_type, e.summary) for e in extraction.events]
    return events[0]


@pytest.mark.parametrize(
    ("sentence", "minerals"),
    [
        ("M23 rebels seized the coltan mining town of Rubaya on Tuesday.", ["tantalum"]),
        ("Militiamen attacked a gold mine in Djugu on Monday, killing 12 diggers.", ["gold"]),
        ("Soldiers clashed with rebels near Walikale's cassiterite mines on Sunday.", ["tin"]),
        ("Rebels burned a village near Beni on Sunday.", []),
    ],
)
def test_violent_events_carry_the_minerals_their_sentence_names(
    sentence: str, minerals: list[str]
) -> None:
    violent = [e for e in extract(sentence).events if e.typing.event_type in ("ASSAULT", "COERCE")]
    event = violent[0]
    assert [s.mineral for s in event.minerals] == minerals
    assert event.deal is None
    for stake in event.minerals:
        assert any(e.field == "minerals" and e.span == stake.span for e in event.evidence)


def test_an_offer_of_security_for_minerals_is_a_deal_offer_with_its_parties() -> None:
    extraction = extract(
        "The United States has offered to train Congo's army in exchange for access to cobalt "
        "and coltan, officials said on Wednesday."
    )
    deals = [e for e in extraction.events if e.deal is not None]
    assert deals, [(e.typing.event_type, e.modality, e.summary) for e in extraction.events]
    deal = deals[0].deal
    assert deal is not None
    assert deal.kind == "offer"
    assert set(deal.minerals) == {"cobalt", "tantalum"}
    assert any("United States" in p.name for p in deal.parties)


def test_a_signed_resource_deal_records_parties_money_and_minerals() -> None:
    text = DEMO_DEAL.read_text(encoding="utf-8")
    raw = RawDocument(path=str(DEMO_DEAL), format="txt", text=text)
    [(_, extraction)] = list(extract_all([normalise(raw)]))
    signed = [e for e in extraction.events if e.deal and e.deal.money_usd == 4_500_000_000]
    assert len(signed) == 1
    deal = signed[0].deal
    assert deal is not None
    assert deal.kind == "agreement"
    assert deal.minerals == ("cobalt", "copper")
    assert len(deal.parties) == 2
    assert any("state mining company" in p.text for p in deal.parties)
    [relation] = [r for r in extraction.relations if r.event_id == signed[0].id] or [None]
    if relation is not None:  # only when both parties resolve to entities
        assert relation.predicate == "deals_with"


def test_a_denied_deal_is_no_deal() -> None:
    extraction = extract(
        "Rwanda denied on Friday that it had signed a cobalt deal with the rebels."
    )
    assert all(e.deal is None for e in extraction.events)


def test_a_deal_edge_carries_the_minerals_as_its_stake() -> None:
    extraction = extract(
        "China signed a $2 billion agreement with Congo on Tuesday to build roads in exchange "
        "for copper and cobalt."
    )
    edges = [r for r in extraction.relations if r.predicate == "deals_with"]
    assert edges, [(r.subject, r.predicate, r.object) for r in extraction.relations]
    assert edges[0].stake == "copper; cobalt; $2bn"


def mention(text: str, *minerals: str, at: int = 0) -> MineralMention:
    return MineralMention(Span(at, at + len(text)), text, minerals)


def test_a_generic_stake_gives_way_to_named_minerals() -> None:
    stakes = stakes_of(
        [mention("critical minerals", GENERIC_MINERALS), mention("3T", "tin", "tantalum", at=30)]
    )
    assert [s.mineral for s in stakes] == ["tin", "tantalum"]
    assert [s.mineral for s in stakes_of([mention("minerals", GENERIC_MINERALS)])] == [
        GENERIC_MINERALS
    ]


def test_each_mineral_is_one_stake_at_its_first_mention() -> None:
    stakes = stakes_of([mention("cobalt", "cobalt"), mention("Cobalt", "cobalt", at=40)])
    assert [(s.text, s.span.start) for s in stakes] == [("cobalt", 0)]


def test_cooperation_in_a_sentence_naming_minerals_is_about_natural_resources() -> None:
    extraction = extract(
        "In exchange for access to coltan and rare earths, and despite the war, Washington "
        "could train and equip the Congolese army."
    )
    support = [e for e in extraction.events if e.typing.event_type in ("AID", "SUPPORT")]
    assert support and all("natural_resources" in e.typing.contexts for e in support)
