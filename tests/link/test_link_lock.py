"""One linker at a time across processes: ``lock_for_linking`` holds the database's write lock
(SQLite) or an advisory lock (PostgreSQL) from before the queue is read until the transaction
ends, so a second linker waits and then finds the queue the first left."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from faultline.link.loading import LINK_LOCK_KEY, lock_for_linking
from faultline.store import Store, resolve_url


def test_sqlite_a_second_writer_waits_for_the_linker(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    with Store.open(f"sqlite:///{path}") as store, Session(store.engine) as linker:
        lock_for_linking(linker)
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("DELETE FROM link_queue WHERE 0")
        linker.commit()
        other.execute("DELETE FROM link_queue WHERE 0")  # free once the linker ends
        other.rollback()
        other.close()


@pytest.mark.pg
def test_postgresql_a_second_linker_waits_for_the_first() -> None:
    url = os.environ.get("FAULTLINE_TEST_PG_URL")
    if not url:
        pytest.skip("FAULTLINE_TEST_PG_URL is not set")
    engine = create_engine(resolve_url(url))
    try:
        with Session(engine) as first, Session(engine) as second:
            lock_for_linking(first)
            taken = select(func.pg_try_advisory_xact_lock(LINK_LOCK_KEY))
            assert second.scalar(taken) is False
            second.rollback()
            first.commit()
            assert second.scalar(taken) is True
            second.rollback()
    finally:
        engine.dispose()
