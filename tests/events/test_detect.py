"""Event detection: which clauses report an action, one draft per action, on sentences and seeds."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.events.merge import merge_drafts
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import Article, RawDocument
from faultline.nlp import parse

PUBLISHED = dt.date(2024, 3, 10)
SEED_PUBLISHED = {"drc-us-minerals-2025.txt": dt.date(2025, 3, 10)}


def article_of(text: str, published: dt.date | None = PUBLISHED) -> Article:
    return normalise(RawDocument(path="t.txt", format="txt", text=text), published=published)


def drafts_of(article: Article, merged: bool = True) -> list[EventDraft]:
    doc = parse(article)
    drafts = find_event_clauses(doc, article, extract_mentions(doc, article))
    return merge_drafts(drafts) if merged else drafts


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names(draft: EventDraft, role: str | None = None) -> str:
    return fold(" | ".join(f"{a.name} {a.text}" for a in draft.actors if role in (None, a.role)))


@pytest.mark.parametrize(
    ("text", "lexical_class", "lemma"),
    [
        ("On 3 March, JNIM militants attacked an army post near Djibo, killing 12 soldiers.",
         "violence", "attack"),
        ("Rebels attacked and seized the town of Kidal on Monday.", "violence", "attack"),
        ("Police arrested 25 protesters in Bamako on Friday.", "coercion", "arrest"),
        ("Hundreds of women staged a demonstration in Bamako on Saturday.", "protest",
         "demonstration"),
        ("The European Union imposed sanctions on three army officers.", "sanction", "sanction"),
        ("The army declared a curfew in Niamey after the clashes.", "coercion", "curfew"),
        ("Mutinous soldiers seized power in Ouagadougou on Friday.", "coup", "seize"),
        ("Germany froze its development aid to Kigali last week.", "sanction", "freeze"),
        ("The government accused Rwanda of backing the rebels.", "accusation", "accuse"),
        ("Russia agreed to train the Malian army.", "agreement", "agree"),
        ("The United States will deploy 200 troops to Niger.", "mobilisation", "deploy"),
        ("Fighting between the army and ADF rebels displaced 3,000 people near Beni.",
         "displacement", "displace"),
        ("The junta threatened the ECOWAS envoys with expulsion.", "threat", "threaten"),
        ("Gunmen ambushed a convoy on the road to Gao, wounding four.", "violence", "ambush"),
    ],
)  # fmt: skip
def test_one_sentence_is_one_event(text, lexical_class, lemma):
    drafts = drafts_of(article_of(text))
    assert [(d.lexical_class, d.trigger_lemma) for d in drafts] == [(lexical_class, lemma)]


@pytest.mark.parametrize(
    "text",
    [
        "The western powers are unhappy with the government's growing economic ties with Beijing.",
        "Poverty in the north largely explains why the rebellion attracts so many young men.",
        "Analysts say the regime's legitimacy is fragile and its future uncertain.",
        "The country is one of the poorest in the world, with a per capita GDP of $900.",
        "Cobalt is a key component in batteries for electric cars.",
        "Their bitterness about the failure of integration policies runs deep.",
    ],
)
def test_opinion_and_description_yield_nothing(text):
    assert drafts_of(article_of(text)) == []


def test_distinct_actions_in_one_sentence_stay_apart():
    text = "The soldiers dissolved parliament, suspended the constitution and closed the borders."
    lemmas = [d.trigger_lemma for d in drafts_of(article_of(text))]
    assert lemmas == ["dissolve", "suspend", "close"]


def test_reference_to_an_event_is_not_a_new_event():
    drafts = drafts_of(article_of("Two US citizens were questioned after the failed coup."))
    assert drafts == []


def test_restatements_merge_into_one_event():
    text = (
        "On 3 March, gunmen attacked the market in Djibo. They opened fire on traders, killing "
        "two. The attack lasted about an hour."
    )
    drafts = drafts_of(article_of(text))
    assert len(drafts) == 1
    assert drafts[0].counts.killed == 2
    assert drafts[0].date.start == dt.date(2024, 3, 3)
    assert len(drafts[0].members) == 2


def test_count_bound_to_displacement_is_an_event():
    text = (
        "In October 2023, the UN said the number of displaced people in Congo reached 6.9 million."
    )
    (draft,) = drafts_of(article_of(text))
    assert draft.counts.displaced == 6_900_000
    assert draft.date.start == dt.date(2023, 10, 1)


# --- the seed articles -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(corpus_dir: Path) -> dict[str, tuple[Article, list[EventDraft]]]:
    found = {}
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        article = normalise(raw, published=SEED_PUBLISHED.get(path.name))
        found[path.name] = (article, drafts_of(article))
    return found


def find(drafts: list[EventDraft], **want: Any) -> list[EventDraft]:
    out = []
    for d in drafts:
        start = d.date.start.isoformat() if d.date.start else ""
        if "date" in want and not start.startswith(want["date"]):
            continue
        if "place" in want and (d.location is None or d.location.name != want["place"]):
            continue
        if "country" in want and (d.location is None or d.location.country != want["country"]):
            continue
        if "cls" in want and d.lexical_class not in want["cls"]:
            continue
        if "actor" in want and fold(want["actor"]) not in names(d, "actor"):
            continue
        if "recipient" in want and fold(want["recipient"]) not in names(d, "recipient"):
            continue
        if "anyone" in want and fold(want["anyone"]) not in names(d):
            continue
        out.append(d)
    return out


DRC, MALI, MINERALS = "drc-coup-attempt-2024.txt", "mali-coup-2012.txt", "drc-us-minerals-2025.txt"

SEED_EVENTS = [
    (DRC, "attack", {"cls": "violence", "date": "2024-05-19", "place": "Kinshasa",
                     "anyone": "Malanga"}),
    (DRC, "threat", {"cls": "threat", "date": "2024-05-19", "actor": "Malanga",
                     "recipient": "Tshisekedi"}),
    (DRC, "us-pledge", {"cls": "agreement", "actor": "Lucy Tamlyn", "recipient": "Congo"}),
    (DRC, "china-deal", {"cls": "agreement", "actor": "China", "recipient": "Congo"}),
    (DRC, "lumumba", {"cls": "violence", "date": "1961", "anyone": "Lumumba"}),
    (DRC, "war", {"cls": "violence", "date": "1996", "country": "COD"}),
    (MALI, "seize", {"cls": "coup", "date": "2012-03-22", "place": "Bamako",
                     "actor": "Sanogo"}),
    (MALI, "curfew", {"cls": "coercion", "date": "2012-03-22", "country": "MLI"}),
    (MALI, "rebellion", {"cls": "violence", "date": "2012-01-17", "country": "MLI",
                         "actor": "Azawad"}),
    (MALI, "women", {"cls": "protest", "date": "2012-02-01", "country": "MLI"}),
    (MALI, "1991", {"cls": "coup", "date": "1991", "actor": "Toure"}),
    (MALI, "convoy", {"cls": "mobilisation", "date": "2011-10-15", "country": "MLI"}),
    (MALI, "semtex", {"cls": "coercion", "date": "2011-06", "actor": "Nigeria"}),
    (MALI, "kidal", {"cls": "violence", "place": "Kidal"}),
    (MINERALS, "train", {"cls": "support", "actor": "United States", "recipient": "Congo"}),
    (MINERALS, "goma", {"cls": "violence", "date": "2025-01", "place": "Goma",
                        "actor": "March 23"}),
    (MINERALS, "bukavu", {"cls": "violence", "date": "2025-02", "place": "Bukavu",
                          "actor": "March 23"}),
    (MINERALS, "sanctions", {"cls": "sanction", "date": "2025-02-20", "actor": "United States",
                             "recipient": "M23"}),
    (MINERALS, "aid-freeze", {"cls": "sanction", "actor": "Germany", "recipient": "Rwanda"}),
    (MINERALS, "accuse", {"cls": "accusation", "actor": "Congo", "recipient": "Rwanda"}),
    (MINERALS, "backs", {"cls": "support", "actor": "Rwanda", "recipient": "March 23"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "want"), [pytest.param(f, w, id=f"{f[:4]}-{i}") for f, i, w in SEED_EVENTS]
)
def test_seed_event_found(seeds, file, want):
    _, drafts = seeds[file]
    assert find(drafts, **want), [(d.trigger_lemma, d.date.start) for d in drafts]


@pytest.mark.parametrize(
    ("file", "category", "value", "want"),
    [
        (DRC, "arrested", 50, {"place": "Kinshasa"}),
        (DRC, "displaced", 6_900_000, {"date": "2023-10", "country": "COD"}),
        (DRC, "money_usd", 6_000_000_000, {}),
        (MALI, "displaced", 206_000, {"country": "MLI"}),
        (MALI, "killed", 1, {"date": "2011-10-16", "country": "MLI"}),
    ],
)
def test_seed_counts(seeds, file, category, value, want):
    _, drafts = seeds[file]
    assert any(getattr(d.counts, category) == value for d in find(drafts, **want))


@pytest.mark.parametrize(
    ("file", "want", "killed"),
    [
        (DRC, {"date": "2024-05-19", "place": "Kinshasa"}, 6),
        (MALI, {"date": "2012-03-2", "country": "MLI"}, 40),
    ],
)
def test_seed_killed_totals(seeds, file, want, killed):
    _, drafts = seeds[file]
    assert sum(d.counts.killed or 0 for d in find(drafts, **want)) == killed


def test_seed_opinion_sentences_yield_no_event(seeds, seed_gold):
    for file, (article, drafts) in seeds.items():
        for sentence in seed_gold[file]["not_events"]:
            start = fold(article.text).find(fold(sentence)[:60])
            assert start >= 0, sentence
            end = start + len(sentence)
            overlapping = [
                e.text for d in drafts for e in d.evidence
                if e.field == "event" and e.span.start < end and start < e.span.end
            ]  # fmt: skip
            assert not overlapping, (file, overlapping)


def test_seed_evidence_points_at_its_text(seeds):
    for article, drafts in seeds.values():
        for draft in drafts:
            assert draft.evidence[0].field == "event"
            for evidence in draft.evidence:
                assert evidence.text == article.text[evidence.span.start : evidence.span.end]
