"""French coups: triggers, false "coup" readings, outcome cues, leaders (issue 11)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token

from faultline.events.coup import is_coup_trigger
from faultline.events.coup_cues import near_vote, title_vote
from faultline.events.detect import _candidates
from faultline.nlp import load_nlp


@pytest.fixture(scope="module")
def parse():
    nlp = load_nlp("fr")
    return lambda text: nlp(text)


def _token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Une tentative de coup d'État a été déjouée dimanche à Kinshasa.", "coup"),
        ("Les partis ont condamné le coup de force des militaires.", "coup"),
        ("Le putsch a été mené par un capitaine de l'armée.", "putsch"),
        ("La mutinerie avait éclaté mercredi au camp de Kati.", "mutinerie"),
        ("Les soldats ont renversé le président Amadou Toumani Touré.", "renversé"),
        ("Un groupe armé a tenté de s'emparer du pouvoir à Kinshasa.", "emparer"),
        ("On ignore encore pourquoi le coup a échoué si vite.", "coup"),
    ],
)
def test_french_coup_words_are_triggers(parse, sentence: str, word: str) -> None:
    assert is_coup_trigger(_token(parse(sentence), word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Un coup de feu a retenti près du marché central.", "coup"),
        ("Les manifestants ont été dispersés à coups de gaz lacrymogène.", "coups"),
        ("Tout à coup, la foule s'est mise à courir.", "coup"),
        ("Du coup, les commerçants ont fermé leurs boutiques.", "coup"),
        ("Cette équipée relève davantage du coup de bluff que d'un projet.", "coup"),
        ("Les putschistes ont été arrêtés à l'aube.", "putschistes"),
        ("Le président a été renversé lors des élections de dimanche.", "renversé"),
        ("La région a connu plusieurs coups d'État depuis 1960.", "coups"),
    ],
)
def test_french_false_coup_readings_are_not_triggers(parse, sentence: str, word: str) -> None:
    assert not is_coup_trigger(_token(parse(sentence), word))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("L'armée affirme avoir déjoué une tentative de coup d'État à Kinshasa.", "attempted"),
        ("Le coup d'État manqué de dimanche a fait six morts.", "attempted"),
        ("Un complot visant à fomenter un coup d'État a été découvert.", "plot"),
        ("Les mutins ont renversé le régime par un coup d'État sanglant.", "successful"),
    ],
)
def test_french_outcome_cues(parse, sentence: str, expected: str) -> None:
    doc = parse(sentence)
    trigger = next(t for t in doc if is_coup_trigger(t))
    assert near_vote(trigger) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Coup d’État manqué en RDC : Washington promet de coopérer", "attempted"),
        ("Tentative de putsch à Kinshasa : cinquante arrestations", "attempted"),
        ("Niger : un complot contre la junte déjoué", "plot"),
        ("Mali : un coup d'État renverse le président Touré", "successful"),
        ("Mali : la rébellion touareg progresse dans le nord", None),
    ],
)
def test_french_title_votes(title: str, expected: str | None) -> None:
    assert title_vote(title, "fr") == expected


def test_english_title_vote_ignores_french_words() -> None:
    assert title_vote("Tentative de putsch à Kinshasa") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Touré était arrivé au pouvoir par un coup d'État en 1991 contre Moussa Traoré.",
        "Les États-Unis vont coopérer avec l'enquête sur la tentative de coup d'État de dimanche.",
        "La junte au pouvoir depuis le coup d'État du 26 juillet 2023 a fermé la frontière.",
    ],
)
def test_french_coup_nouns_become_coup_events(parse, sentence: str) -> None:
    found = [c for c in _candidates(parse(sentence)) if c.lexical_class == "coup"]
    # "arrivé au pouvoir par un coup d'État": one coup event, the verb's, holding the noun.
    assert len(found) == 1
    assert "coup" in [found[0].trigger.text, *(t.text for t in found[0].absorbed)]


def test_a_shot_is_no_coup_event(parse) -> None:
    doc = parse("Un coup de feu a retenti dimanche devant la résidence du ministre.")
    assert not [c for c in _candidates(doc) if c.lexical_class == "coup"]


def test_prendre_le_pouvoir_is_a_coup_event(parse) -> None:
    doc = parse("Des militaires ont pris le pouvoir jeudi matin à Bamako.")
    assert [c.lexical_class for c in _candidates(doc) if c.trigger.text == "pris"] == ["coup"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Amadou Toumani Touré était arrivé au pouvoir par un coup d'État en 1991.",
        "Le colonel était lui-même arrivé au pouvoir en 2021 par un putsch.",
    ],
)
def test_arriving_in_power_by_a_coup_is_a_coup_event(parse, sentence: str) -> None:
    doc = parse(sentence)
    assert [c.lexical_class for c in _candidates(doc) if c.trigger.text == "arrivé"] == ["coup"]


def test_arriving_in_power_by_election_is_not(parse) -> None:
    doc = parse("Le président était arrivé au pouvoir par les urnes en 2019.")
    assert not [c for c in _candidates(doc) if c.trigger.text == "arrivé"]
