"""URL resolution, SQLite connection settings, and clear errors for unusable databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.errors import StorageError
from faultline.store import Store, create_engine_for, mask_url, resolve_url
from faultline.store import engine as store_engine
from faultline.store.tables import IngestFailureTable


@pytest.fixture(autouse=True)
def _no_env_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FAULTLINE_DB", raising=False)


def test_default_is_faultline_db_in_current_directory() -> None:
    assert resolve_url(None) == "sqlite:///faultline.db"


def test_env_var_used_when_no_url_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAULTLINE_DB", "sqlite:////data/events.db")
    assert resolve_url(None) == "sqlite:////data/events.db"


def test_explicit_url_beats_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAULTLINE_DB", "sqlite:////data/events.db")
    assert resolve_url("other.db") == "sqlite:///other.db"


def test_blank_env_var_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAULTLINE_DB", "  ")
    assert resolve_url(None) == "sqlite:///faultline.db"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("my.db", "sqlite:///my.db"),
        ("/tmp/x.db", "sqlite:////tmp/x.db"),
        ("sqlite:///rel.db", "sqlite:///rel.db"),
        ("postgresql://u:p@db:5432/events", "postgresql+psycopg://u:p@db:5432/events"),
        ("postgres://u:p@db/events", "postgresql+psycopg://u:p@db/events"),
        ("postgresql+psycopg://u@db/events", "postgresql+psycopg://u@db/events"),
        (
            "postgresql://u@db/events?sslmode=require",
            "postgresql+psycopg://u@db/events?sslmode=require",
        ),
    ],
)
def test_resolve_url(given: str, expected: str) -> None:
    assert resolve_url(given) == expected


def test_home_directory_in_bare_path_is_expanded() -> None:
    assert resolve_url("~/events.db") == f"sqlite:///{Path.home() / 'events.db'}"


def test_unsupported_backend_is_refused_with_masked_password() -> None:
    with pytest.raises(StorageError, match="unsupported database URL") as caught:
        resolve_url("mysql://root:hunter2@db/events")
    assert "hunter2" not in str(caught.value)
    assert caught.value.code == "E201"


def test_malformed_sqlite_url_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match=r"invalid database URL sqlite://x\.db"):
        Store.open("sqlite://x.db")


def test_mask_url_hides_password() -> None:
    assert mask_url("postgresql+psycopg://u:s3cret@h/db") == "postgresql+psycopg://u:***@h/db"


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    eng = create_engine_for(str(tmp_path / "p.db"))
    try:
        with eng.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
    finally:
        eng.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": store_engine.SQLITE_BUSY_TIMEOUT_MS,
        "synchronous": 1,  # NORMAL
    }


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    with pytest.raises(StorageError, match=r"directory '.*nowhere' does not exist"):
        Store.open(str(missing))
    assert not missing.parent.exists()


def test_parent_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StorageError, match=r"notes\.txt' is not a directory"):
        Store.open(str(tmp_path / "notes.txt" / "x.db"))


def test_directory_given_as_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a directory, not a database file"):
        Store.open(str(tmp_path))


def test_non_database_file_is_a_clear_error_and_left_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("These are my notes, not a database.\n" * 20)
    before = notes.read_bytes()
    with pytest.raises(StorageError, match="exists but is not a SQLite database") as caught:
        Store.open(str(notes))
    assert str(notes) in str(caught.value)
    assert notes.read_bytes() == before


def test_read_only_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ro.db"
    Store.open(str(db)).close()
    # Root may write anything, so simulate the permission check rather than chmod.
    monkeypatch.setattr(store_engine, "is_writable", lambda path: Path(path) != db)
    with pytest.raises(StorageError, match=r"ro\.db' is read-only"):
        Store.open(str(db))


def test_unwritable_directory_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_engine, "is_writable", lambda path: Path(path) != tmp_path)
    with pytest.raises(StorageError, match="is not writable"):
        Store.open(str(tmp_path / "x.db"))


def test_corrupt_sqlite_file_is_a_storage_error(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(StorageError, match=r"broken\.db"):
        Store.open(str(db))


def test_unreachable_postgres_is_a_clear_error_without_password() -> None:
    url = "postgresql://faultline:s3cret@127.0.0.1:1/events?connect_timeout=2"
    with pytest.raises(StorageError, match="cannot connect to postgresql") as caught:
        Store.open(url)
    message = str(caught.value)
    assert "s3cret" not in message
    assert "faultline:***@127.0.0.1:1/events" in message


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "c.db"))
    store.close()
    with pytest.raises(StorageError, match="is closed"):
        store.count_articles()


def test_error_messages_name_the_problem_not_sqlalchemy(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "e.db"))
    try:
        IngestFailureTable.__table__.drop(store.engine)
        with pytest.raises(StorageError, match="no such table: ingest_failures") as caught:
            store.failures()
    finally:
        store.close()
    assert "sqlalche.me" not in str(caught.value)
