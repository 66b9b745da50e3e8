"""French counts: number words, spaced thousands, round nouns ("une cinquantaine") and hedges,
bound to what happened to the people counted."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.quantities import find_quantities
from faultline.models import Quantity, RawDocument
from faultline.nlp import parse


def quantities_in(sentence: str) -> tuple[Quantity, ...]:
    text = f"Dépêche\n\n{sentence} Les habitants de la ville ont raconté la scène à la presse."
    raw = RawDocument(path="q.txt", format="txt", text=text)
    article = normalise(raw, published=dt.date(2024, 9, 12))
    assert article.language == "fr"
    return find_quantities(parse(article), article)


@pytest.mark.parametrize(
    ("sentence", "value", "category", "approximate", "hedge"),
    [
        ("Les combats ont fait au moins quarante morts près de Sake.", 40, "killed", True,
         "at least"),
        ("Une cinquantaine de personnes ont été blessées lors de l'attaque.", 50, "injured", True,
         None),
        ("Des milliers de déplacés sont arrivés à Goma mercredi.", 1000, "displaced", True, None),
        ("Vingt-cinq soldats ont été tués dans l'embuscade.", 25, "killed", False, None),
        ("La police a arrêté 120 manifestants samedi à Conakry.", 120, "arrested", False, None),
        ("Plus de 8 000 personnes ont fui les villages environnants.", 8000, "displaced", True,
         "more than"),
    ],
)  # fmt: skip
def test_french_counts_read_as_english_ones(
    sentence: str, value: float, category: str, approximate: bool, hedge: str | None
) -> None:
    found = [q for q in quantities_in(sentence) if q.category == category]
    assert found, [(q.text, q.value, q.category) for q in quantities_in(sentence)]
    assert (found[0].value, found[0].approximate, found[0].hedge) == (value, approximate, hedge)


@pytest.mark.parametrize(
    "sentence",
    [
        "Une commerçante de 41 ans a raconté la nuit de tirs.",
        "Les combats ont duré deux jours près de Sake.",
        "Le Mouvement du 23 mars contrôle la ville depuis 2012.",
    ],
)
def test_ages_durations_years_and_names_count_no_one(sentence: str) -> None:
    counted = [q for q in quantities_in(sentence) if q.category != "other"]
    assert counted == []


def test_money_in_french() -> None:
    found = quantities_in("Pékin s'était engagé à investir 6 milliards de dollars en RDC.")
    money = [q for q in found if q.category == "money"]
    assert [(q.value, q.unit) for q in money] == [(6e9, "USD")]


@pytest.mark.parametrize(
    ("sentence", "value", "category"),
    [
        pytest.param("Selon l'armée, il a été tué avec trois de ses hommes près du palais.", 4,
                     "killed", id="avec-companions"),
        pytest.param("Le colonel Diarra et deux autres officiers ont été tués lundi à Gao.", 3,
                     "killed", id="name-et-count"),
        pytest.param("Le nombre de déplacés a atteint le chiffre de 1,2 million en juin.",
                     1_200_000, "displaced", id="chiffre-de"),
        pytest.param("Le bilan des violences s'élève à 57 morts selon la Croix-Rouge.", 57,
                     "killed", id="s-eleve-a"),
    ],
)  # fmt: skip
def test_french_counts_the_parse_does_not_coordinate(
    sentence: str, value: float, category: str
) -> None:
    found = [q for q in quantities_in(sentence) if q.category == category]
    assert [q.value for q in found] == [value], [(q.text, q.value, q.category) for q in found]


def test_partitive_after_a_determiner_names_the_unit() -> None:
    (count,) = [q for q in quantities_in("Deux de nos collègues ont été blessés par balle.")
                if q.category == "injured"]  # fmt: skip
    assert (count.value, count.unit) == (2, "collègues")
