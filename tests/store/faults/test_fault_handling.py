"""The fixes behind the fault tests, each on its own and fast.

* A database-wide failure (disk full, read-only, I/O error, server gone) is a
  ``StoreUnavailableError`` (E204) that stops a batch at the first article it hits, instead of
  being recorded against every article that follows; ingest's CLI says so in one line.
* Writes wait for a lost PostgreSQL connection to come back, within ``FAULTLINE_DB_RETRY_S``.
* The commands that only read open a SQLite store they cannot write, read-only.
* The driver's own log lines about a lost connection stay off the CLI's stderr.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from typer.testing import CliRunner

from faultline import pipeline
from faultline.cli.main import app
from faultline.errors import ConfigError, StorageError, StoreUnavailableError
from faultline.models import Article
from faultline.store import Store, faults
from faultline.store import engine as store_engine
from tests.store.conftest import build_article

# --- Which errors are the database's, not the article's ---------------------------------------


class _PgError(Exception):
    """Stands in for a psycopg error: what matters is its SQLSTATE (None: no server reply)."""

    def __init__(self, sqlstate: str | None) -> None:
        super().__init__(f"server said {sqlstate}")
        self.sqlstate = sqlstate


def _pg(sqlstate: str | None, *, invalidated: bool = False) -> OperationalError:
    return OperationalError(
        "INSERT ...", {}, _PgError(sqlstate), connection_invalidated=invalidated
    )


def _sqlite(code: int, message: str = "failed") -> OperationalError:
    orig = sqlite3.OperationalError(message)
    orig.sqlite_errorcode = code
    return OperationalError("INSERT ...", {}, orig)


@pytest.mark.parametrize(
    ("error", "unavailable", "transient"),
    [
        (_sqlite(13, "database or disk is full"), True, False),
        (_sqlite(8, "attempt to write a readonly database"), True, False),
        (_sqlite(778, "disk I/O error"), True, False),  # SQLITE_IOERR_WRITE
        (_sqlite(5, "database is locked"), False, False),
        (_sqlite(1, "no such table: articles"), False, False),
        (_pg(None), True, True),  # connection refused: the server never answered
        (_pg("57P01", invalidated=True), True, True),  # admin shutdown
        (_pg("08006"), True, True),  # connection failure
        (_pg("53100"), True, False),  # disk full
        (_pg("25006"), True, False),  # read-only transaction (a standby)
        (_pg("57014"), False, False),  # statement timeout: this query's problem
        (_pg("23505"), False, False),  # unique violation
    ],
)
def test_store_wide_errors_are_told_apart_from_an_article_s(
    error: SQLAlchemyError, unavailable: bool, transient: bool
) -> None:
    assert faults.is_unavailable(error) is unavailable
    assert faults.is_transient(error) is transient


def test_an_integrity_error_is_the_article_s() -> None:
    error = IntegrityError("INSERT ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))
    assert not faults.is_unavailable(error)


# --- Waiting for a lost server ----------------------------------------------------------------


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(faults.time, "sleep", slept.append)
    return slept


def _failing(errors: list[SQLAlchemyError]) -> Any:
    def work() -> str:
        if errors:
            raise errors.pop(0)
        return "done"

    return work


def test_a_lost_connection_is_retried_until_it_comes_back(no_sleep: list[float]) -> None:
    assert faults.retrying(_failing([_pg(None), _pg("57P01"), _pg(None)]), 30) == "done"
    assert no_sleep == [0.25, 0.5, 1.0]


def test_retries_stop_at_the_window(no_sleep: list[float]) -> None:
    with pytest.raises(OperationalError):
        faults.retrying(_failing([_pg(None)] * 50), 3)
    assert sum(no_sleep) == pytest.approx(3)


def test_other_errors_are_not_retried(no_sleep: list[float]) -> None:
    with pytest.raises(OperationalError):
        faults.retrying(_failing([_sqlite(13), _pg(None)]), 30)
    assert no_sleep == []


def test_retry_window_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(faults.RETRY_ENV_VAR, "2.5")
    assert faults.retry_window_s() == 2.5
    monkeypatch.delenv(faults.RETRY_ENV_VAR)
    assert faults.retry_window_s() == faults.DEFAULT_RETRY_S
    for bad in ("soon", "-1", "nan"):
        monkeypatch.setenv(faults.RETRY_ENV_VAR, bad)
        with pytest.raises(ConfigError, match=faults.RETRY_ENV_VAR):
            faults.retry_window_s()


# --- A full database stops the batch ----------------------------------------------------------


def _article(number: int) -> Article:
    text_ = f"Report {number}: soldiers closed the border post at dawn. " * 40
    return build_article(text_, path=f"reports/{number}.txt")


def _cap_pages(store: Store, extra_pages: int) -> None:
    """Let the database grow by ``extra_pages`` pages only: SQLite then fails a write with
    SQLITE_FULL, the code a full disk gives (not a full disk, but the same error for us)."""
    with store.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar_one()

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    store.engine.dispose()
    event.listen(store.engine, "connect", cap)


def test_a_full_database_is_a_store_unavailable_error(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "store.db")) as store:
        store.save_article(_article(0))
        _cap_pages(store, 4)
        with pytest.raises(StoreUnavailableError, match="database or disk is full") as caught:
            for number in range(1, 50):
                store.save_article(_article(number))
        assert caught.value.code == "E204"
        assert isinstance(caught.value, StorageError)
        assert store.get_article(_article(0).id).text == _article(0).text


def test_ingest_stops_at_the_first_article_a_full_database_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(40):
        (inputs / f"{number:02d}.txt").write_text(_article(number).text, encoding="utf-8")
    with Store.open(str(tmp_path / "store.db")) as store:
        _cap_pages(store, 12)
        attempts: list[str] = []
        save = store.save_article

        def counted(article: Article, found: Any = None) -> Any:
            attempts.append(article.id)
            return save(article, found)

        monkeypatch.setattr(store, "save_article", counted)
        with pytest.raises(StoreUnavailableError):
            pipeline.ingest(pipeline.list_inputs([str(inputs)]), store, extract=False)
        stored = store.count_articles()
        assert 0 < stored < 40
        assert len(attempts) == stored + 1  # none after the one that failed
        assert store.failures() == []  # nothing recorded against the articles


def test_a_link_pass_the_store_refuses_stops_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise StoreUnavailableError("linking failed: database or disk is full")

    with Store.open(str(tmp_path / "store.db")) as store:
        monkeypatch.setattr(store, "link", refuse)
        with pytest.raises(StoreUnavailableError):
            pipeline._link(store)
        assert store.failures() == []


def test_ingest_cli_says_it_stopped_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(_article(1).text, encoding="utf-8")

    def refuse(_self: Store, article: Article, _found: object = None) -> None:
        raise StoreUnavailableError(f"saving article {article.id} failed: database is full")

    monkeypatch.setattr(Store, "save_article", refuse)
    result = CliRunner().invoke(
        app, ["ingest", str(source), "--db", str(tmp_path / "s.db"), "--no-extract", "-q"]
    )
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: [E204] saving article ar_")
    assert "Ingest stopped" in line and "running the same ingest again" in line


# --- Reading a store that cannot be written ---------------------------------------------------


@pytest.fixture
def read_only_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store this process may not write (file and folder), as a read-only mount makes it.
    Root may write anything, so the permission check is simulated; SQLite is still opened
    read-only for real (``mode=ro``)."""
    db = tmp_path / "ro.db"
    with Store.open(str(db)) as store:
        store.save_article(_article(7))
    monkeypatch.setattr(store_engine, "is_writable", lambda _path: False)
    return db


def test_read_only_store_opens_for_reading(read_only_db: Path) -> None:
    with pytest.raises(StorageError, match="is read-only"):
        Store.open(str(read_only_db))
    with Store.open(str(read_only_db), read_only=True) as store:
        assert store.count_articles() == 1
        with pytest.raises(StoreUnavailableError, match="readonly database"):
            store.save_article(_article(8))
    assert sorted(p.name for p in read_only_db.parent.iterdir()) == ["ro.db"]


def test_read_only_store_with_an_old_schema_says_so(read_only_db: Path) -> None:
    with sqlite3.connect(read_only_db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    with pytest.raises(StorageError, match="is read-only and has schema 0001, not schema"):
        Store.open(str(read_only_db), read_only=True)


# --- The terminal shows our line, not the driver's ---------------------------------------------


@pytest.mark.parametrize(("prelude", "printed"), [("", True), ("import faultline.cli.main", False)])
def test_the_driver_s_log_lines_stay_off_the_terminal(prelude: str, printed: bool) -> None:
    """psycopg logs a warning when it drops a pipeline on a lost connection, which a run that
    waited out a server restart printed on stderr; the CLI keeps it off (in a child process:
    pytest's own log capture would hide the difference)."""
    script = (
        f"{prelude}\nimport logging\n"
        "logging.getLogger('psycopg').warning('error ignored terminating pipeline')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert ("error ignored" in result.stderr) is printed
