"""``faultline ingest --workers N``, ``faultline batch`` and ``faultline digest`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultline.cli.main import app
from faultline.scale import cluster

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
ARTICLES = [str(DEMO / name) for name in ("2024-11-kivu-clashes.md", "2024-06-cobalt-deal.txt")]

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def digest(db: Path) -> dict:
    result = run("digest", "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    return record


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="neither"),
        pytest.param(["--scheduler", "tcp://127.0.0.1:9", "--local-cluster", "2"], id="both"),
    ],
)
def test_batch_needs_exactly_one_place_to_run(args, tmp_path):
    result = run("batch", *ARTICLES, "--db", str(tmp_path / "x.db"), *args)
    assert result.exit_code == 2
    assert "exactly one of --scheduler and --local-cluster" in result.output


def test_an_unreachable_scheduler_is_one_line_and_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    db = tmp_path / "x.db"
    result = run("batch", *ARTICLES, "--db", str(db), "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
    assert not db.exists()


def test_digest_prints_whole_hashes_one_per_line(tmp_path):
    db = tmp_path / "x.db"
    assert run("ingest", *ARTICLES, "--db", str(db), "-q").exit_code == 0
    lines = run("digest", "--db", str(db)).stdout.splitlines()
    assert [line.split()[0] for line in lines] == [
        "articles", "events", "incidents", "events_sha256", "incidents_sha256",
    ]  # fmt: skip
    assert len(lines[3].split()[1]) == 64


def test_jsonl_output_streams_one_row_per_article(tmp_path):
    result = run("ingest", *ARTICLES, "--db", str(tmp_path / "x.db"), "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["status"] for r in rows] == ["new", "new"]
    assert all(len(r["article"]) > 8 for r in rows)  # full ids in machine formats


@pytest.mark.slow
@pytest.mark.parametrize(
    "parallel",
    [
        pytest.param(["ingest", "--workers", "2"], id="workers"),
        pytest.param(["batch", "--local-cluster", "2", "--batch-size", "2"], id="local-cluster"),
    ],
)
def test_parallel_runs_store_what_one_process_stores(parallel, tmp_path):
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    assert run("ingest", str(DEMO), "--db", str(one), "-q").exit_code == 0
    first = run(parallel[0], str(DEMO), "--db", str(many), *parallel[1:])
    assert first.exit_code == 0, first.output
    assert "failed 0" in first.stdout
    assert digest(many) == digest(one)
    again = run(parallel[0], str(DEMO), "--db", str(many), *parallel[1:])
    assert "Nothing changed" in again.stdout
    assert digest(many) == digest(one)
