"""French event triggers the English rules miss: misattached light-verb objects, passive
measures, deadlines given as ultimatums, rejections (issue 11)."""

from __future__ import annotations

import pytest

from faultline.events.detect import _candidates
from faultline.nlp import load_nlp


@pytest.fixture(scope="module")
def parse():
    nlp = load_nlp("fr")
    return lambda text: nlp(text)


def _triggers(doc) -> dict[str, tuple[str, str]]:
    return {c.trigger.text: (c.lemma, c.lexical_class) for c in _candidates(doc)}


@pytest.mark.parametrize(
    ("sentence", "word", "lexical_class"),
    [
        # A date between the light verb and its noun: the model hangs the noun off the date.
        ("Les États-Unis ont imposé jeudi des sanctions contre un ministre rwandais.",
         "sanctions", "sanction"),
        ("Les États-Unis ont imposé le 20 février des sanctions contre un général.",
         "sanctions", "sanction"),
        ("La coalition rebelle a annoncé lundi un cessez-le-feu unilatéral.",
         "cessez-le-feu", "retreat"),
        # The passive reports the same measure.
        ("Un couvre-feu a été instauré dans la capitale.", "couvre-feu", "coercion"),
    ],
)  # fmt: skip
def test_french_eventive_nouns_after_light_verbs(
    parse, sentence: str, word: str, lexical_class: str
) -> None:
    assert _triggers(parse(sentence))[word][1] == lexical_class


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Les frontières du pays ont été fermées mardi.", "fermées", ("close", "coercion")),
        ("Le Rwanda a rapidement rejeté ces mesures.", "rejeté", ("reject", "rejection")),
        ("Les chefs d'État ont donné 72 heures aux militaires pour partir.", "donné",
         ("ultimatum", "threat")),
        # "celle-ci" stands for the eventive noun before it: the light verb acts it out.
        ("La junte invoquait la rébellion. Celle-ci a été lancée le 17 janvier par le MNLA.",
         "lancée", ("rebellion", "violence")),
        # A seized town is a town taken by force, and with an agent the noun is an event.
        ("Les sanctions interviennent après la prise de Bukavu, chef-lieu du Sud-Kivu, par le "
         "M23.", "prise", ("capture", "violence")),
    ],
)  # fmt: skip
def test_french_verb_triggers(parse, sentence: str, word: str, expected: tuple[str, str]) -> None:
    assert _triggers(parse(sentence))[word] == expected


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # A gift of goods is no deadline: only a counted span of time is an ultimatum.
        ("Les chefs d'État ont donné des vivres aux déplacés.", "donné"),
        # An eventive noun far from any light verb is only talked about.
        ("Le ministre a parlé longuement hier soir devant les députés des sanctions.",
         "sanctions"),
        # What an accusation alleges is its content, not an event of its own.
        ("Le gouvernement accuse le Rwanda de financer et d'armer la rébellion.", "armer"),
        ("Le gouvernement accuse le Rwanda de financer et d'armer la rébellion.", "financer"),
        # "celle-ci" standing for no eventive noun makes no event.
        ("Le ministre a présenté une loi. Celle-ci a été lancée lundi.", "lancée"),
    ],
)  # fmt: skip
def test_french_non_triggers(parse, sentence: str, word: str) -> None:
    assert word not in _triggers(parse(sentence))
