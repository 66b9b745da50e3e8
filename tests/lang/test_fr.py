"""The French parse glossed into English conventions: labels, rebuilt structures, lemmas."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.errors import FaultlineError
from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.lang.fr import gloss_table, gloss_text
from faultline.models import RawDocument
from faultline.nlp import load_nlp, parse, pipeline_language
from tests.lang.conftest import is_tree, tokens


def test_a_preposition_heads_its_noun_as_in_the_english_parse(fr) -> None:
    doc = fr("Les rebelles ont attaqué un village près de Beni dans la nuit de lundi.")
    found = tokens(doc)
    dans, nuit = found["dans"], found["nuit"]
    assert (dans.dep_, nuit.dep_, nuit.head.i) == ("prep", "pobj", dans.i)
    assert is_tree(doc)


def test_a_passive_agent_and_a_name_take_english_labels(fr) -> None:
    doc = fr("Christian Malanga a été tué par les forces de sécurité.")
    found = tokens(doc)
    assert found["Malanga"].dep_ == "nsubjpass" and found["Christian"].dep_ == "compound"
    assert found["Christian"].head.text == "Malanga"
    assert found["par"].dep_ == "agent" and found["forces"].head.text == "par"
    assert found["été"].dep_ == "auxpass"
    assert found["tué"].lemma_ == "kill" and found["tué"].tag_ == "VBN"
    assert is_tree(doc)


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("Les soldats ont repoussé l'attaque.", "soldats", "soldier"),
        ("Quarante morts ont été recensés.", "morts", "dead"),
        ("Le porte-parole a indiqué que l'armée contrôle la ville.", "indiqué", "say"),
        ("Les manifestants ont été dispersés.", "manifestants", "protester"),
    ],
)
def test_french_lemmas_become_the_english_ones_our_lexicons_use(
    fr, sentence: str, word: str, lemma: str
) -> None:
    assert tokens(fr(sentence))[word].lemma_ == lemma


def test_negation_marks_the_verb_as_english_does(fr) -> None:
    doc = fr("L'armée n'a pas attaqué le village.")
    assert tokens(doc)["pas"].dep_ == "neg"


def test_entity_labels_are_ontonotes_ones(fr) -> None:
    labels = {e.text: e.label_ for e in fr("Félix Tshisekedi a reçu à Kinshasa.").ents}
    assert labels.get("Félix Tshisekedi") == "PERSON"
    assert set(labels.values()) <= {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "MISC"}


def test_every_sentence_of_a_long_article_stays_a_tree(fr) -> None:
    text = (
        "Dimanche matin, des hommes armés ont attaqué la résidence de Vital Kamerhe, tuant deux "
        "gardes, avant de prendre d'assaut le palais de la Nation à Kinshasa. Selon le porte-"
        "parole de l'armée, le général Sylvain Ekenge, la tentative de coup d'État a été déjouée. "
        "Une cinquantaine de personnes, dont trois Américains, ont été arrêtées. Le chef du "
        "groupe, Christian Malanga, a été tué alors qu'il résistait à son arrestation."
    )
    assert is_tree(fr(text))


def test_a_french_article_is_parsed_by_the_french_pipeline_and_an_english_one_is_not() -> None:
    french = normalise(
        RawDocument(path="f.txt", format="txt", text="Attaque\n\nLes rebelles ont attaqué le "
                    "village de Kiwanja mardi, tuant au moins douze civils, selon la police."),
        published=dt.date(2024, 11, 14),
    )  # fmt: skip
    english = normalise(
        RawDocument(path="e.txt", format="txt", text="Attack\n\nRebels attacked the village of "
                    "Kiwanja on Tuesday, killing at least twelve civilians, police said."),
        published=dt.date(2024, 11, 14),
    )  # fmt: skip
    assert (pipeline_language(french), pipeline_language(english)) == ("fr", "en")
    assert parse(french).lang_ == "fr" and parse(english).lang_ == "en"


def test_the_gloss_reads_english_where_it_can(fr) -> None:
    glossed = gloss_text(fr("Les rebelles ont tué quarante civils."))
    assert "rebel" in glossed and "kill" in glossed
    assert all(value == value.strip() and value for value in gloss_table().values())


@given(
    st.lists(
        st.sampled_from(
            ["Le", "la", "de", "d'", "à", "par", "Christian", "Malanga", "Jean", "Pierre", "a",
             "été", "tué", "n'", "pas", "ne", "coup", "État", "M23", "«", "»", ",", ".", "—",
             "40", "000", "quarante", "morts", "dans", "l'est", "RDC", "FARDC", "selon", "et"]
        ),
        min_size=1,
        max_size=40,
    )
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_any_french_word_salad_glosses_into_a_tree(words: list[str]) -> None:
    doc = load_nlp("fr")(" ".join(words))
    assert is_tree(doc)
    assert [t.text for t in doc] == " ".join(words).split() or doc.text == " ".join(words)


def test_a_lemma_with_two_readings_is_glossed_by_its_part_of_speech(fr) -> None:
    doc = fr("Les militaires ont pris le pouvoir. Les rebelles pourraient attaquer Goma.")
    found = tokens(doc)
    assert (found["pouvoir"].lemma_, found["pourraient"].lemma_) == ("power", "could")


FRENCH_CORPUS = Path(__file__).parents[1] / "corpus" / "fr"


@given(data=st.data())
@settings(max_examples=25, deadline=None)
def test_any_cut_of_a_french_article_extracts_without_error(data: st.DataObject) -> None:
    texts = sorted(p.read_text(encoding="utf-8") for p in FRENCH_CORPUS.glob("*.txt"))
    text = data.draw(st.sampled_from(texts))
    words = text.split(" ")
    start = data.draw(st.integers(0, len(words) - 1))
    length = data.draw(st.integers(1, 120))
    cut = " ".join(data.draw(st.permutations(words[start : start + length])))
    raw = RawDocument(path="cut.txt", format="txt", text=f"Dépêche\n\n{cut}")
    try:
        article = normalise(raw, published=dt.date(2024, 5, 22))
    except FaultlineError:
        return  # nothing left to read is a clear error, not a crash
    for _, extraction in extract_all([replace(article, language="fr")]):
        for event in extraction.events:
            assert all(0 <= e.span.start <= e.span.end <= len(article.text) for e in event.evidence)


def test_an_infinitive_after_an_article_is_a_noun(fr) -> None:
    found = tokens(fr("Il était arrivé au pouvoir par un coup d'État en 1991."))
    assert (found["pouvoir"].pos_, found["pouvoir"].lemma_) == ("NOUN", "power")
    assert found["arrivé"].lemma_ == "arrive"
