"""Mineral mentions: names, aliases, group terms and generic stakes, with exact spans."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.minerals import find_minerals, minerals_in
from faultline.models import GENERIC_MINERALS, Article, RawDocument, Span

TERMS = {
    "cobalt": ("cobalt",),
    "copper": ("copper",),
    "gold": ("gold",),
    "tin": ("tin",),
    "tantalum": ("tantalum",),
    "coltan": ("tantalum",),
    "cassiterite": ("tin",),
    "rare earths": ("rare_earths",),
    "rare earth metals": ("rare_earths",),
    "rare earth elements": ("rare_earths",),
    "diamonds": ("diamonds",),
    "3t": ("tin", "tantalum", "tungsten"),
    "3tg": ("tin", "tantalum", "tungsten", "gold"),
    "critical minerals": (GENERIC_MINERALS,),
    "strategic minerals": (GENERIC_MINERALS,),
}


def article(text: str) -> Article:
    raw = RawDocument(path="minerals.txt", format="txt", text=f"A headline\n\n{text}")
    return normalise(raw, published=dt.date(2025, 3, 10))


def found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.minerals) for m in find_minerals(article(text), TERMS)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "M23 seized Rubaya, whose mines supply much of the world's coltan.",
            [("coltan", ("tantalum",))],
        ),
        (
            "in exchange for the right to exploit rare earth metals, Washington may train the army",
            [("rare earth metals", ("rare_earths",))],
        ),
        (
            "The firm signed a $4.5 billion cobalt and copper deal near Kolwezi.",
            [("cobalt", ("cobalt",)), ("copper", ("copper",))],
        ),
        (
            "Smelters must audit their 3T supply chains; 3TG rules add gold.",
            [
                ("3T", ("tin", "tantalum", "tungsten")),
                ("3TG", ("tin", "tantalum", "tungsten", "gold")),
                ("gold", ("gold",)),
            ],
        ),
        (
            "Washington is willing to invest in the DRC's critical minerals sector.",
            [("critical minerals", (GENERIC_MINERALS,))],
        ),
        (
            "The US offered military support in exchange for minerals.",
            [("minerals", (GENERIC_MINERALS,))],
        ),
        ("Rare-earth exports fell.", [("Rare-earth", ("rare_earths",))]),
        (
            "Traders smuggled diamonds and cassiterite across the border.",
            [("diamonds", ("diamonds",)), ("cassiterite", ("tin",))],
        ),
    ],
)
def test_minerals_named_in_news_sentences(sentence: str, expected: list[object]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The displaced families sheltered under tin roofs near Bunia.",
        "She won a gold medal in Paris.",
        "Their reporting is the gold standard for the region.",
        "Copperbelt province officials met on Monday.",
        "A goldsmith was arrested in Bamako.",
        "The mineral water plant closed.",
        "Forces fired 13T rounds.",
    ],
)
def test_words_that_are_not_commodities_are_not_mentions(sentence: str) -> None:
    assert found(sentence) == []


def test_spans_are_offsets_into_the_normalised_text() -> None:
    item = article("Gold and cobalt prices rose.")
    mentions = find_minerals(item, TERMS)
    assert [m.span.of(item.text) for m in mentions] == ["Gold", "cobalt"]


def test_minerals_in_keeps_the_mentions_inside_a_span() -> None:
    item = article("Cobalt output rose. Gold output fell.")
    mentions = find_minerals(item, TERMS)
    assert [m.text for m in minerals_in(mentions, Span(0, 19))] == ["Cobalt"]
