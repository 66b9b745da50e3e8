"""Fixtures for the fault tests: the corpus, the store a clean run makes of it (what every
faulted run must end up equal to), and a small store to fault on top of.

Each is built once per session by the real ``faultline`` command, in folders every test reads
from but none writes to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.faults import corpus as corpus_files
from tests.store.faults.checks import CleanRun, Prefilled, snapshot
from tests.store.faults.harness import digest, ingest_command, run, summary_of


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus_files.build(tmp_path_factory.mktemp("fault-corpus"))


@pytest.fixture(scope="session")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> CleanRun:
    url = f"sqlite:///{tmp_path_factory.mktemp('fault-clean') / 'clean.db'}"
    result = run(ingest_command(corpus, url))
    assert result.returncode == 0, result.stderr
    summary = summary_of(result)
    assert summary.failed == 0 and summary.new == summary.read
    found = snapshot(url)
    assert found.pending == 0
    return CleanRun(digest(url), found)


@pytest.fixture(scope="session")
def prefilled(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Prefilled:
    path = tmp_path_factory.mktemp("fault-prefilled") / "store.db"
    result = run(ingest_command(corpus / "demo", str(path)))
    assert result.returncode == 0, result.stderr
    # A cleanly closed SQLite store has no -wal file left: the .db is the whole store.
    assert not Path(f"{path}-wal").exists()
    return Prefilled(path, digest(str(path)), snapshot(str(path)))
