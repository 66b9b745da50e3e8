"""Modality: sentences we wrote for each modality and its precedence, then the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

import pytest
from spacy.tokens import Doc, Token

import faultline.events.modality as modality_module
from faultline.events.modality import PRECEDENCE, modality_of
from faultline.ingest.normalise import normalise
from faultline.models import Modality, RawDocument
from faultline.nlp import load_nlp, parse


def trigger_in(doc: Doc, word: str, nth: int = 0) -> Token:
    matches = [t for t in doc if t.text == word]
    assert len(matches) > nth, f"{word!r} not in {doc.text!r}"
    return matches[nth]


def modality(text: str, word: str) -> str:
    return modality_of(trigger_in(load_nlp()(text), word))


CASES = [
    # asserted: the author states it, adjectives and numbers do not change that
    ("The rebels attacked the town on Monday.", "attacked", "asserted"),
    ("Gunmen killed no fewer than 12 villagers on Friday.", "killed", "asserted"),
    ("The failed coup hit the country hard.", "coup", "asserted"),
    ("Malanga, who was arrested in 2011, said the army attacked his home.", "arrested",
     "asserted"),
    # negated
    ("The rebels did not attack the town.", "attack", "negated"),
    ("Officials denied arresting the journalists.", "arresting", "negated"),
    ("No one was killed in the attack.", "killed", "negated"),
    ("Nobody was arrested.", "arrested", "negated"),
    ("Police never found the weapons.", "found", "negated"),
    ("The militia failed to capture the bridge.", "capture", "negated"),
    ("They have either been arrested or have offered no resistance.", "offered", "negated"),
    # hypothetical
    ("Washington may train the Congolese armed forces.", "train", "hypothetical"),
    ("If the talks fail, the rebels could attack Goma.", "attack", "hypothetical"),
    ("He had hoped since 2015 to topple the regime.", "topple", "hypothetical"),
    ("Such a move would destabilise the whole region.", "destabilise", "hypothetical"),
    # planned
    ("The army plans to attack the town.", "attack", "planned"),
    ("The army will attack the town.", "attack", "planned"),
    ("The junta is set to hold elections in April.", "hold", "planned"),
    ("The government intends to expel the ambassador.", "expel", "planned"),
    ("The planned offensive was postponed.", "offensive", "planned"),
    # proposed
    ("Russia offered to supply weapons to the junta.", "supply", "proposed"),
    ("The United States is open to discussing partnerships in this sector.", "discussing",
     "proposed"),
    ("Trump offers military support to Kinshasa in exchange for minerals.", "offers", "proposed"),
    ("In exchange for mining rights, Washington may train the army.", "train", "proposed"),
    # threatened
    ("The rebels threatened to seize the airport.", "seize", "threatened"),
    ("The rebels threatened to seize the airport if talks failed.", "seize", "threatened"),
    # hedged
    ("The coup, which had started on Wednesday, reportedly left forty dead.", "left", "hedged"),
    ("The coup, which had started on Wednesday, reportedly left forty dead.", "coup", "hedged"),
    ("Troops allegedly fired on protesters.", "fired", "hedged"),
    ("Apparently the soldiers looted the market.", "looted", "hedged"),
    ("It is still not certain that the junta has succeeded in seizing power.", "seizing",
     "hedged"),
    ("It would seem that the junta controls the capital.", "controls", "hedged"),
    ("Unconfirmed reports said that soldiers had shot three men.", "shot", "hedged"),
    ("It was reported that gunmen kidnapped two aid workers.", "kidnapped", "hedged"),
    ("The general is said to have fled to Niger.", "fled", "hedged"),
    ("He refused to confirm whether officials had contacted the government.", "contacted",
     "hedged"),
    # claimed: under a named source
    ("Police arrested five men, the ministry said in a statement.", "arrested", "claimed"),
    ("Some 50 people were arrested, according to an army spokesman.", "arrested", "claimed"),
    ("Malanga claimed to have taken power.", "taken", "claimed"),
    ("The government accuses Rwanda of financing the rebels.", "financing", "claimed"),
    ("Malanga waved the flag, saying that the army had fled.", "fled", "claimed"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_modality_of_written_sentences(text: str, word: str, expected: str) -> None:
    assert modality(text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a reported "will" is a plan, whoever reports it
        ("The army said it would withdraw from the town.", "withdraw", "planned"),
        ('"We will crush them," the minister said.', "crush", "planned"),
        # a hedge inside a claim stays a hedge
        ("The spokesman said the men reportedly fled.", "fled", "hedged"),
        # willingness reported by a source is still an offer
        ("A spokesperson said the administration is willing to invest in mining.", "invest",
         "proposed"),
    ],
)  # fmt: skip
def test_precedence_when_markers_combine(text: str, word: str, expected: str) -> None:
    assert modality(text, word) == expected


def test_precedence_is_complete_and_documented() -> None:
    assert set(PRECEDENCE) == set(get_args(Modality))
    documented = " > ".join(PRECEDENCE)
    assert documented in (modality_module.__doc__ or "")


# --- the seeds ---------------------------------------------------------------------------------

PUBLISHED = {"drc-us-minerals-2025.txt": dt.date(2025, 3, 10)}


@pytest.fixture(scope="module")
def seed_docs(corpus_dir: Path) -> dict[str, Doc]:
    docs = {}
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        docs[path.name] = parse(normalise(raw, published=PUBLISHED.get(path.name)))
    return docs


def seed_trigger(doc: Doc, before: str, word: str) -> Token:
    """The first ``word`` after the first occurrence of ``before`` in the seed."""
    start = doc.text.index(before)
    return next(t for t in doc if t.idx >= start and t.text == word)


def test_seed_reportedly_left_forty_dead_is_hedged(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["mali-coup-2012.txt"]
    assert modality_of(seed_trigger(doc, "reportedly", "left")) == "hedged"


def test_seed_washington_may_train_is_not_asserted(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["drc-us-minerals-2025.txt"]
    found = modality_of(seed_trigger(doc, "Washington may", "train"))
    assert found in ("hypothetical", "planned", "proposed")


def test_seed_willing_to_invest_is_an_offer(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["drc-us-minerals-2025.txt"]
    assert modality_of(seed_trigger(doc, "willing", "invest")) == "proposed"


def test_seed_foiled_coup_is_claimed_by_the_army(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["drc-coup-attempt-2024.txt"]
    assert modality_of(seed_trigger(doc, "attempted", "foiled")) == "claimed"
    assert modality_of(seed_trigger(doc, "It was", "nipped")) == "claimed"


def test_seed_not_certain_seizure_is_hedged(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["mali-coup-2012.txt"]
    assert modality_of(seed_trigger(doc, "not certain", "seizing")) == "hedged"


def test_seed_news_of_the_coup_is_asserted(seed_docs: dict[str, Doc]) -> None:
    doc = seed_docs["mali-coup-2012.txt"]
    assert modality_of(seed_trigger(doc, "Mutinous", "seized")) == "asserted"
