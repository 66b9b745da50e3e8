"""Quantities: numbers read right and tied to what they count, on our sentences and the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.numbers import parse_number
from faultline.mentions.quantities import find_quantities, is_subset
from faultline.models import Article, Quantity, RawDocument
from faultline.nlp import parse

PUBLISHED = dt.date(2024, 5, 22)
SEED_PUBLISHED = {
    "drc-coup-attempt-2024.txt": dt.date(2024, 5, 22),
    "mali-coup-2012.txt": dt.date(2012, 3, 28),
    "drc-us-minerals-2025.txt": dt.date(2025, 3, 10),
}


def article_of(text: str, path: str = "sentence.txt", published: dt.date = PUBLISHED) -> Article:
    return normalise(RawDocument(path=path, format="txt", text=text), published=published)


def quantities_in(text: str) -> tuple[Quantity, ...]:
    article = article_of(text)
    return find_quantities(parse(article), article)


def the_one(found: tuple[Quantity, ...], snippet: str) -> Quantity:
    matching = [q for q in found if snippet in q.text]
    assert len(matching) == 1, (snippet, [(q.text, q.value, q.category) for q in found])
    return matching[0]


@pytest.fixture(scope="module")
def seeds(corpus_dir: Path) -> dict[str, tuple[Article, tuple[Quantity, ...]]]:
    found = {}
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        article = article_of(path.read_text(encoding="utf-8"), path.name, SEED_PUBLISHED[path.name])
        found[path.name] = (article, find_quantities(parse(article), article))
    return found


# --- reading numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value", "approximate"),
    [
        (["50"], 50, False),
        (["206,000"], 206_000, False),
        (["6.9", "million"], 6_900_000, False),
        (["3bn"], 3e9, False),
        (["forty"], 40, False),
        (["twenty", "-", "five"], 25, False),
        (["one", "hundred", "and", "five"], 105, False),
        (["two", "hundred", "thousand"], 200_000, False),
        (["a", "dozen"], 12, False),
        (["half", "a", "dozen"], 6, False),
        (["several", "dozen"], 24, True),
        (["dozens"], 12, True),
        (["hundreds"], 100, True),
        (["tens", "of", "thousands"], 10_000, True),
        (["20", "-", "30"], 20, True),
    ],
)
def test_parse_number(words: list[str], value: float, approximate: bool) -> None:
    parsed = parse_number(words)
    assert parsed is not None
    assert (parsed.value, parsed.approximate) == (value, approximate)


@pytest.mark.parametrize("words", [["a"], ["several"], ["3", "and", "4"], ["people"]])
def test_parse_number_rejects_non_numbers(words: list[str]) -> None:
    assert parse_number(words) is None


# --- counts bound to what they count -------------------------------------------------------------

COUNTS = [
    # sentence, snippet of the quantity, value, category, approximate, hedge
    ("At least 12 civilians were killed in the attack.", "12", 12, "killed", True, "at least"),
    ("Gunmen killed nine villagers on Tuesday.", "nine", 9, "killed", False, None),
    ("The attack left 30 dead and dozens wounded.", "30", 30, "killed", False, None),
    ("The attack left 30 dead and dozens wounded.", "dozens", 12, "injured", True, None),
    ("Police detained more than 100 protesters.", "100", 100, "arrested", True, "more than"),
    ("Some 3,000 people fled the fighting.", "3,000", 3000, "displaced", True, "some"),
    ("Security forces rounded up 200 opposition supporters.", "200", 200, "arrested", False, None),
    ("Armed men abducted 15 students from a school.", "15", 15, "abducted", False, None),
    ("The rebels took 40 hostages.", "40", 40, "abducted", False, None),
    ("The UN said 12 people were believed killed.", "12", 12, "killed", False, "believed"),
    ("Three soldiers and two civilians died in the blast.", "two", 2, "killed", False, None),
    ("The death toll rose to 57, officials said.", "57", 57, "killed", False, None),
    ("The toll stood at 112 dead on Friday.", "112", 112, "killed", False, None),
    ("The bodies of 17 miners were recovered.", "17", 17, "killed", False, None),
    ("Clashes have killed an estimated 2,000 people.", "2,000", 2000, "killed", True, "estimated"),
    ("More than 1.2 million refugees have crossed.", "1.2", 1.2e6, "displaced", True, "more than"),
    ("Hundreds of people were arrested.", "Hundreds", 100, "arrested", True, None),
    ("Authorities said 20-30 people were found dead.", "20-30", 20, "killed", True, None),
    ("The blast killed half a dozen passengers.", "half a dozen", 6, "killed", False, None),
    ("Police arrested the leader and two of his aides.", "two", 3, "arrested", False, None),
    ("Twenty-five people were reported killed.", "Twenty-five", 25, "killed", False, "reported"),
    ("A journalist was kidnapped in Bamako on Monday.", "A journalist", 1, "abducted", False, None),
    ("Up to 500 troops will be deployed.", "500", 500, "troops", True, "up to"),
    ("The junta deployed 1,200 soldiers along the border.", "1,200", 1200, "troops", False, None),
    ("The 3,000-strong force was deployed in 2013.", "3,000", 3000, "troops", False, None),
    ("Nine gunmen killed two villagers.", "Nine", 9, "people", False, None),
    ("Several dozen heavily armed men attacked.", "dozen", 24, "people", True, None),
]


@pytest.mark.parametrize(
    ("text", "snippet", "value", "category", "approximate", "hedge"),
    [pytest.param(*case, id=f"{case[3]}:{case[1]}:{case[0][:30]}") for case in COUNTS],
)
def test_counts_are_bound_to_what_they_count(
    text: str, snippet: str, value: float, category: str, approximate: bool, hedge: str | None
) -> None:
    found = the_one(quantities_in(text), snippet)
    assert (found.value, found.category) == (value, category)
    assert found.approximate is approximate
    assert found.hedge == hedge


def test_a_subset_keeps_its_category_but_is_marked() -> None:
    article = article_of("At least 12 people, including four children, were killed.")
    found = find_quantities(parse(article), article)
    whole, part = the_one(found, "12"), the_one(found, "four")
    assert (whole.value, whole.category, is_subset(whole)) == (12, "killed", False)
    assert (part.value, part.category, part.head) == (4, "killed", "kill")
    assert is_subset(part)
    assert part.part_of.of(article.text) == "people"


def test_active_subject_is_the_perpetrator_not_the_victim() -> None:
    found = quantities_in("The army said 30 rebels were killed, while 200 rebels attacked 9 posts.")
    assert the_one(found, "30").category == "killed"
    assert the_one(found, "200").category == "people"


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The government signed a $4.5 billion deal with the company.", 4.5e9, "USD"),
        ("The European Union pledged €200 million in aid.", 2e8, "EUR"),
        ("The company paid $1.5m for the licence.", 1.5e6, "USD"),
        ("Britain froze £5 million of aid.", 5e6, "GBP"),
        ("Its reserves are worth tens of trillions of dollars.", 1e13, "USD"),
    ],
)
def test_money_keeps_its_currency(text: str, value: float, currency: str) -> None:
    money = [q for q in quantities_in(text) if q.category == "money"]
    assert [(q.value, q.unit) for q in money] == [(value, currency)]


def test_percent_knows_what_it_is_a_share_of() -> None:
    found = quantities_in("He was reelected with 73 percent of the vote.")
    share = the_one(found, "73")
    assert (share.value, share.category, share.unit, share.head) == (
        73,
        "percent",
        "percent",
        "vote",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Malanga's 21-year-old son was arrested.",
        "He ran in the 2011 legislative elections and was arrested.",
        "M23 rebels seized the town, killing civilians.",
        "The attack lasted for about three hours before troops killed the gunmen.",
        "UN Security Council Resolution 2423 condemned the killings.",
        "The meeting started at 10 a.m. on May 19.",
        "He was killed two and a half years ago, in the second round of fighting.",
        "The G5 Sahel force lost soldiers; COVID-19 killed many.",
        "One should not judge us.",
    ],
)
def test_numbers_that_count_no_one(text: str) -> None:
    assert quantities_in(text) == ()


def test_a_vote_share_is_never_a_death_toll() -> None:
    found = quantities_in(
        "Tshisekedi was reelected with 73 percent of the vote after the killings."
    )
    assert [q.category for q in found] == ["percent"]


# --- the seed articles -------------------------------------------------------------------------

SEED_COUNTS = [
    ("drc-coup-attempt-2024.txt", "two", 2, "killed", None),
    ("drc-coup-attempt-2024.txt", "Malanga and three other men", 4, "killed", None),
    ("drc-coup-attempt-2024.txt", "some 50 people", 50, "arrested", "some"),
    ("drc-coup-attempt-2024.txt", "three US citizens", 3, "arrested", None),
    ("drc-coup-attempt-2024.txt", "15 guards", 15, "people", None),
    ("drc-coup-attempt-2024.txt", "several dozen heavily armed men", 24, "people", None),
    ("drc-coup-attempt-2024.txt", "an estimated 5.6 million lives", 5.6e6, "killed", "estimated"),
    ("drc-coup-attempt-2024.txt", "6.9 million", 6.9e6, "displaced", None),
    ("drc-coup-attempt-2024.txt", "$3 billion", 3e9, "money", None),
    ("drc-coup-attempt-2024.txt", "$6 billion", 6e9, "money", None),
    ("drc-coup-attempt-2024.txt", "roughly 70 percent", 70, "percent", "roughly"),
    ("drc-coup-attempt-2024.txt", "73 percent", 73, "percent", None),
    ("mali-coup-2012.txt", "forty", 40, "killed", "reportedly"),
    ("mali-coup-2012.txt", "forty soldiers", 40, "killed", None),
    ("mali-coup-2012.txt", "two soldiers", 2, "killed", None),
    ("mali-coup-2012.txt", "206,000 people", 206_000, "displaced", None),
    ("mali-coup-2012.txt", "a Malian soldier", 1, "killed", None),
]


@pytest.mark.parametrize(
    ("file", "text", "value", "category", "hedge"),
    [pytest.param(*case, id=f"{case[0][:4]}:{case[1]}") for case in SEED_COUNTS],
)
def test_seed_counts(seeds, file: str, text: str, value: float, category: str, hedge) -> None:
    found = [q for q in seeds[file][1] if q.text == text]
    assert found, (text, [(q.text, q.value, q.category) for q in seeds[file][1]])
    assert [(q.value, q.category, q.hedge) for q in found] == [(value, category, hedge)]


def test_seed_gold_counts_are_found(seeds, seed_gold) -> None:
    """Every count the gold file names is one of our quantities, in that article."""
    for file, entry in seed_gold.items():
        found = {(q.category, q.value) for q in seeds[file][1]}
        for fact in entry["facts"]:
            for key in ("killed", "arrested", "displaced"):
                if key in fact and fact.get("kind") != "sum_killed":
                    assert (key, fact[key]) in found, (file, fact["id"])
            for money in fact.get("money_usd_any", ()):
                assert ("money", money) in found, (file, fact["id"])


def test_seed_killed_sums(seeds) -> None:
    """The gold sums: 2 guards + Malanga and three others in Kinshasa; forty dead in Mali."""
    first_paragraphs = [
        q.value
        for q in seeds["drc-coup-attempt-2024.txt"][1]
        if q.category == "killed" and not is_subset(q) and q.span.start < 1500
    ]
    assert sum(first_paragraphs) == 6
    assert any(q.hedge == "reportedly" and q.value == 40 for q in seeds["mali-coup-2012.txt"][1])


def test_guards_and_dates_are_never_killed(seeds) -> None:
    killed = [q.text for q in seeds["drc-coup-attempt-2024.txt"][1] if q.category == "killed"]
    assert "15 guards" not in killed
    assert not any(q.text.isdigit() and len(q.text) == 4 for _, qs in seeds.values() for q in qs)


def test_spans_match_text_and_are_sorted(seeds) -> None:
    for article, found in seeds.values():
        assert list(found) == sorted(found, key=lambda q: (q.span.start, q.span.end))
        for q in found:
            assert article.text[q.span.start : q.span.end] == q.text
            if q.head_span is not None:
                assert 0 <= q.head_span.start < q.head_span.end <= len(article.text)
