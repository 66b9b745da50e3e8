"""A SQLite store on a read-only file system (or, without root, a read-only file in a
read-only folder): ingest refuses with one line naming the problem, the file is not touched,
and the commands that only read (``digest``, ``events``, ``articles``) still work.

Root ignores file permissions, so under root (as in CI) the store sits on a tmpfs remounted
read-only; otherwise ``chmod`` makes file and folder read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.faults.checks import Prefilled
from tests.store.faults.harness import (
    assert_one_error_line,
    digest,
    faultline_command,
    ingest_command,
    run,
)
from tests.store.faults.mounts import remount, tmpfs

DISK_KB = 8 * 1024


@contextlib.contextmanager
def read_only_copy(prefilled: Prefilled, folder: Path) -> Iterator[Path]:
    """A copy of the prefilled store that this process cannot write."""
    if os.geteuid() == 0:
        with tmpfs(folder / "disk", DISK_KB) as disk:
            db = prefilled.copy_to(disk)
            remount(disk, "ro")
            yield db
        return
    folder.mkdir(exist_ok=True)
    db = prefilled.copy_to(folder)
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield db
    finally:
        folder.chmod(0o755)


@pytest.mark.slow
def test_read_only_store_refuses_ingest_and_still_answers_queries(
    corpus: Path, prefilled: Prefilled, tmp_path: Path
) -> None:
    with read_only_copy(prefilled, tmp_path / "ro") as db:
        before = hashlib.sha256(db.read_bytes()).hexdigest()

        line = assert_one_error_line(run(ingest_command(corpus, str(db))), "E201")
        assert "is read-only" in line and str(db) in line, line

        assert digest(str(db)) == prefilled.digest
        events = run(faultline_command("events", "--db", str(db), "--all", "--format", "jsonl"))
        assert events.returncode == 0, events.stderr
        assert len(events.stdout.splitlines()) > 0
        listed = run(faultline_command("articles", "--db", str(db), "--format", "json"))
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == prefilled.digest["articles"]

        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in db.parent.iterdir()) == ["store.db"]
