"""The three real seed articles, stored through the CLI, match the gold metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus not present")
runner = CliRunner()


def gold_articles() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["articles"] if GOLD.exists() else []


def stored(db: Path, path: Path) -> dict:
    result = runner.invoke(app, ["show", str(path), "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("gold", gold_articles(), ids=lambda g: g["file"])
def test_seed_title_author_and_date(seeds_db, gold):
    article = stored(seeds_db, SEEDS / gold["file"])
    assert article["title"] == gold["title"]
    assert article["author"] == gold["author"]
    if "published_as_written" in gold:
        # No year in the date line: kept as month-day with the year marked missing.
        assert article["published_method"] == "missing_year"
        assert article["published"] == "--" + gold["published"][5:]
        assert article["published_text"] == gold["published_as_written"]
    else:
        assert article["published"] == gold["published"]
        assert article["published_precision"] == "day"


@pytest.mark.parametrize("gold", gold_articles(), ids=lambda g: g["file"])
def test_seed_text_has_no_footer_and_no_broken_sentences(seeds_db, gold):
    article = stored(seeds_db, SEEDS / gold["file"])
    text = article["text"]
    for leftover in ("To contact the WSWS", "wsws.org/contact", "min de leitura", "\\$"):
        assert leftover not in text
    for start, end in article["paragraphs"]:
        paragraph = text[start:end].rstrip()
        following = text[end:].lstrip()
        if following:
            # A paragraph that stops mid-sentence would be followed by a lowercase word.
            assert not following[0].islower(), paragraph[-60:]


def test_year_missing_date_is_completed_by_published(tmp_path):
    path = SEEDS / "drc-us-minerals-2025.txt"
    db = tmp_path / "one.db"
    result = runner.invoke(app, ["ingest", str(path), "--published", "2025-03-10", "--db", str(db)])
    assert result.exit_code == 0, result.output
    article = stored(db, path)
    assert article["published"] == "2025-03-10"
    assert article["published_method"] == "cli"


def test_seeds_reingest_is_a_noop(seeds_db):
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(seeds_db)])
    assert result.exit_code == 0
    assert "new 0" in result.stdout and "unchanged 3" in result.stdout
