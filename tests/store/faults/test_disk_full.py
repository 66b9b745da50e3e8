"""The disk under a SQLite store fills up mid-ingest.

A store already holding articles sits on a small tmpfs, nearly filled by another file; an
ingest of the corpus then runs out of room. It must stop at once with one line naming the
problem (E204, "database or disk is full") and a non-zero exit, leave every article stored
before whole and readable (``digest`` works on the full disk), and once room is made a rerun
must complete with the digest of a clean run.

Without root no tmpfs can be mounted, so a second test, which runs anywhere, makes the
operating system refuse the writes another way: a file-size limit (``RLIMIT_FSIZE``) on the
ingest process. The write fails inside SQLite as on a full disk (an I/O error rather than
SQLITE_FULL); it is not a full disk, but it tests the same handling.
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from tests.store.faults.checks import (
    CleanRun,
    Prefilled,
    Snapshot,
    assert_consistent,
    finish_and_compare,
)
from tests.store.faults.harness import (
    assert_one_error_line,
    digest,
    finish,
    ingest_command,
    run,
    start,
)
from tests.store.faults.mounts import fill, tmpfs

pytestmark = pytest.mark.slow

DISK_KB = 32 * 1024
# Room for the write-ahead log of an article or two: the disk fills early in the batch.
ROOM_LEFT = 160 * 1024
SIZE_ALLOWANCE = 256 * 1024


def assert_intact(url: str, clean: CleanRun, before: Prefilled) -> Snapshot:
    """Everything stored before the fault is still there and whole, and readable through the
    read-only commands."""
    found = assert_consistent(url, clean.snapshot)
    assert set(before.snapshot.articles) <= set(found.articles)
    shown = digest(url)
    assert shown["articles"] == len(found.articles)
    return found


def test_full_disk_stops_ingest_keeps_the_store_and_a_rerun_completes(
    corpus: Path, clean: CleanRun, prefilled: Prefilled, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "disk", DISK_KB) as disk:
        url = str(prefilled.copy_to(disk))
        filler = fill(disk, ROOM_LEFT)

        result = run(ingest_command(corpus, url))
        line = assert_one_error_line(result, "E204")
        assert "database or disk is full" in line and "Ingest stopped" in line, line
        found = assert_intact(url, clean, prefilled)
        assert len(found.articles) < clean.articles

        filler.unlink()
        finish_and_compare(corpus, url, clean, stored_before=len(found.articles))


def test_refused_writes_stop_ingest_keep_the_store_and_a_rerun_completes(
    corpus: Path, clean: CleanRun, prefilled: Prefilled, tmp_path: Path
) -> None:
    db = prefilled.copy_to(tmp_path)
    limit = db.stat().st_size + SIZE_ALLOWANCE

    def limit_file_size() -> None:
        # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of
        # killing the process.
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = finish(start(ingest_command(corpus, str(db)), preexec_fn=limit_file_size))
    line = assert_one_error_line(result, "E204")
    assert "disk I/O error" in line and "Ingest stopped" in line, line
    found = assert_intact(str(db), clean, prefilled)
    assert len(found.articles) < clean.articles

    finish_and_compare(corpus, str(db), clean, stored_before=len(found.articles))
