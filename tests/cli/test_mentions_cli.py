"""`faultline mentions` and `faultline geoparse` on files and stored articles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from faultline.cli.main import app

REPO = Path(__file__).resolve().parents[2]
KIVU = REPO / "demo" / "articles" / "2024-11-kivu-clashes.md"
NIAMEY = REPO / "demo" / "articles" / "2023-08-niamey-junta.txt"

runner = CliRunner()


def test_geoparse_many_files_in_one_call_carries_path_and_article(tmp_path):
    result = runner.invoke(app, ["geoparse", str(KIVU), str(NIAMEY), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["path"] for r in rows} == {str(KIVU), str(NIAMEY)}
    assert all(r["article_id"].startswith("ar_") for r in rows)
    goma = [r for r in rows if r["name"] == "Goma"]
    assert goma and goma[0]["country"] == "COD" and goma[0]["precision"] == "city"
    niamey = [r for r in rows if r["name"] == "Niamey"]
    assert niamey and niamey[0]["country"] == "NER"


def test_geoparse_names_a_bad_input_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["geoparse", str(empty), str(KIVU)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "Goma" in result.stdout


def test_mentions_of_a_stored_article_show_every_kind(tmp_path):
    db = tmp_path / "m.db"
    assert runner.invoke(app, ["ingest", str(KIVU), "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["articles", "--db", str(db), "--format", "json"]).stdout
    article_id = json.loads(listed)[0]["id"]
    result = runner.invoke(app, ["mentions", article_id, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["mention"] for r in rows} == {"actor", "place", "time", "quantity", "mineral"}
    assert [r["text"] for r in rows if r["mention"] == "mineral"] == ["minerals"]
    killed = [r for r in rows if r["mention"] == "quantity" and r["category"] == "killed"]
    assert any(r["value"] == 12 for r in killed)
    table = runner.invoke(app, ["mentions", str(KIVU)])
    assert table.exit_code == 0
    kinds = ("actor", "place", "time", "quantity", "mineral")
    for title in (f"{kind} mentions" for kind in kinds):
        assert title in table.stdout
