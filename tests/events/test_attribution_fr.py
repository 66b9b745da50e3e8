"""French attribution: post-posed reporting verbs, inverted subjects, "selon"/"d'après" sources."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc, Token

from faultline.events.attribution import attribution_of, find_cue
from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.models import Attribution, RawDocument
from faultline.nlp import load_nlp


def trigger_in(doc: Doc, word: str) -> Token:
    matches = [t for t in doc if t.text == word]
    assert matches, f"{word!r} not in {doc.text!r}"
    return matches[0]


def attribution(text: str, word: str) -> Attribution | None:
    doc = load_nlp("fr")(text)
    return attribution_of(doc, trigger_in(doc, word))


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        (
            "Une trentaine de suspects ont été arrêtés après l'attaque, a annoncé lundi le "
            "porte-parole de l'armée, le général Paul Mbuyi.",
            "arrêtés",
            "porte-parole",
        ),
        (
            "Deux policiers et trois assaillants ont été tués, a indiqué le général Mbuyi.",
            "tués",
            "Mbuyi",
        ),
        (
            "Dans un communiqué publié jeudi, l’état-major a affirmé que des frappes avaient "
            "permis de détruire plusieurs camps rebelles.",
            "détruire",
            "état-major",
        ),
        (
            "Le ministre de la Défense a déclaré que les rebelles avaient attaqué deux villages.",
            "attaqué",
            "ministre",
        ),
    ],
)
def test_reporting_verb_names_its_speaker(text: str, word: str, speaker: str) -> None:
    found = attribution(text, word)
    assert found is not None
    assert speaker in found.speaker_text


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        ("Quatre civils ont été tués près du marché, selon un élu local.", "tués", "élu local"),
        (
            "Plusieurs ministres auraient été arrêtés, d’après des proches du président.",
            "arrêtés",
            "proches du président",
        ),
        ("Les rebelles ont tué six soldats, à en croire le maire de la ville.", "tué", "maire"),
        ("Les assaillants ont incendié une école, de source militaire.", "incendié", "source"),
    ],
)
def test_source_phrase_is_an_attribution(text: str, word: str, speaker: str) -> None:
    found = attribution(text, word)
    assert found is not None
    assert speaker in found.speaker_text


def test_inverted_clitic_is_the_speaker() -> None:
    doc = load_nlp("fr")("« Les rebelles ont brûlé trois villages », a-t-il ajouté.")
    cue = find_cue(trigger_in(doc, "brûlé"))
    assert cue is not None and cue.speaker is not None
    assert cue.speaker.text == "-il"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Les rebelles ont tué dix civils et ont annoncé leur retrait.", "tué"),
        ("Les rebelles ont attaqué la ville de Beni mardi soir.", "attaqué"),
        ("Le discours officiel selon lequel la situation s'améliore a été démenti.", "améliore"),
    ],
)
def test_no_speaker_without_a_cue(text: str, word: str) -> None:
    assert attribution(text, word) is None


def test_a_named_source_outranks_an_anonymous_one_on_a_merged_event() -> None:
    text = (
        "Dépêche\n\nKINSHASA — Des hommes armés ont attaqué dimanche le Palais de la Nation. "
        "Deux gardes ont été tués lors des échanges de tirs, selon un témoin. « Une tentative de "
        "coup d’État a été étouffée dans l’œuf par les forces de sécurité », a déclaré le "
        "porte-parole de l’armée, le général Sylvain Ekenge."
    )
    raw = RawDocument(path="t.txt", format="txt", text=text)
    ((_, extracted),) = list(extract_all([normalise(raw, published=dt.date(2024, 5, 19))]))
    (attack,) = [e for e in extracted.events if e.typing.event_type == "ASSAULT"]
    assert attack.attribution is not None and attack.attribution.speaker == "Sylvain Ekenge"
