"""Attribution: who the article credits with a claim, written patterns first, then the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from faultline.events.attribution import attribution_of, find_cue
from faultline.events.quotes import quote_regions
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, Attribution, Mentions, RawDocument
from faultline.nlp import load_nlp, parse

PUBLISHED = dt.date(2024, 5, 22)


def trigger_in(doc: Doc, word: str, nth: int = 0) -> Token:
    matches = [t for t in doc if t.text == word]
    assert len(matches) > nth, f"{word!r} not in {doc.text!r}"
    return matches[nth]


def attribution(text: str, word: str) -> Attribution | None:
    doc = load_nlp()(text)
    return attribution_of(doc, trigger_in(doc, word))


@pytest.mark.parametrize(
    ("text", "word", "speaker_text", "cue"),
    [
        pytest.param("Police arrested five men, the ministry said in a statement.", "arrested",
                     "the ministry", "said", id="clause-then-said"),
        pytest.param("The army said rebels attacked the base.", "attacked", "The army", "said",
                     id="x-said"),
        pytest.param("The army said that rebels had attacked the base.", "attacked", "The army",
                     "said", id="x-said-that"),
        pytest.param("A spokesperson told the Financial Times that the army shelled the town.",
                     "shelled", "A spokesperson", "told", id="x-told-y-that"),
        pytest.param("Some 50 people were arrested, according to an army spokesman.", "arrested",
                     "an army spokesman", "according to", id="according-to"),
        pytest.param("According to the UN, 20 people were killed in the raid.", "killed",
                     "the UN", "According to", id="according-to-first"),
        pytest.param('"The attack was crushed by our forces," the spokesman said.', "crushed",
                     "the spokesman", "said", id="quote-then-said"),
        pytest.param("General Ekenge said in a message on television that the coup was foiled.",
                     "foiled", "General Ekenge", "said", id="said-in-a-message-that"),
        pytest.param("Malanga claimed to have taken power.", "taken", "Malanga", "claimed",
                     id="claimed-to-have"),
        pytest.param("The government accuses Rwanda of financing the rebels.", "financing",
                     "The government", "accuses", id="accuses-of"),
        pytest.param("Malanga waved the flag, saying that the army had fled.", "fled", "Malanga",
                     "saying", id="participle-saying"),
        pytest.param("Officials denied arresting the journalists.", "arresting", "Officials",
                     "denied", id="denied"),
        pytest.param("Le Monde quoted a French official familiar with the region, who complained "
                     "that the Malians had armed the rebels.", "armed", "a French official "
                     "familiar with the region", "complained", id="relative-clause-speaker"),
        pytest.param("Malanga, who was arrested in 2011, said the army attacked his home.",
                     "attacked", "Malanga", "said", id="speaker-without-relative-clause"),
    ],
)  # fmt: skip
def test_reporting_patterns(text: str, word: str, speaker_text: str, cue: str) -> None:
    found = attribution(text, word)
    assert found is not None
    assert (found.speaker_text, found.cue) == (speaker_text, cue)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        pytest.param("Rebels attacked the base on Monday.", "attacked", id="author-states-it"),
        pytest.param("The government accuses Rwanda of financing the rebels.", "accuses",
                     id="the-statement-itself"),
        pytest.param("It was reported that gunmen kidnapped two aid workers.", "kidnapped",
                     id="no-source-is-a-hedge"),
        pytest.param("Unconfirmed reports said soldiers shot three men.", "shot",
                     id="reports-are-no-source"),
        pytest.param("He refused to confirm whether officials had contacted the embassy.",
                     "contacted", id="refused-to-confirm"),
        pytest.param("The minister, who said he was tired, ordered the arrests.", "ordered",
                     id="speaker-phrase-is-not-speech"),
    ],
)  # fmt: skip
def test_no_attribution(text: str, word: str) -> None:
    assert attribution(text, word) is None


def test_spans_point_at_speaker_and_cue() -> None:
    text = "Police arrested five men, the ministry said in a statement."
    found = attribution(text, "arrested")
    assert found is not None
    assert found.speaker_span.of(text) == "the ministry"
    assert found.cue_span.of(text) == "said"


def test_quote_continued_over_sentences_keeps_its_speaker() -> None:
    text = (
        'The official complained: "We are furious. Rebels burned the depot. '
        'We have proof."\n\nThe army burned the depot.'
    )
    doc = load_nlp()(text)
    inside = attribution_of(doc, trigger_in(doc, "burned"))
    assert inside is not None and inside.speaker_text == "The official"
    assert attribution_of(doc, trigger_in(doc, "burned", 1)) is None


def test_quote_regions_pair_marks_and_stop_at_paragraphs() -> None:
    text = 'He said: “one. two.” Then "three".\n\n“open'
    regions = [text[a:b] for a, b in quote_regions(text)]
    assert regions == ["one. two.", "three", "open"]


def test_according_to_does_not_cross_a_paragraph() -> None:
    text = "Observers doubted it, according to Le Monde.\n\nRebels attacked the base."
    doc = load_nlp()(text)
    assert find_cue(trigger_in(doc, "attacked")) is None


# --- speaker resolution through the mention stage -----------------------------------------------


def article_of(text: str) -> Article:
    return normalise(RawDocument(path="t.txt", format="txt", text=text), published=PUBLISHED)


def resolved(text: str, word: str, nth: int = 0) -> Attribution | None:
    article = article_of(text)
    doc = parse(article)
    return attribution_of(doc, trigger_in(doc, word, nth), extract_mentions(doc, article))


def test_pronoun_speaker_resolves_to_the_previous_subject() -> None:
    text = (
        "General Sylvain Ekenge said the coup was foiled. "
        "He said several Americans were involved in the attack."
    )
    found = resolved(text, "involved")
    assert found is not None
    assert found.speaker_text == "He"
    assert found.speaker == "Sylvain Ekenge"
    assert found.entity_id == "per_sylvain_ekenge"


def test_named_speaker_resolves_to_its_knowledge_base_actor() -> None:
    found = resolved("President Félix Tshisekedi said the army repelled the attack.", "repelled")
    assert found is not None
    assert found.speaker == "Félix Tshisekedi"
    assert found.speaker_text == "President Félix Tshisekedi"


# --- the seeds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drc(corpus_dir: Path) -> tuple[Doc, Mentions]:
    path = corpus_dir / "seeds" / "drc-coup-attempt-2024.txt"
    raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
    article = normalise(raw)
    doc = parse(article)
    return doc, extract_mentions(doc, article)


def seed_attribution(drc: tuple[Doc, Mentions], before: str, word: str) -> Attribution:
    doc, mentions = drc
    start = doc.text.index(before)
    trigger = next(t for t in doc if t.idx >= start and t.text == word)
    found = attribution_of(doc, trigger, mentions)
    assert found is not None, f"no attribution for {word!r}"
    return found


def matches_gold(found: Attribution, gold: list[str]) -> bool:
    names = [found.speaker or "", found.speaker_text]
    return any(g.lower() in n.lower() for g in gold for n in names)


def test_seed_foiled_coup_is_attributed_to_the_army(drc, seed_gold) -> None:
    fact = next(
        f for f in seed_gold["drc-coup-attempt-2024.txt"]["facts"] if f.get("kind") == "attribution"
    )
    foiled = seed_attribution(drc, "attempted", "foiled")
    nipped = seed_attribution(drc, "It was", "nipped")
    assert matches_gold(foiled, fact["speaker_any"])
    assert matches_gold(nipped, fact["speaker_any"])
    assert foiled.speaker_text.startswith("The spokesman for the Armed Forces")
    assert nipped.speaker_text == "General Sylvain Ekenge"
    assert nipped.entity_id == "per_sylvain_ekenge"


def test_seed_he_said_carries_the_general_over(drc) -> None:
    found = seed_attribution(drc, "He said several", "involved")
    assert found.speaker_text == "He"
    assert found.speaker == "Sylvain Ekenge"


def test_seed_arrests_according_to_the_army_spokesman(drc) -> None:
    found = seed_attribution(drc, "some 50 people", "arrested")
    assert found.cue == "according to"
    assert found.speaker_text == "a Congolese army spokesman"
    assert found.entity_id == "mil_COD"


def test_seed_author_narrative_has_no_speaker(drc) -> None:
    doc, mentions = drc
    trigger = next(t for t in doc if t.text == "attacked")
    assert attribution_of(doc, trigger, mentions) is None
