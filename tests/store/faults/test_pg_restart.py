"""PostgreSQL going away mid-batch, on a private server (never the shared one).

To be sure a fault lands inside a write transaction, not between two, the test first takes an
exclusive lock on ``articles``: ingest's next save then waits inside its transaction, and the
server is crashed (``pg_ctl stop -m immediate``) while it waits.

1. The server stays down: ingest waits ``FAULTLINE_DB_RETRY_S`` (short here), then stops with
   one line, E204; what it stored is whole.
2. With the server back, a new ingest survives a clean restart and a crash-and-restart inside
   a transaction (writes wait for the server, then go on) and completes: exit 0, nothing
   failed, the digest equals a clean run's.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psycopg
import pytest

from tests.store.faults.checks import CleanRun, assert_consistent
from tests.store.faults.harness import (
    POLL_S,
    PROCESS_TIMEOUT_S,
    StoreWatcher,
    assert_one_error_line,
    digest,
    finish,
    ingest_command,
    start,
    summary_of,
)
from tests.store.faults.private_pg import PrivateServer, private_server

pytestmark = [pytest.mark.pg, pytest.mark.slow]

SHORT_RETRY = {"FAULTLINE_DB_RETRY_S": "3"}


def crash_inside_a_write(server: PrivateServer) -> None:
    """Hold ``articles`` until a writer waits on it inside its transaction, then crash."""
    with psycopg.connect(server.url) as holder:
        holder.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
        deadline = time.monotonic() + PROCESS_TIMEOUT_S
        # pg_locks is live (pg_stat_activity would be a snapshot taken once per transaction).
        while not holder.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]:
            assert time.monotonic() < deadline, "no writer came to wait on the lock"
            time.sleep(POLL_S)
        try:
            server.stop("immediate")
        finally:
            holder.close()  # its server is gone; leaving the block must not try to commit


def test_server_down_stops_ingest_cleanly_and_a_restart_is_survived(
    corpus: Path, clean: CleanRun
) -> None:
    with private_server() as server:
        watcher = StoreWatcher(server.url)
        try:
            stored = stays_down(server, watcher, corpus, clean)
            server.start()
            comes_back(server, watcher, corpus, clean, stored)
        finally:
            watcher.close()


def stays_down(server: PrivateServer, watcher: StoreWatcher, corpus: Path, clean: CleanRun) -> int:
    proc = start(ingest_command(corpus, server.url), env=SHORT_RETRY)
    watcher.wait_for(8, proc)
    crash_inside_a_write(server)
    result = finish(proc)
    line = assert_one_error_line(result, "E204")
    assert "Ingest stopped" in line and "127.0.0.1" in line, line
    server.start()
    stored = watcher.count()
    assert 8 <= stored < clean.articles
    assert_consistent(server.url, clean.snapshot)
    server.stop()
    return stored


def comes_back(
    server: PrivateServer, watcher: StoreWatcher, corpus: Path, clean: CleanRun, stored: int
) -> None:
    proc = start(ingest_command(corpus, server.url))
    watcher.wait_for(stored + 4, proc)
    server.restart("fast")
    watcher.wait_for(stored + 12, proc)
    crash_inside_a_write(server)
    time.sleep(2)  # down for a while: the waiting save must retry more than once
    server.start()
    result = finish(proc)
    assert_survived(result)
    assert_consistent(server.url, clean.snapshot, complete=True)
    assert digest(server.url) == clean.digest


def assert_survived(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
    summary = summary_of(result)
    assert summary.failed == 0
