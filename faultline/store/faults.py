"""Which database errors mean "the store is gone", and waiting out the ones that pass.

Most errors belong to one article (a constraint it breaks, a value a column refuses): the batch
records it and goes on. Others belong to the database itself — the disk is full, the file or
file system is read-only, an I/O error, the server went away — and every following article
would fail the same way, so a batch must stop at the first (``StoreUnavailableError``). Of
those, a lost or refused PostgreSQL connection usually passes (a restart, a failover), so
writes wait for the server to come back, for up to ``FAULTLINE_DB_RETRY_S`` seconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from faultline.errors import ConfigError

RETRY_ENV_VAR = "FAULTLINE_DB_RETRY_S"
DEFAULT_RETRY_S = 30.0
_FIRST_PAUSE_S = 0.25
_LONGEST_PAUSE_S = 2.0

# SQLite primary result codes (the low byte of the extended code) that no article causes.
_SQLITE_STORE_CODES = {
    8: "read-only",  # SQLITE_READONLY
    10: "I/O error",  # SQLITE_IOERR (a write the file system refused, a short write, ...)
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL: database or disk is full
    14: "cannot open",  # SQLITE_CANTOPEN
    26: "not a database",  # SQLITE_NOTADB
}
# PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources such as a full disk
# (53), the server shutting down or starting (57P), a read-only transaction (a standby).
_PG_STORE_CLASSES = ("08", "53", "57P")
_PG_READ_ONLY = "25006"
_PG_TRANSIENT_CLASSES = ("08", "57P")

T = TypeVar("T")


def is_unavailable(exc: SQLAlchemyError) -> bool:
    """Whether ``exc`` says the database takes no more work, whatever the article."""
    if _disconnected(exc):
        return True
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _SQLITE_STORE_CODES
    state = getattr(orig, "sqlstate", None)
    return isinstance(state, str) and (
        state.startswith(_PG_STORE_CLASSES) or state == _PG_READ_ONLY
    )


def is_transient(exc: SQLAlchemyError) -> bool:
    """Whether ``exc`` is a lost or refused server connection, which a restart ends."""
    if _disconnected(exc):
        return True
    state = getattr(exc.orig if isinstance(exc, DBAPIError) else None, "sqlstate", None)
    return isinstance(state, str) and state.startswith(_PG_TRANSIENT_CLASSES)


def _disconnected(exc: SQLAlchemyError) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    # A refused or failed connection attempt: psycopg gives it no SQLSTATE (the server never
    # answered). SQLite errors carry no ``sqlstate`` attribute at all.
    orig = exc.orig if isinstance(exc, OperationalError) else None
    return orig is not None and hasattr(orig, "sqlstate") and orig.sqlstate is None


def retry_window_s() -> float:
    """How long writes wait for a lost PostgreSQL server (``$FAULTLINE_DB_RETRY_S``)."""
    raw = os.environ.get(RETRY_ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_RETRY_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise ConfigError(f"{RETRY_ENV_VAR}={raw!r} is not a number of seconds (0 or more)")
    return value


def retrying(work: Callable[[], T], window_s: float | None = None) -> T:
    """``work()``, run again while it fails on a lost connection, for up to ``window_s``.

    ``work`` must be one whole transaction that is safe to repeat: when the connection drops
    during COMMIT we cannot know whether the server applied it, and a second run has to find
    its rows there and add nothing (the store's writes check what is stored first).
    """
    pauses = _pauses(retry_window_s() if window_s is None else window_s)
    while True:
        try:
            return work()
        except SQLAlchemyError as exc:
            pause = next(pauses, None) if is_transient(exc) else None
            if pause is None:
                raise
            time.sleep(pause)


def _pauses(window_s: float) -> Iterator[float]:
    """Growing pauses whose sum stays within ``window_s``."""
    waited, pause = 0.0, _FIRST_PAUSE_S
    while waited < window_s:
        step = min(pause, window_s - waited)
        yield step
        waited += step
        pause = min(pause * 2, _LONGEST_PAUSE_S)
