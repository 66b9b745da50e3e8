"""Where the store lives and how connections to it are set up.

SQLite is the default (one file, no server); PostgreSQL is for shared deployments. Every
problem reaching the database becomes a :class:`~faultline.errors.StorageError` that names the
URL (password masked) and says what is wrong, so the CLI can print it as is.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from faultline.errors import NotFoundError, StorageError, StoreUnavailableError
from faultline.store.faults import is_unavailable
from faultline.store.search import (
    SQLITE_DISTANCE_FUNCTION,
    SQLITE_FOLD_FUNCTION,
    casefold,
    great_circle_km,
)

ENV_VAR = "FAULTLINE_DB"
DEFAULT_URL = "sqlite:///faultline.db"

SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 10

_SQLITE_HEADER = b"SQLite format 3\x00"
_PG_BACKENDS = {"postgresql", "postgres"}


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: ``url``, else ``$FAULTLINE_DB``, else ``faultline.db`` here.

    A value without ``://`` is a path to a SQLite file. ``postgresql://`` (and the
    ``postgres://`` alias, or another driver) are pinned to psycopg 3, the only one we ship.
    """
    chosen = (url or "").strip() or os.environ.get(ENV_VAR, "").strip() or DEFAULT_URL
    if "://" not in chosen:
        return _sqlite_url_for_path(chosen)
    parsed = _parse(chosen)
    backend = parsed.drivername.split("+", 1)[0]
    if backend in _PG_BACKENDS:
        return _render(parsed.set(drivername="postgresql+psycopg"))
    if parsed.drivername in {"sqlite", "sqlite+pysqlite"}:
        return chosen
    raise StorageError(
        f"unsupported database URL {mask_url(chosen)}: "
        "use sqlite:///PATH, a plain file path, or postgresql://USER:PASSWORD@HOST/DB"
    )


def mask_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, safe for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        # Unparseable, so we cannot tell where a password would be: show only the scheme.
        return url.split("://", 1)[0] + "://…" if "://" in url else url


def create_engine_for(url: str | None = None) -> Engine:
    """An engine for ``url`` (resolved as in :func:`resolve_url`), checked by connecting once."""
    resolved = resolve_url(url)
    parsed = _parse(resolved)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed, resolved)
        else:
            engine = _postgres_engine(parsed)
    except ArgumentError as exc:
        raise StorageError(f"invalid database URL {mask_url(resolved)}: {describe(exc)}") from exc
    try:
        _probe(engine, resolved)
    except StorageError:
        engine.dispose()
        raise
    return engine


def require_sqlite_file(url: str) -> None:
    """A command that only reads must not create the SQLite file it was pointed at: an empty
    answer from a mistyped ``--db`` path would look like a store with nothing in it."""
    parsed = _parse(resolve_url(url))
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in {"", ":memory:"}:
        return
    if parsed.query.get("uri") or Path(database).expanduser().exists():
        return
    raise NotFoundError(
        f"no database at {database}: give the --db of a store `faultline ingest` wrote "
        f"(or set {ENV_VAR})"
    )


def read_only_engine(url: str) -> Engine | None:
    """A read-only engine for ``url`` when it is a SQLite store this process cannot write (a
    read-only file, directory or mount), else None: commands that only read still work there.

    Nothing is migrated through it; the caller checks the schema is current.
    """
    parsed = _parse(resolve_url(url))
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or database in {"", ":memory:"}:
        return None
    path = Path(database).expanduser()
    if parsed.query.get("uri") or not _is_unwritable_store(path):
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not is_writable(path.parent) and not Path(f"{path}-wal").exists():
        # SQLite opens a WAL database read-only only where it can create the -shm file, or
        # when told the file cannot change. Here nobody can create the -wal file that a change
        # would go through, and none is left over: the file is all there is.
        uri += "&immutable=1"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=QueuePool,
    )
    event.listen(engine, "connect", _set_sqlite_read_pragmas)
    try:
        _probe(engine, url)
    except StorageError:
        engine.dispose()
        raise
    return engine


def _is_unwritable_store(path: Path) -> bool:
    if not path.is_file() or not _has_sqlite_header(path) or path.stat().st_size == 0:
        return False
    return not (is_writable(path) and is_writable(path.parent))


@contextmanager
def storage_errors(doing: str, url: str) -> Iterator[None]:
    """Turn database-driver errors raised inside the block into a :class:`StorageError`, or a
    :class:`StoreUnavailableError` when the database itself is what failed (disk full, ...)."""
    try:
        yield
    except SQLAlchemyError as exc:
        kind = StoreUnavailableError if is_unavailable(exc) else StorageError
        raise kind(f"{doing} failed for {mask_url(url)}: {describe(exc)}") from exc


def describe(exc: BaseException) -> str:
    """The driver's own one-line message, without SQLAlchemy's statement dump and links."""
    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(inner).splitlines() if line.strip()]
    return lines[0] if lines else type(inner).__name__


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"invalid database URL {mask_url(url)}: {exc}") from exc


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _sqlite_url_for_path(path: str) -> str:
    return _render(URL.create("sqlite", database=str(Path(path).expanduser())))


def _sqlite_engine(parsed: URL, url: str) -> Engine:
    database = parsed.database or ""
    if database and database != ":memory:" and not parsed.query.get("uri"):
        _check_sqlite_file(Path(database).expanduser(), url)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run while one ingest writes; busy_timeout makes concurrent writers wait
    # instead of failing at once; foreign keys are off in SQLite unless asked for; NORMAL
    # sync is durable under WAL except for the last commits on power loss, fine for a cache
    # of articles that can be re-ingested.
    _add_sqlite_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _set_sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # No journal mode or sync setting: a read-only connection may not change them.
    _add_sqlite_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _add_sqlite_functions(dbapi_connection: Any) -> None:
    # The exact distance behind ``--near`` and Unicode case folding (PostgreSQL has PostGIS
    # and a Unicode-aware lower() for them).
    dbapi_connection.create_function(
        SQLITE_DISTANCE_FUNCTION, 4, great_circle_km, deterministic=True
    )
    dbapi_connection.create_function(SQLITE_FOLD_FUNCTION, 1, casefold, deterministic=True)


def _check_sqlite_file(path: Path, url: str) -> None:
    """Fail early, in words a user understands, on paths SQLite would reject cryptically."""
    problem = _sqlite_path_problem(path)
    if problem:
        raise StorageError(f"cannot open {mask_url(url)}: {problem}")


def _sqlite_path_problem(path: Path) -> str | None:
    parent = path.parent
    if not parent.exists():
        return f"directory '{parent}' does not exist"
    if not parent.is_dir():
        return f"'{parent}' is not a directory"
    if path.is_dir():
        return f"'{path}' is a directory, not a database file"
    if path.exists():
        if not is_writable(path):
            return f"database file '{path}' is read-only"
        if not _has_sqlite_header(path):
            return f"'{path}' exists but is not a SQLite database"
    # SQLite writes its -wal and -shm files next to the database, even for an existing file.
    if not is_writable(parent):
        return f"directory '{parent}' is not writable"
    return None


def is_writable(path: Path) -> bool:
    """Whether we may write ``path`` (a seam for tests: root may write anything)."""
    return os.access(path, os.W_OK)


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return False
    # An empty file is a valid, empty SQLite database.
    return head == b"" or head == _SQLITE_HEADER


def _postgres_engine(parsed: URL) -> Engine:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        # An unreachable host should fail in seconds, not hang the CLI for minutes.
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    # pre_ping: a long ingest outlives server restarts and idle-connection reapers.
    engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "connect", _set_postgres_settings)
    return engine


def _set_postgres_settings(dbapi_connection: Any, _record: Any) -> None:
    # JIT compiles a query the planner thinks costly; our page queries over a million events
    # look costly but run in milliseconds, and compiling them cost ~30 ms each (measured).
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("SET jit = off")
    finally:
        cursor.close()
    dbapi_connection.commit()


def _probe(engine: Engine, url: str) -> None:
    dbapi_error = engine.dialect.loaded_dbapi.Error
    try:
        with engine.connect() as connection:
            connection.execute(select(1))
    except (SQLAlchemyError, dbapi_error) as exc:
        raise StorageError(f"cannot connect to {mask_url(url)}: {describe(exc)}") from exc
