"""Commands that only read refuse a database path that does not exist, instead of creating an
empty store there and answering "nothing found" (a mistyped --db looked like an empty store)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["stats"],
        ["articles"],
        ["incidents"],
        ["graph"],
        ["exposure", "--mineral", "cobalt"],
        ["brief", "COD", "--out", "brief.html"],
    ],
    ids=lambda c: c[0],
)
def test_a_read_command_on_a_missing_database_is_an_error_and_creates_nothing(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 1, result.output
    assert f"[E202] no database at {missing}" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists()
    assert not (tmp_path / "brief.html").exists()


def test_ingest_still_creates_the_database_it_is_given(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rebels attack\n\nRebels attacked a village near Beni on Monday.\n")
    db = tmp_path / "new.db"
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert runner.invoke(app, ["events", "--db", str(db)]).exit_code == 0
