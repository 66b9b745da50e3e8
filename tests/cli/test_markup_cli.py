"""Brackets in data are text, not Rich markup: a title "Rebels [/b] attack [sic]" once ended
every table that showed it with a MarkupError traceback, and "[bold]" vanished from output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

runner = CliRunner()
TITLE = "Rebels [/b] attack [sic] in [bold]Beni"
TEXT = "Rebels [/red] attacked a village near Beni on Monday, killing [b]five people."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("markup")
    (folder / "[x] [i]article.txt").write_text(f"{TITLE}\n\n{TEXT}\n", encoding="utf-8")
    (folder / "[red]empty.txt").write_text("", encoding="utf-8")
    db = folder / "m.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the empty file fails, by name
    assert "[red]empty.txt" in result.output and "[E102]" in result.output
    return db


def first_id(db: Path, command: str) -> str:
    found = runner.invoke(app, [command, "--db", str(db), "--format", "jsonl"]).stdout
    return json.loads(found.splitlines()[0])["id"]


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["events"], "Rebels [/"),
        (["articles"], "Rebels [/b]"),
        (["incidents"], "Rebels [/"),
        (["stats", "--by", "country"], "COD"),
    ],
)
def test_tables_show_brackets_as_written(store: Path, command: list[str], shown: str) -> None:
    result = runner.invoke(app, [*command, "--db", str(store)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert shown in result.stdout
    assert "MarkupError" not in result.output


def test_one_record_shows_brackets_as_written(store: Path) -> None:
    incident = runner.invoke(app, ["incident", first_id(store, "incidents"), "--db", str(store)])
    assert incident.exit_code == 0, incident.output
    assert "[/red] attacked" in incident.stdout and "[b]five" in incident.stdout
    article = runner.invoke(app, ["show", first_id(store, "articles"), "--db", str(store)])
    assert article.exit_code == 0, article.output
    assert TITLE in article.stdout
