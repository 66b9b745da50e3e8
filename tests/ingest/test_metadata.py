"""Head metadata: date lines in several styles and languages, bylines, titles, date sources."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.ingest.metadata import (
    ParsedDate,
    parse_byline,
    parse_date_hint,
    parse_date_line,
    resolve_published,
)
from faultline.ingest.normalise import normalise
from faultline.models import PublishedDate, RawDocument

BODY = "Soldiers seized the state broadcaster on Sunday, a military spokesman said."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("22 May 2024", ParsedDate(2024, 5, 22, "day"), id="en-day-month-year"),
        pytest.param("May 22, 2024", ParsedDate(2024, 5, 22, "day"), id="en-month-day-year"),
        pytest.param("Wednesday, 22 May 2024", ParsedDate(2024, 5, 22, "day"), id="en-weekday"),
        pytest.param("Published on 28 March 2012", ParsedDate(2012, 3, 28, "day"), id="en-prefix"),
        pytest.param("22 May 2024 14:05 GMT", ParsedDate(2024, 5, 22, "day"), id="en-time"),
        pytest.param("March 2012", ParsedDate(2012, 3, None, "month"), id="en-month-only"),
        pytest.param("2024-05-22", ParsedDate(2024, 5, 22, "day"), id="iso"),
        pytest.param("22/05/2024", ParsedDate(2024, 5, 22, "day"), id="day-first-unambiguous"),
        pytest.param("05/22/2024", ParsedDate(2024, 5, 22, "day"), id="month-first-unambiguous"),
        pytest.param("22 mai 2024", ParsedDate(2024, 5, 22, "day"), id="fr"),
        pytest.param("le 3 février 2025", ParsedDate(2025, 2, 3, "day"), id="fr-le"),
        pytest.param("Publié le 3 février 2025", ParsedDate(2025, 2, 3, "day"), id="fr-publie"),
        pytest.param("10 de março de 2025", ParsedDate(2025, 3, 10, "day"), id="pt"),
        pytest.param("10 de mar.", ParsedDate(None, 3, 10, "day"), id="pt-no-year"),
        pytest.param("3 de marzo de 2025", ParsedDate(2025, 3, 3, "day"), id="es"),
    ],
)
def test_date_lines(line: str, expected: ParsedDate) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("03/05/2024", id="ambiguous-numeric"),
        pytest.param("31/02/2024", id="impossible"),
        pytest.param("2 min de leitura", id="reading-time"),
        pytest.param("Kumaran Ira", id="name"),
        pytest.param("3 min read", id="en-reading-time"),
        pytest.param("In 2012 the army seized power in Bamako after months of unrest.", id="prose"),
        pytest.param("2012", id="bare-year"),
    ],
)
def test_non_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("line", "bullet", "expected"),
    [
        pytest.param("By Jane Doe", False, "Jane Doe", id="by"),
        pytest.param("by Jane Doe, Reuters", False, "Jane Doe", id="by-agency"),
        pytest.param("Par Marie Dupont", False, "Marie Dupont", id="fr-par"),
        pytest.param("Por João da Silva", False, "João da Silva", id="pt-por"),
        pytest.param("Kumaran Ira", False, "Kumaran Ira", id="bare-name"),
        pytest.param("Olivier Laurent  ", False, "Olivier Laurent", id="hard-break"),
        pytest.param("Clandestino", True, "Clandestino", id="bullet-single"),
        pytest.param("By Jane Doe and John Roe", False, "Jane Doe and John Roe", id="two"),
        pytest.param("Clandestino", False, None, id="single-word-needs-by"),
        pytest.param("Military launches coup in Mali", False, None, id="headline"),
        pytest.param("The army said on Sunday that it had won.", False, None, id="sentence"),
        pytest.param("22 May 2024", False, None, id="date"),
        pytest.param(
            "In June, forces intercepted a convoy. Then they left.",
            False,
            None,
            id="sentence-opening-with-month",
        ),
        pytest.param("On Monday, Troops Withdrew", False, None, id="capitalised-opener"),
        pytest.param("Staff reporter", False, "Staff reporter", id="desk-byline"),
        pytest.param("By Staff Writer", False, "Staff Writer", id="by-desk-byline"),
    ],
)
def test_bylines(line: str, bullet: bool, expected: str | None) -> None:
    assert parse_byline(line, bullet=bullet) == expected


@pytest.mark.parametrize(
    ("hint", "iso", "precision"),
    [
        pytest.param("2024-05-22", "2024-05-22", "day", id="iso-date"),
        pytest.param("2024-05-22T23:30:00-04:00", "2024-05-22", "day", id="iso-datetime"),
        pytest.param("2024-05", "2024-05", "month", id="iso-month"),
        pytest.param("Wed, 22 May 2024 23:30:00 -0400", "2024-05-22", "day", id="rfc2822"),
        pytest.param("May 22, 2024", "2024-05-22", "day", id="written"),
    ],
)
def test_date_hints(hint: str, iso: str, precision: str) -> None:
    parsed = parse_date_hint(hint)
    assert parsed is not None
    assert (parsed.iso, parsed.precision, parsed.method) == (iso, precision, "metadata")


@pytest.mark.parametrize("hint", ["yesterday", "2024-13-40", "10 de mar."])
def test_unusable_date_hints(hint: str) -> None:
    assert parse_date_hint(hint) is None


def test_cli_date_wins_over_hint_and_text() -> None:
    found = PublishedDate(None, 3, 10, "day", "missing_year", "10 de mar.")
    chosen = resolve_published(found, hint="2024-01-01", cli=dt.date(2025, 3, 10))
    assert (chosen.iso, chosen.method, chosen.text) == ("2025-03-10", "cli", "10 de mar.")
    assert resolve_published(found, hint="2024-01-01").method == "metadata"
    assert resolve_published(found) is found
    assert resolve_published(None).method == "missing"


@pytest.mark.parametrize(
    ("head", "title", "author", "iso"),
    [
        pytest.param(
            "Rebels Take Goma\n\nBy Jane Doe\nMarch 3, 2025\n\n",
            "Rebels Take Goma",
            "Jane Doe",
            "2025-03-03",
            id="en",
        ),
        pytest.param(
            "Rebels take Goma.\n- Jane Doe\n- 10 de mar.\n",
            "Rebels take Goma.",
            "Jane Doe",
            "--03-10",
            id="bullets-title-with-stop",
        ),
        pytest.param(
            "## Rebels take Goma\n22/05/2024\n\n", "Rebels take Goma", None, "2024-05-22", id="md"
        ),
        pytest.param(
            "Rebels Take Goma\nBy Jane Doe | 3 March 2025\n",
            "Rebels Take Goma",
            "Jane Doe",
            "2025-03-03",
            id="combined-byline-date",
        ),
        pytest.param(
            "Rebels take Goma.\nJane Doe — 22/05/2024\n",
            "Rebels take Goma.",
            "Jane Doe",
            "2024-05-22",
            id="name-dash-date",
        ),
        pytest.param("", None, None, None, id="no-head"),
    ],
)
def test_head_of_mini_articles(
    head: str, title: str | None, author: str | None, iso: str | None
) -> None:
    article = normalise(RawDocument(path="a.md", format="md", text=head + BODY))
    assert (article.title, article.author, article.published.iso) == (title, author, iso)
    assert article.text == BODY


def test_title_hint_removes_the_matching_title_line() -> None:
    text = "Rebels take Goma\n\n" + BODY
    article = normalise(
        RawDocument(path="a.html", format="html", text=text, title_hint="Rebels Take Goma")
    )
    assert article.title == "Rebels Take Goma"
    assert article.text == BODY


def test_one_sentence_article_is_not_mistaken_for_a_title() -> None:
    article = normalise(RawDocument(path="a.txt", format="txt", text=BODY))
    assert article.title is None
    assert article.text == BODY
