"""``ingest --workers N``: a process pool extracts, this process alone stores.

Marked slow: each test spawns worker processes that load spaCy and the embedding model.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from faultline.export.digest import store_digest
from faultline.pipeline import ingest, list_inputs
from faultline.scale.pool import ProcessPool
from faultline.store import Store
from tests.scale.conftest import assert_stores_baseline_then_nothing

pytestmark = pytest.mark.slow


def test_two_workers_store_exactly_what_one_process_stores(corpus, baseline, tmp_path):
    with ProcessPool(2, batch_size=3) as pool:
        assert_stores_baseline_then_nothing(pool, corpus, baseline, tmp_path / "pool.db")


def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(corpus, baseline, tmp_path):
    killed: list[int] = []

    with ProcessPool(2, batch_size=2) as pool, Store.open(str(tmp_path / "killed.db")) as store:

        def kill_a_worker_once(_path: str, _outcome: object) -> None:
            if not killed:
                # Batches are still in flight: the window holds four of the ten.
                pid = next(iter(pool._pool._processes))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        summary = ingest(list_inputs(corpus), store, runner=pool, on_progress=kill_a_worker_once)
        assert killed and pool.restarts == 1
        assert summary.count("new") == len(corpus) and not summary.failed
        assert store_digest(store) == baseline


def test_an_article_that_kills_its_worker_every_time_fails_alone(corpus, tmp_path, monkeypatch):
    """A poisonous article (here: one whose extraction always kills the process) fails with a
    message naming it; the rest of its batch and of the input is stored."""
    monkeypatch.setenv("FAULTLINE_TEST_KILL_ON", "mutiny-savanna")  # read by the worker below
    # Spawned workers unpickle the worker by module name: let them import this test module.
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    inputs = [p for p in corpus if "ouagadougou" in p]  # three articles, one poisonous
    with (
        ProcessPool(1, batch_size=3, worker=_suicidal_extract) as pool,
        Store.open(str(tmp_path / "poison.db")) as store,
    ):
        summary = ingest(list_inputs(inputs), store, runner=pool)
    [failure] = summary.failed
    assert "mutiny-savanna" in failure.location
    assert "worker process died" in (failure.message or "")
    assert summary.count("new") == len(inputs) - 1


def _suicidal_extract(articles, threads=1):
    from faultline.scale.work import extract_batch

    marker = os.environ["FAULTLINE_TEST_KILL_ON"]
    if any(marker in a.location for a in articles):
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_batch(articles, threads)
