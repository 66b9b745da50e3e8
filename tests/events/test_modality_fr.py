"""French modality: the hearsay conditional, futures and governors of plan, threat and offer."""

from __future__ import annotations

import pytest

from faultline.events.modality import modality_of
from faultline.models import Modality
from faultline.nlp import load_nlp


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Les affrontements auraient fait une trentaine de morts à Gao.", "fait", "hedged"),
        ("Trois journalistes auraient été enlevés près de Tombouctou.", "enlevés", "hedged"),
        ("Le chef rebelle serait détenu dans un camp de Kati.", "détenu", "hedged"),
        ("Les soldats n'ont jamais tué de civils.", "tué", "negated"),
        ("Les militaires ne comptent pas quitter le pouvoir.", "quitter", "negated"),
        ("Les États-Unis vont envoyer des instructeurs.", "envoyer", "planned"),
        ("L'armée devrait lancer une offensive dans le Nord.", "lancer", "planned"),
        ("Le gouvernement prévoit de fermer la frontière.", "fermer", "planned"),
        ("Le mouvement rebelle menace de prendre Uvira.", "prendre", "threatened"),
        ("Paris est prêt à financer la reconstruction.", "financer", "proposed"),
        ("Le ministre a proposé de négocier avec les rebelles.", "négocier", "proposed"),
        ("Les rebelles pourraient attaquer la capitale.", "attaquer", "hypothetical"),
        ("Les rebelles ont attaqué la capitale mardi.", "attaqué", "asserted"),
    ],
)
def test_french_modality(text: str, word: str, expected: Modality) -> None:
    doc = load_nlp("fr")(text)
    trigger = next(t for t in doc if t.text == word)
    assert modality_of(trigger) == expected
