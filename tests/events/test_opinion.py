"""Opinion: the author's evaluation and analysis never becomes an event; reported acts do."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc, Span

from faultline.events.opinion import clause_is_opinion, is_opinion
from faultline.ingest.normalise import normalise
from faultline.models import RawDocument
from faultline.nlp import load_nlp, parse


def sentence(text: str) -> Span:
    return next(load_nlp()(text).sents)


EDITORIALS = [
    "The government is clearly incapable of addressing the crisis.",
    "Why would anyone trust the junta's promises?",
    "Such policies inevitably breed resentment among the rural poor.",
    "The decision reflects a broader shift in Washington's priorities.",
    "Whatever its motives, the West bears responsibility for the chaos.",
    "The sanctions are a cynical attempt to shore up Western influence.",
    "This is nothing less than a betrayal of the people.",
    "The real aim of the intervention is to secure access to cobalt.",
    "Obviously, the regime fears its own army.",
    "There is growing frustration among diplomats at the pace of the talks.",
    "The big powers are indifferent to the suffering of civilians.",
]

REPORTS = [
    "Soldiers shot dead three protesters in Bamako on Tuesday.",
    "The brutal junta arrested 12 journalists last week.",
    "The notorious militia attacked the village, killing 20 people.",
    "Rebels seized the town of Bunia on Friday after heavy fighting.",
    "The European Union imposed sanctions on five officials.",
    "The president was overthrown in a coup in 2021.",
    "The army said it had repelled an attack on the base.",
    "The ministry announced that 40 soldiers were killed.",
    "Protesters are angry about fuel prices and marched on parliament on Monday.",
    '"Why should we surrender?" the rebel commander asked reporters on Sunday.',
]


@pytest.mark.parametrize("text", EDITORIALS)
def test_editorial_sentences_are_opinion(text: str) -> None:
    assert is_opinion(sentence(text))


@pytest.mark.parametrize("text", REPORTS)
def test_reported_actions_are_not_opinion(text: str) -> None:
    assert not is_opinion(sentence(text))


def test_a_sentence_with_one_concrete_statement_is_not_opinion() -> None:
    doc = load_nlp()(
        "Western governments have issued formal reprimands, but the general clearly was no "
        "longer considered a reliable ally."
    )
    assert not is_opinion(next(doc.sents))
    issued = next(t for t in doc if t.text == "issued")
    considered = next(t for t in doc if t.text == "considered")
    assert not clause_is_opinion(issued)
    assert clause_is_opinion(considered)


def test_infinitive_under_a_stance_inherits_its_statement() -> None:
    doc = load_nlp()("The plotters clearly decided to act amid the escalating conflict.")
    assert clause_is_opinion(next(t for t in doc if t.text == "act"))


def test_a_piece_of_a_parser_sentence_is_judged_on_its_own() -> None:
    # The parser may run a sentence across a paragraph break; callers pass the piece.
    doc = load_nlp()("Rebels attacked Goma on Monday.\n\nThe catch? Nobody knows.")
    start = doc.text.index("The catch?")
    piece = doc.char_span(start, start + len("The catch?"), alignment_mode="expand")
    assert piece is not None and is_opinion(piece)


# --- the seeds ---------------------------------------------------------------------------------


def normalised(text: str) -> str:
    """Quotes and apostrophes normalised, as the gold README says; lengths are kept."""
    return re.sub(r"[‘’]", "'", re.sub(r"[“”«»]", '"', text))


@pytest.fixture(scope="module")
def seed_docs(corpus_dir: Path) -> dict[str, Doc]:
    docs = {}
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        docs[path.name] = parse(normalise(raw))
    return docs


def span_of(doc: Doc, text: str) -> Span:
    start = normalised(doc.text).index(normalised(text))
    found = doc.char_span(start, start + len(text), alignment_mode="expand")
    assert found is not None
    return found


def not_events(seed_gold: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    return [(name, s) for name, entry in seed_gold.items() for s in entry.get("not_events", [])]


def test_gold_not_events_are_opinion(seed_docs, seed_gold) -> None:
    pairs = not_events(seed_gold)
    assert len(pairs) == 4
    for name, text in pairs:
        assert is_opinion(span_of(seed_docs[name], text)), text


def test_seed_reported_events_are_not_opinion(seed_docs) -> None:
    flagged = []
    for name, doc in seed_docs.items():
        for sent in doc.sents:
            if is_opinion(sent) and _has_gold_anchor(sent.text):
                flagged.append((name, sent.text[:80]))
    assert not flagged


def _has_gold_anchor(text: str) -> bool:
    """Sentences that carry a gold fact (a date, a count, a named deal) must stay events."""
    anchors = (
        "Early Sunday",
        "according to a Congolese",
        "Lumumba was",
        "Kidal",
        "Goma",
        "Bukavu",
        "February 20",
        "frozen part",
        "accuses Rwanda",
        "January 17",
        "February 1",
        "Semtex",
        "seized power",
        "$3 billion",
        "willing to invest",
    )
    return any(a in text for a in anchors)
