"""``faultline brief`` end to end on the seeds and the demo corpus: the COD and MLI briefs render
as one self-contained page whose every number traces to a stored event or a reference row,
print to one A4 page, and bad input gets one line and a usage exit status."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from faultline.brief import pdf
from faultline.cli.main import app
from faultline.minerals.reference import load_reference
from faultline.store import Store
from tests.brief.conftest import assert_traceable, pdf_pages

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
CHROMIUM = Path("/usr/bin/chromium")
runner = CliRunner()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the demo articles, ingested once (spaCy is the slow part)."""
    db = tmp_path_factory.mktemp("brief") / "brief.db"
    seeds = corpus_dir / "seeds"
    # Its date line has no year: the date it ran completes it, as its gold says.
    us_deal = ["ingest", str(seeds / "drc-us-minerals-2025.txt"), "--published", "2025-03-10"]
    others = [str(seeds / "drc-coup-attempt-2024.txt"), str(seeds / "mali-coup-2012.txt")]
    for command in (us_deal, ["ingest", *others, str(DEMO)]):
        result = runner.invoke(app, [*command, "--db", str(db), "--quiet"])
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def briefs(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The COD brief since 2024 and the MLI brief over every date, written by the CLI."""
    folder = tmp_path_factory.mktemp("briefs")
    written = {}
    for country, options in (("COD", ["--since", "2024-01-01"]), ("MLI", [])):
        target = folder / f"brief-{country.lower()}.html"
        result = brief(corpus_db, country, "--out", str(target), *options)
        assert result.exit_code == 0, result.output
        written[country] = target
    return written


def brief(db: Path, *args: str) -> Any:
    return runner.invoke(app, ["brief", *args, "--db", str(db)])


@pytest.mark.parametrize("country", ["COD", "MLI"])
def test_brief_traces_every_number_to_the_store_or_the_reference(briefs, corpus_db, country):
    html = briefs[country].read_text(encoding="utf-8")
    with Store.open(str(corpus_db), read_only=True) as store:
        report = assert_traceable(html, store, load_reference())
    assert report.events and report.refs


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("COD", ["Democratic Republic of the Congo", "Attempted coup", "Kinshasa",
                 "Christian Malanga", "Cobalt", "Lualaba", 'data-mineral="cobalt"']),
        ("MLI", ["Mali", "Successful coup", "Bamako", "Cline Center list: listed as",
                 "Gold"]),
    ],
)  # fmt: skip
def test_brief_shows_the_countrys_coups_places_and_minerals(briefs, country, expected):
    html = briefs[country].read_text(encoding="utf-8")
    for text in expected:
        assert text in html
    for section in ("timeline", "coups", "key-events", "key-actors", "minerals", "sources"):
        assert f'id="{section}"' in html


def test_summary_says_what_was_written_with_the_counts(corpus_db, tmp_path):
    target = tmp_path / "drc.html"
    result = brief(corpus_db, "DRC", "--since", "2024-01-01", "--out", str(target))
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    assert line.startswith(f"wrote {target}: Democratic Republic of the Congo (COD), since 2024")
    assert re.search(r"· \d+ events · \d+ incidents · \d+ coups? · \d+ sources · \d+ killed$", line)


def test_brief_is_self_contained(briefs):
    for path in briefs.values():
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)\b", html)
        head, sources = html.split('<section id="sources">', 1)
        assert not re.search(r'\b(?:src|href)="https?://', head)
        assert all(
            href.startswith(("https://", "http://", "#"))
            for href in re.findall(r'href="([^"]*)"', sources)
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Atlantis"], "[E301] unknown country 'Atlantis'"),
        (["COD", "--out", "brief.docx"], "must end in .html or .pdf"),
        (["COD", "--since", "2025-01-01", "--until", "2024-01-01"], "is after --until"),
        (["COD", "--since", "last year"], "is not a date like"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(corpus_db, args, message):
    result = brief(corpus_db, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_unknown_country_is_a_single_line(corpus_db):
    result = brief(corpus_db, "Atlantis")
    assert result.stderr.strip().count("\n") == 0


def test_pdf_without_chromium_writes_the_html_and_says_what_is_missing(
    corpus_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    target = tmp_path / "brief.pdf"
    result = brief(corpus_db, "COD", "--out", str(target))
    assert result.exit_code == 1
    assert "[E303]" in result.stderr and "needs Chromium" in result.stderr
    assert not target.exists()
    assert "<!doctype html>" in (tmp_path / "brief.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="apt-get install chromium")
@pytest.mark.parametrize("country", ["COD", "MLI"])
def test_pdf_is_one_a4_page(corpus_db, tmp_path, country):
    target = tmp_path / f"brief-{country}.pdf"
    options = ["--since", "2024-01-01"] if country == "COD" else []
    result = brief(corpus_db, country, "--out", str(target), *options)
    assert result.exit_code == 0, result.output
    assert pdf_pages(target.read_bytes()) == 1


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from tests.web.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.browser
def test_cod_brief_in_a_browser_shows_chart_map_citations_on_one_page(briefs, browser):
    from tests.web.conftest import artifacts_dir

    page = browser.new_page(viewport={"width": 900, "height": 1300})
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(briefs["COD"].resolve().as_uri())
    for selector in ("svg.timeline rect.seg", "svg.map path.target", "g.pin-key", "a.cite",
                     "#sources li", "#shares td"):  # fmt: skip
        assert page.locator(selector).first.is_visible(), selector
    assert page.locator("svg.timeline g.bar").count() >= 3
    assert page.locator("#key-events li").count() >= 3
    # Every citation mark leads to an entry of the Sources list.
    targets = page.eval_on_selector_all("a.cite", "links => links.map(a => a.hash)")
    assert all(page.locator(target).count() == 1 for target in set(targets))
    page.screenshot(path=str(artifacts_dir() / "brief-cod.png"), full_page=True)
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    page.close()
