"""French generic actors and capitals standing for their governments, read off the glossed
French parse as the English ones are."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.actors import find_actors
from faultline.models import ActorMention, RawDocument
from faultline.nlp import parse


def actors_in(sentence: str) -> tuple[ActorMention, ...]:
    text = f"Dépêche\n\n{sentence} La situation restait tendue mardi selon la presse locale."
    article = normalise(RawDocument(path="a.txt", format="txt", text=text),
                        published=dt.date(2025, 2, 4))  # fmt: skip
    assert article.language == "fr"
    return find_actors(parse(article), article)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Des hommes lourdement armés ont attaqué le poste de police.", "Unidentified armed men"),
        ("Des hommes en uniforme ont enlevé le chef du village.", "Unidentified armed men"),
        ("Des assaillants ont incendié une église dimanche.", "Unidentified assailants"),
        ("Les rebelles ont pris le contrôle de la ville.", "Rebels"),
        ("Des jihadistes ont tué dix bergers près de la frontière.", "Jihadists"),
        ("La junte a dissous le gouvernement lundi.", "Military junta"),
        ("Les mutins ont arrêté plusieurs ministres.", "Mutinous soldiers"),
        ("Des manifestants ont défilé samedi dans la capitale.", "Protesters"),
    ],
)  # fmt: skip
def test_french_generic_actors_get_the_english_names(sentence: str, name: str) -> None:
    assert name in {a.name for a in actors_in(sentence)}


def test_men_are_no_actor_unless_armed_or_in_uniform() -> None:
    found = actors_in("Des hommes ont discuté longuement sur la place du marché.")
    assert "Unidentified armed men" not in {a.name for a in found}


def test_a_capital_after_aid_stands_for_its_government() -> None:
    found = actors_in("L'Allemagne a gelé une partie de son aide financière à Kigali.")
    assert ("Kigali", "metonym") in {(a.text, a.method) for a in found}


def test_a_capital_after_a_locative_preposition_is_a_place() -> None:
    found = actors_in("Une cinquantaine de personnes ont été arrêtées à Kinshasa lundi.")
    assert "Kinshasa" not in {a.text for a in found}
