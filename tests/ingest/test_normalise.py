"""normalise(): seeds against gold, our own messy mini-articles, markup, sentences, limits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from faultline.errors import EmptyInputError
from faultline.ingest import normalise as normalise_module
from faultline.ingest.markup import strip_markup
from faultline.ingest.normalise import article_id, normalise
from faultline.ingest.segment import split_sentences
from faultline.models import Article, RawDocument

SEEDS = [
    pytest.param("drc-coup-attempt-2024.txt", id="drc-coup"),
    pytest.param("mali-coup-2012.txt", id="mali-coup"),
    pytest.param("drc-us-minerals-2025.txt", id="drc-minerals"),
]
WSWS_SEEDS = SEEDS[:2]

_cache: dict[str, Article] = {}


def seed_article(corpus_dir: Path, name: str, **kwargs: Any) -> Article:
    key = f"{name}{sorted(kwargs.items())}"
    if key not in _cache:
        text = (corpus_dir / "seeds" / name).read_text(encoding="utf-8")
        _cache[key] = normalise(RawDocument(path=name, format="txt", text=text), **kwargs)
    return _cache[key]


def raw(text: str, **kwargs: Any) -> RawDocument:
    return RawDocument(path="mini.md", format="md", text=text, **kwargs)


# --- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_title_and_author_match_gold(
    corpus_dir: Path, seed_gold: dict[str, dict[str, Any]], name: str
) -> None:
    article = seed_article(corpus_dir, name)
    assert article.title == seed_gold[name]["title"]
    assert article.author == seed_gold[name]["author"]
    assert article.language == "en"


@pytest.mark.parametrize(
    ("name", "iso", "method"),
    [
        pytest.param("drc-coup-attempt-2024.txt", "2024-05-22", "text", id="drc-coup"),
        pytest.param("mali-coup-2012.txt", "2012-03-28", "text", id="mali-coup"),
        pytest.param("drc-us-minerals-2025.txt", "--03-10", "missing_year", id="drc-minerals"),
    ],
)
def test_seed_published_date(corpus_dir: Path, name: str, iso: str, method: str) -> None:
    published = seed_article(corpus_dir, name).published
    assert (published.iso, published.method, published.precision) == (iso, method, "day")
    assert published.span is not None
    assert published.span.of(seed_article(corpus_dir, name).original_text) == published.text


def test_seed_without_year_takes_the_cli_date(corpus_dir: Path) -> None:
    article = seed_article(corpus_dir, "drc-us-minerals-2025.txt", published=dt.date(2025, 3, 10))
    assert article.published.iso == "2025-03-10"
    assert article.published.method == "cli"
    assert article.published.text == "10 de mar."


@pytest.mark.parametrize("name", WSWS_SEEDS)
def test_wsws_footer_removed_recorded_and_named_as_source(corpus_dir: Path, name: str) -> None:
    article = seed_article(corpus_dir, name)
    assert "To contact" not in article.text
    assert "wsws.org" not in article.text
    assert article.text.endswith("regime.") or article.text.endswith("war in Libya.")
    footer = [r for r in article.boilerplate if r.reason == "footer"]
    assert len(footer) == 1
    assert footer[0].text.startswith("To contact the WSWS")
    assert footer[0].span.of(article.original_text) == footer[0].text
    assert article.source == "wsws.org"


@pytest.mark.parametrize(
    ("name", "first_words"),
    [
        pytest.param("drc-coup-attempt-2024.txt", "Early Sunday morning, several", id="drc-coup"),
        pytest.param("mali-coup-2012.txt", "Mutinous soldiers led by", id="mali-coup"),
        pytest.param("drc-us-minerals-2025.txt", "The United States is", id="drc-minerals"),
    ],
)
def test_seed_body_starts_with_first_sentence(
    corpus_dir: Path, name: str, first_words: str
) -> None:
    article = seed_article(corpus_dir, name)
    assert article.text.startswith(first_words)
    reasons = [r.reason for r in article.boilerplate]
    assert reasons[:3] == ["title", "byline", "dateline"]
    for removed in article.boilerplate:
        assert removed.span.of(article.original_text) == removed.text


def test_reading_time_and_bullets_are_not_body(corpus_dir: Path) -> None:
    article = seed_article(corpus_dir, "drc-us-minerals-2025.txt")
    assert "leitura" not in article.text
    assert "Clandestino" not in article.text
    assert any(r.reason == "reading_time" for r in article.boilerplate)


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        pytest.param(
            "drc-coup-attempt-2024.txt",
            "Malanga claimed to have taken power and waved the flag of Zaire",
            id="drc-taken-power",
        ),
        pytest.param(
            "drc-coup-attempt-2024.txt",
            "It is estimated to have cost an estimated 5.6 million lives.",
            id="drc-it-is",
        ),
        pytest.param(
            "mali-coup-2012.txt",
            "rooted in the economic crisis and the destabilization of the region",
            id="mali-crisis-and",
        ),
    ],
)
def test_broken_paragraphs_are_joined(corpus_dir: Path, name: str, sentence: str) -> None:
    article = seed_article(corpus_dir, name)
    assert sentence in article.text
    assert any(sentence in s.of(article.text) for s in article.sentences)


@pytest.mark.parametrize("name", SEEDS)
def test_sentences_never_cross_paragraphs(corpus_dir: Path, name: str) -> None:
    article = seed_article(corpus_dir, name)
    for sentence in article.sentences:
        assert "\n" not in sentence.of(article.text)
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in article.paragraphs)
    assert all("\n" not in p.of(article.text) for p in article.paragraphs)


@pytest.mark.parametrize(
    ("name", "amount"),
    [
        pytest.param("drc-coup-attempt-2024.txt", "$3 billion", id="drc-coup"),
        pytest.param("mali-coup-2012.txt", "$1,300", id="mali-coup"),
    ],
)
def test_escaped_dollar_is_unescaped(corpus_dir: Path, name: str, amount: str) -> None:
    article = seed_article(corpus_dir, name)
    assert amount in article.text
    assert "\\" not in article.text


@pytest.mark.parametrize("name", SEEDS)
def test_normalising_is_deterministic_and_idempotent(corpus_dir: Path, name: str) -> None:
    first = seed_article(corpus_dir, name)
    text = (corpus_dir / "seeds" / name).read_text(encoding="utf-8")
    again = normalise(RawDocument(path="elsewhere.txt", format="txt", text=text))
    assert again.id == first.id == article_id(first.text)
    assert first.id.startswith("ar_") and len(first.id) == 19
    assert normalise(raw(first.text)).text == first.text


# --- our own mini-articles -----------------------------------------------------------------

MESSY = """# Junta Dissolves Parliament

By Jane Doe
March 3, 2025

Soldiers *seized* the **state broadcaster** in [Niamey](https://example.org/niamey) on Sunday.
Gen. Abdou Tiani said the army had taken
control.

The curfew, which began at 9 p.m., will last until
the end of the month, a spokesman said. He added that \\$2 million in aid was frozen.

Share this article
Read more: Army seizes power
© 2025 Example News. All rights reserved.
"""


def test_messy_mini_article() -> None:
    article = normalise(raw(MESSY))
    assert article.title == "Junta Dissolves Parliament"
    assert article.author == "Jane Doe"
    assert article.published.iso == "2025-03-03"
    assert article.published.method == "text"
    assert article.text.startswith("Soldiers seized the state broadcaster in Niamey on Sunday.")
    assert "the end of the month" in article.text
    assert "$2 million" in article.text
    for junk in ("Share this", "Read more", "©", "*", "[", "#"):
        assert junk not in article.text
    reasons = {r.reason for r in article.boilerplate}
    assert {"title", "byline", "dateline", "share", "read_more", "copyright"} <= reasons
    sentences = [s.of(article.text) for s in article.sentences]
    assert "Gen. Abdou Tiani said the army had taken control." in sentences
    assert any(
        s.startswith("The curfew, which began at 9 p.m., will last until the end")
        for s in sentences
    )
    assert len(article.paragraphs) == 2


def test_mini_article_in_french_with_hints() -> None:
    text = (
        "Coup d'État au Gabon\n\nPar Marie Dupont\nle 3 février 2025\n\n"
        "Des militaires ont annoncé la dissolution des institutions de la République, "
        "mercredi matin à Libreville, après la proclamation des résultats de l'élection.\n"
    )
    article = normalise(raw(text))
    assert (article.title, article.author) == ("Coup d'État au Gabon", "Marie Dupont")
    assert article.published.iso == "2025-02-03"
    assert article.language == "fr"
    hinted = normalise(
        raw(text, author_hint="AFP", published_hint="2025-02-04T08:00:00Z", source_hint="afp.com")
    )
    assert (hinted.author, hinted.source) == ("AFP", "afp.com")
    assert (hinted.published.iso, hinted.published.method) == ("2025-02-04", "metadata")


def test_url_host_is_the_fallback_source() -> None:
    article = normalise(raw("Rebels took the town on Monday.", url="https://www.example.org/a"))
    assert article.source == "example.org"
    assert article.title is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("  \n\n\t \n", id="whitespace"),
        pytest.param("Share this article\n\nSubscribe to our newsletter\n", id="only-boilerplate"),
        pytest.param("# Title only\n", id="title-only"),
    ],
)
def test_empty_body_raises(text: str) -> None:
    with pytest.raises(EmptyInputError) as info:
        normalise(RawDocument(path="feed.jsonl", format="jsonl", text=text, record="line 3"))
    assert info.value.source == "feed.jsonl (line 3)"
    assert info.value.code == "E102"


# --- markup and sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        pytest.param("## Heading ##", "Heading", id="heading"),
        pytest.param("*one* and _two_", "one and two", id="emphasis"),
        pytest.param("**bold** and __bold__", "bold and bold", id="strong"),
        pytest.param("see [the report](http://x.org/a_(b)) now", "see the report now", id="link"),
        pytest.param(
            "**[site.org/contact](http://site.org/contact)**", "site.org/contact", id="bold-link"
        ),
        pytest.param(
            "\\$3, \\*not\\*, \\_x\\_ and \\[y\\]", "$3, *not*, _x_ and [y]", id="escapes"
        ),
        pytest.param("- item one", "item one", id="bullet"),
        pytest.param("> quoted", "quoted", id="blockquote"),
        pytest.param("AT&amp;T &eacute;t&eacute;", "AT&T été", id="entities"),
        pytest.param("line with break  ", "line with break", id="hard-break"),
        pytest.param("“quoted” – dash", "“quoted” – dash", id="typography-kept"),
        pytest.param("snake_case_name and 2*3*4", "snake_case_name and 2*3*4", id="not-emphasis"),
        pytest.param("[al-Qaeda] is here", "[al-Qaeda] is here", id="editorial-brackets"),
        pytest.param("![photo](http://x.org/p.jpg)Text", "Text", id="image"),
    ],
)
def test_markup_is_stripped(markdown: str, plain: str) -> None:
    assert strip_markup(markdown).mapped.text == plain


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gen. Smith met Lt. Jones. They left.",
            ["Gen. Smith met Lt. Jones.", "They left."],
            id="titles",
        ),
        pytest.param(
            "The U.S. State Department spoke. It cost 5.6 million.",
            ["The U.S. State Department spoke.", "It cost 5.6 million."],
            id="acronym-decimal",
        ),
        pytest.param(
            'He said "we won." Then he left!',
            ['He said "we won."', "Then he left!"],
            id="quote-after-stop",
        ),
        pytest.param(
            "J. R. Smith arrived on Jan. 5 at noon. Why? Nobody knows.",
            ["J. R. Smith arrived on Jan. 5 at noon.", "Why?", "Nobody knows."],
            id="initials-months",
        ),
        pytest.param("approx. five people came", ["approx. five people came"], id="lowercase-next"),
    ],
)
def test_sentence_splitter(text: str, expected: list[str]) -> None:
    assert [s.of(text) for s in split_sentences(text)] == expected


# --- limits --------------------------------------------------------------------------------


@pytest.mark.timeout(120)
def test_two_megabyte_line_does_not_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalise_module, "detect_language", lambda text: None)
    # Past the NLP's 1,000,000 characters normalise refuses the article once it is built;
    # raised here, so the whole article is built and its speed is what the test holds.
    monkeypatch.setattr(normalise_module, "MAX_ARTICLE_CHARS", 10_000_000)
    chunk = "The *army* said [more](http://x.org) troops [[ arrived__ on Jan. 5 at 2.5 km. "
    line = (chunk * (2_000_000 // len(chunk) + 1))[:2_000_000]
    article = normalise(raw(line))  # the timeout marker fails a hang; speed is benchmarked
    assert len(article.text) > 1_000_000
    assert len(article.sentences) > 10_000
