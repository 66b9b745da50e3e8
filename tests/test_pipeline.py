"""A crash mid-batch (kill -9) leaves no half-stored article, and a rerun completes the batch."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 400


def write_batch(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(ARTICLES):
            body = (
                f"Report {n}: gunmen attacked a checkpoint near village number {n} on Monday, "
                f"killing {n % 7} people, a local official said.\n\nResidents fled towards the "
                f"district town and the road stayed closed on Tuesday."
            )
            handle.write(json.dumps({"text": body, "title": f"Checkpoint attack {n}"}) + "\n")


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles")]


def assert_whole(db: Path) -> None:
    """Each stored article is complete: its id is the hash of its text, and it has a source."""
    with sqlite3.connect(db) as conn:
        for article_id, text in conn.execute("SELECT id, text FROM articles"):
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
            assert article_id == f"ar_{digest}"
            sources = conn.execute(
                "SELECT count(*) FROM article_sources WHERE article_id = ?", (article_id,)
            ).fetchone()[0]
            assert sources >= 1


def ingest_command(batch: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "faultline", "ingest", str(batch), "--db", str(db), "-q"]


def test_kill_9_mid_batch_then_rerun_stores_everything_once(tmp_path):
    batch, db = tmp_path / "batch.jsonl", tmp_path / "crash.db"
    write_batch(batch)
    proc = subprocess.Popen(
        ingest_command(batch, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists() and _count_quietly(db) >= 20:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = stored_ids(db)
    assert 0 < len(partial) < ARTICLES, "the kill should land mid-batch"
    assert_whole(db)

    rerun = subprocess.run(ingest_command(batch, db), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == ARTICLES
    assert_whole(db)


def _count_quietly(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0
