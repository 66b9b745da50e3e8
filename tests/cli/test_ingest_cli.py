"""`faultline ingest`, `articles` and `show` end to end on a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo" / "articles"
BAD = REPO / "demo" / "bad"

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def dump(db: Path) -> list[tuple]:
    """Every row of every table, to prove a command changed nothing."""
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return [(t, *row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')]


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "faultline.db"


def test_demo_folder_ingests_and_reingest_changes_nothing(db):
    first = run("ingest", str(DEMO), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "new" in first.stdout and "failed 0" in first.stdout
    before = dump(db)

    second = run("ingest", str(DEMO), "--db", str(db))
    assert second.exit_code == 0, second.output
    assert "new 0" in second.stdout
    assert "Nothing changed" in second.stdout
    assert dump(db) == before


def test_bad_inputs_are_named_and_the_rest_is_stored(db, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "Troops detained an opposition leader\n\nSecurity forces detained the leader of the "
        "main opposition party at his home on Monday night, his lawyer said. He was taken to "
        "an unknown location.\n",
        encoding="utf-8",
    )
    result = run("ingest", str(BAD), str(good), "/no/such/file.md", "--db", str(db))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "broken.jsonl (line 2)" in result.stderr
    assert "/no/such/file.md" in result.stderr
    assert "Traceback" not in result.output
    listed = json.loads(run("articles", "--db", str(db), "--format", "json").stdout)
    assert any(a["title"] == "Troops detained an opposition leader" for a in listed)


def test_failures_do_not_lose_what_was_stored_before(db):
    assert run("ingest", str(DEMO), "--db", str(db)).exit_code == 0
    count = len(json.loads(run("articles", "--db", str(db), "--format", "json").stdout))
    assert run("ingest", str(BAD), "--db", str(db)).exit_code == 1
    after = json.loads(run("articles", "--db", str(db), "--format", "json").stdout)
    assert len(after) >= count


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["ingest", "x.txt", "--published", "10 March"], "2025-03-10", id="bad-date"),
        pytest.param(["ingest"], "PATH", id="no-paths"),
        pytest.param(["articles", "--format", "xml"], "xml", id="bad-format"),
        pytest.param(["nosuchcommand"], "nosuchcommand", id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(db, args, message):
    result = run(*args, "--db", str(db)) if args[0] != "nosuchcommand" else run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_stdin_is_read_with_dash(db):
    text = (
        "Protesters rallied in the capital\n\nThousands of protesters marched on parliament "
        "on Friday demanding elections, organisers said.\n"
    )
    result = run("ingest", "-", "--db", str(db), input=text)
    assert result.exit_code == 0, result.output
    [article] = json.loads(run("articles", "--db", str(db), "--format", "json").stdout)
    assert article["title"] == "Protesters rallied in the capital"
    assert article["path"] == "-"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_articles_formats(db, fmt):
    run("ingest", str(DEMO), "--db", str(db))
    result = run("articles", "--db", str(db), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.stdout)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        assert "articles" in result.stdout
        return
    assert len(rows) >= 8
    assert {"id", "title", "published", "author", "language"} <= set(rows[0])


def test_show_numbers_paragraphs_and_sentences_and_lists_removed_text(db):
    run("ingest", str(DEMO / "2024-11-kivu-clashes.md"), "--db", str(db))
    [row] = json.loads(run("articles", "--db", str(db), "--format", "json").stdout)
    result = run("show", row["id"][:8], "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "1.1" in result.stdout and "2.1" in result.stdout
    assert "Removed" in result.stdout
    shown = json.loads(run("show", row["id"], "--db", str(db), "--format", "json").stdout)
    for start, end in shown["sentences"]:
        assert shown["text"][start:end].strip()


def test_show_unknown_article_is_one_clean_line(db):
    run("ingest", str(DEMO), "--db", str(db))
    result = run("show", "ar_doesnotexist", "--db", str(db))
    assert result.exit_code == 1
    assert "ar_doesnotexist" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_50_mb_file_is_refused_with_one_line_and_the_batch_goes_on(db, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as handle:
        line = "Gunmen attacked a convoy on the northern road, officials said. " * 16 + "\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    result = run("ingest", str(big), str(DEMO / "2024-11-kivu-clashes.md"), "--db", str(db))
    assert result.exit_code == 1
    [failure] = [ln for ln in result.stderr.splitlines() if "huge.txt" in ln]
    assert "[E107]" in failure and "limit" in failure
    assert "new 1" in result.stdout


@pytest.mark.slow
def test_folder_with_thousands_of_files(db, tmp_path):
    folder = tmp_path / "many"
    for n in range(1500):
        sub = folder / f"batch{n // 500}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"report-{n:04d}.txt").write_text(
            f"Market fire number {n}\n\nA fire destroyed stalls in market number {n} on "
            f"Saturday, traders said. Nobody was hurt, according to the fire brigade.\n",
            encoding="utf-8",
        )
    result = run("ingest", str(folder), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    assert "read 1500 · new 1500" in result.stdout
