"""kill -9 during ingest, on SQLite and on PostgreSQL, at several points of one batch.

One store takes every kill in turn: ingest is started, killed once the store holds a given
number of articles (watched from outside), checked, started again, killed further on, and
finally left to finish. Each run re-extracts only what the store lacks, so the kills cost
little more than one ingest. After every kill the store must hold whole articles only (each
as a clean run stored it, link state sane); the last run must complete, and the digest must
equal the clean run's: nothing lost, nothing stored twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import database_url
from tests.store.faults.checks import CleanRun, assert_consistent, finish_and_compare
from tests.store.faults.harness import StoreWatcher, ingest_command, kill_9, start

# Kill once the store holds this many articles: the first one (mid-chunk: the rest of the
# first chunk is being written), one chunk's worth (about when its linking pass runs), and
# deep into the batch. The pipeline extracts and stores 16 articles at a time.
KILL_AT = (1, 16, 40)


def kill_repeatedly_then_finish(
    corpus: Path, url: str, clean: CleanRun, at: tuple[int, ...]
) -> None:
    """Kill an ingest of ``corpus`` into ``url`` once it has stored each of ``at`` articles,
    checking the store after every kill; then let a last run finish."""
    assert max(at) < clean.articles
    left: list[int] = []
    watcher = StoreWatcher(url)
    try:
        for threshold in at:
            proc = start(ingest_command(corpus, url))
            watcher.wait_for(threshold, proc)
            kill_9(proc)
            stored = watcher.count()
            assert 0 < stored < clean.articles, "the kill should land mid-batch"
            assert_consistent(url, clean.snapshot)
            left.append(stored)
    finally:
        watcher.close()
    finish_and_compare(corpus, url, clean, stored_before=left[-1])


@pytest.mark.slow
def test_kill_9_on_sqlite_at_three_points(corpus: Path, clean: CleanRun, tmp_path: Path) -> None:
    kill_repeatedly_then_finish(corpus, f"sqlite:///{tmp_path / 'store.db'}", clean, KILL_AT)


@pytest.mark.slow
@pytest.mark.pg
def test_kill_9_on_postgresql_at_two_points(corpus: Path, clean: CleanRun, tmp_path: Path) -> None:
    with database_url("postgresql", tmp_path) as url:
        kill_repeatedly_then_finish(corpus, url, clean, KILL_AT[1:])
