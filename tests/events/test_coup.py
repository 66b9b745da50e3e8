"""Coups: triggers, and the Cline outcome, perpetrators, leader, target and foreign nationals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.tokens import Doc, Token

from faultline.events.coup import coup_of, is_coup_trigger
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, Coup, Mentions, RawDocument
from faultline.nlp import load_nlp, parse

REPO = Path(__file__).resolve().parents[2]
NIAMEY = REPO / "demo" / "articles" / "2023-08-niamey-junta.txt"

Parsed = tuple[Article, Doc, Mentions]


def read(text: str, name: str = "story.txt", published: dt.date | None = None) -> Parsed:
    raw = RawDocument(path=name, format="txt", text=text)
    article = normalise(raw, published=published or dt.date(2024, 6, 1))
    doc = parse(article)
    return article, doc, extract_mentions(doc, article)


def coup_at(
    parsed: Parsed, word: str, *, background: bool = False, sentence: str = ""
) -> Coup | None:
    """The coup of the first ``word`` in a sentence that starts with ``sentence``."""
    article, doc, mentions = parsed
    trigger = next(t for t in doc if t.text == word and t.sent.text.startswith(sentence))
    return coup_of(doc, trigger, trigger.sent, mentions, article, background=background)


def token(sentence: str, word: str) -> Token:
    return next(t for t in load_nlp()(sentence) if t.text == word)


@pytest.fixture(scope="module")
def drc(corpus_dir: Path) -> Parsed:
    path = corpus_dir / "seeds" / "drc-coup-attempt-2024.txt"
    return read(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module")
def mali(corpus_dir: Path) -> Parsed:
    path = corpus_dir / "seeds" / "mali-coup-2012.txt"
    return read(path.read_text(encoding="utf-8"), path.name, dt.date(2012, 3, 28))


# --- Triggers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Soldiers staged a coup in Niamey.", "coup"),
        ("The putsch began at dawn.", "putsch"),
        ("The army said the attempted coup d'état was foiled.", "coup"),
        ("Mutinous soldiers seized power in Bamako.", "seized"),
        ("The junta took power on Monday.", "took"),
        ("Troops began a mutiny at the Kati camp.", "mutiny"),
        ("Army officers overthrew the president overnight.", "overthrew"),
    ],
)
def test_coup_triggers(sentence, word):
    assert is_coup_trigger(token(sentence, word))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The coup plotters clearly decided to act.", "coup"),
        ("The coup leaders made clear their support for Mobutu.", "coup"),
        ("The French war has led to several military coups.", "coups"),
        ("The ruling was a coup de grâce for the opposition.", "coup"),
        ("He took power after he was elected in 2019.", "took"),
        ("He had hoped to topple the regime.", "topple"),
        ("The rebels took the town.", "took"),
    ],
)
def test_not_coup_triggers(sentence, word):
    assert not is_coup_trigger(token(sentence, word))


def test_a_clause_with_a_coup_word_lends_it_to_another_trigger():
    parsed = read("Soldiers attacked the palace in Niamey on Sunday in a failed coup.\n")
    article, doc, mentions = parsed
    attacked = next(t for t in doc if t.text == "attacked")
    coup = coup_of(doc, attacked, attacked.sent, mentions, article, background=False)
    assert coup is not None and coup.outcome == "attempted"
    assert coup_of(doc, attacked, doc[0:2], mentions, article, background=False) is None


# --- The seed coups (gold: drc-coup, mali-coup, mali-1991-coup) -----------------------------


def test_drc_attempted_coup_is_led_by_malanga_against_tshisekedi(drc):
    coup = coup_at(drc, "coup")  # "the attempted coup d'état ... was foiled"
    assert coup == Coup(
        outcome="attempted",
        perpetrator="dissident",
        leader="Christian Malanga",
        target="Félix Tshisekedi",
        foreign_nationals_involved=("USA", "GBR"),
    )


def test_drc_bare_coup_word_takes_the_article_outcome(drc):
    coup = coup_at(drc, "coup", sentence="The coup took place")
    assert coup is not None
    assert (coup.outcome, coup.leader, coup.target) == (
        "attempted",
        "Christian Malanga",
        "Félix Tshisekedi",
    )
    assert "COD" not in coup.foreign_nationals_involved


def test_drc_claim_to_have_taken_power_is_still_the_failed_coup(drc):
    coup = coup_at(drc, "taken")
    assert coup is not None and coup.outcome == "attempted"


def test_mali_2012_military_coup_led_by_sanogo(mali):
    coup = coup_at(mali, "seized")
    assert coup == Coup(
        outcome="successful",
        perpetrator="military",
        leader="Amadou Haya Sanogo",  # the article spells him "Sanago"
        target="Amadou Toumani Touré",
        foreign_nationals_involved=(),
    )


def test_mali_1991_background_coup_reads_only_its_sentence(mali):
    coup = coup_at(mali, "coup", background=True, sentence="Touré, who was then")
    assert coup == Coup(
        outcome="successful",
        perpetrator="military",
        leader="Amadou Toumani Touré",
        target="Moussa Traoré",
    )


def test_niamey_junta_taking_power_is_a_military_coup():
    parsed = read(NIAMEY.read_text(encoding="utf-8"), NIAMEY.name, dt.date(2023, 8, 3))
    coup = coup_at(parsed, "taken")
    assert coup is not None
    assert (coup.outcome, coup.perpetrator) == ("successful", "military")


# --- Outcomes and perpetrator types (Cline definitions) --------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "outcome"),
    [
        ("Security forces uncovered a coup plot in Freetown on Monday.\n", "coup", "plot"),
        ("Officers were arrested for plotting a coup in Conakry.\n", "coup", "plot"),
        ("The army thwarted a coup plot in Bamako on Monday.\n", "coup", "plot"),
        ("Loyal troops crushed an attempted coup in Niamey on Tuesday.\n", "coup", "attempted"),
        ("The failed coup in Kinshasa left six dead.\n", "coup", "attempted"),
        ("Soldiers seized power in Ouagadougou on Monday.\n", "seized", "successful"),
    ],
)
def test_outcome(text, word, outcome):
    coup = coup_at(read(text), word)
    assert coup is not None and coup.outcome == outcome


@pytest.mark.parametrize(
    ("text", "word", "perpetrator"),
    [
        ("Loyalist officers staged a counter-coup in Bamako on Friday.\n", "counter", "counter"),
        ("The president staged a self-coup, dissolving parliament.\n", "self", "auto"),
        ("A French-backed coup toppled the government in Moroni.\n", "coup", "foreign"),
        ("The military coup in Niamey ousted President Mohamed Bazoum.\n", "coup", "military"),
        ("A group of armed men attempted a coup in Kinshasa.\n", "coup", "dissident"),
        ("Mass protests and a popular uprising led to the coup in Khartoum.\n", "coup", "popular"),
    ],
)
def test_perpetrator(text, word, perpetrator):
    parsed = read(text)
    _article, doc, _mentions = parsed
    if not any(t.text == word and is_coup_trigger(t) for t in doc):
        word = next(t.text for t in doc if is_coup_trigger(t))
    coup = coup_at(parsed, word)
    assert coup is not None and coup.perpetrator == perpetrator


def test_foreign_nationals_come_from_people_not_institutions():
    text = (
        "Gunmen attempted a coup in Kinshasa on Sunday. The US State Department condemned it. "
        "Two Belgian nationals and several Americans were among those arrested.\n"
    )
    coup = coup_at(read(text), "coup")
    assert coup is not None and coup.foreign_nationals_involved == ("BEL", "USA")
