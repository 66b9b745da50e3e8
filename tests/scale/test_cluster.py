"""``faultline batch``: extraction on a Dask LocalCluster (127.0.0.1, no dashboard), stored by
this process; a worker killed mid-batch has its batch run again.

Marked slow: the cluster's worker processes each load spaCy and the embedding model.
"""

from __future__ import annotations

import os
import signal

import pytest

from faultline.errors import ConfigError
from faultline.export.digest import store_digest
from faultline.pipeline import ingest, list_inputs
from faultline.scale import cluster
from faultline.scale.cluster import DaskRunner, dask_client
from faultline.store import Store
from tests.scale.conftest import assert_stores_baseline_then_nothing

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    with dask_client(local_workers=2) as client:
        yield client


def test_cluster_stores_exactly_what_one_process_stores(client, corpus, baseline, tmp_path):
    runner = DaskRunner(client, batch_size=3)
    assert_stores_baseline_then_nothing(runner, corpus, baseline, tmp_path / "dask.db")


def test_a_worker_killed_mid_batch_loses_nothing_and_stores_nothing_twice(
    client, corpus, baseline, tmp_path
):
    killed: list[tuple[str, int]] = []

    def kill_a_busy_worker_once(_path: str, _outcome: object) -> None:
        if killed:
            return
        busy = sorted(addr for addr, keys in client.processing().items() if keys)
        if busy:  # a worker with a batch on it: kill it mid-batch
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append((busy[0], pid))

    runner = DaskRunner(client, batch_size=2)
    with Store.open(str(tmp_path / "killed.db")) as store:
        summary = ingest(
            list_inputs(corpus), store, runner=runner, on_progress=kill_a_busy_worker_once
        )
        assert killed, "no worker was busy when the first batch was stored"
        assert summary.count("new") == len(corpus) and not summary.failed
        assert store_digest(store) == baseline
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the killed worker


def test_an_unreachable_scheduler_is_a_clean_error(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    with (
        pytest.raises(
            ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
        ),
        dask_client("tcp://127.0.0.1:9"),
    ):
        pass


def test_neither_scheduler_nor_workers_is_a_clean_error():
    with pytest.raises(ConfigError, match="--local-cluster"), dask_client():
        pass
