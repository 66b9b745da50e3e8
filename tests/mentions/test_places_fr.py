"""French places: locative prepositions, admin cues and compass parts of a country, which
resolve to the same records as the English "in Goma", "eastern DRC", "northern Mali"."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.places import find_places
from faultline.models import PlaceMention, RawDocument
from faultline.nlp import parse


def places_in(sentence: str) -> tuple[PlaceMention, ...]:
    text = f"Dépêche\n\n{sentence} La situation restait tendue mardi selon la presse locale."
    article = normalise(RawDocument(path="p.txt", format="txt", text=text),
                        published=dt.date(2025, 2, 4))  # fmt: skip
    assert article.language == "fr"
    return find_places(parse(article), article)


@pytest.mark.parametrize(
    ("sentence", "name", "precision"),
    [
        ("Des combats ont éclaté dans l'est de la RDC la semaine dernière.",
         "eastern Democratic Republic of the Congo", "region"),
        ("L'armée a lancé une opération dans le nord du Mali.", "northern Mali", "region"),
        ("Des renforts ont été envoyés au nord-est du Mali.", "north-eastern Mali", "region"),
        ("Les soldats ont patrouillé dans la commune de la Gombe, à Kinshasa.", "Kinshasa",
         "city"),
        ("Les rebelles ont pris Bukavu, chef-lieu de la province du Sud-Kivu.", "Bukavu", "city"),
    ],
)  # fmt: skip
def test_french_place_phrases_resolve_as_english_ones(
    sentence: str, name: str, precision: str
) -> None:
    assert (name, precision) in {(p.name, p.precision) for p in places_in(sentence)}


def test_the_country_named_once_makes_l_est_du_pays_its_eastern_part() -> None:
    found = places_in("Le Mali reste fragile. Les violences gagnent l'est du pays depuis mars.")
    assert "eastern Mali" in {p.name for p in found}


def test_a_capital_receiving_aid_stands_for_its_country() -> None:
    found = places_in("L'Allemagne a gelé une partie de son aide financière à Kigali.")
    assert ("Kigali", "country") in {(p.text, p.precision) for p in found}
