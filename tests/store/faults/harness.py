"""Run ``faultline`` as a real process against a store, watch the store from outside, and
read back what it printed: the tools every fault test uses.

A fault is only meaningful against the real thing: a separate process that can be killed,
that owns its own connections, and that prints to a real stderr.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from faultline.store import resolve_url

# Long enough for a loaded CI machine to load the models and get through a chunk or two.
PROCESS_TIMEOUT_S = 240
POLL_S = 0.05
_SUMMARY = re.compile(
    r"read (\d+) · new (\d+) · (?:updated (\d+) · )?unchanged (\d+) · failed (\d+)"
)


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts of ingest's summary line."""

    read: int
    new: int
    updated: int
    unchanged: int
    failed: int


def faultline_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "faultline", *args]


def ingest_command(inputs: Path, url: str) -> list[str]:
    return faultline_command("ingest", str(inputs), "--db", url, "-q")


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child ``faultline``: ours, no FAULTLINE_DB (every call names
    its store), a wide terminal so no line Rich prints is wrapped, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "FAULTLINE_DB"}
    env["COLUMNS"] = "400"
    env.update(extra or {})
    return env


def start(
    command: list[str],
    env: Mapping[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(env),
        preexec_fn=preexec_fn,
    )


def run(
    command: list[str], env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=child_env(env),
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )


def finish(proc: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """Wait for ``proc`` and collect what it printed."""
    stdout, stderr = proc.communicate(timeout=PROCESS_TIMEOUT_S)
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def kill_9(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=PROCESS_TIMEOUT_S)


def summary_of(result: subprocess.CompletedProcess[str]) -> Summary:
    found = _SUMMARY.search(result.stdout)
    assert found, f"no summary line in:\n{result.stdout}\n{result.stderr}"
    read, new, updated, unchanged, failed = (int(g or 0) for g in found.groups())
    return Summary(read, new, updated, unchanged, failed)


def digest(url: str) -> dict[str, object]:
    """``faultline digest`` of the store, as the command prints it."""
    result = run(faultline_command("digest", "--db", url, "--format", "json"))
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    return record


def assert_one_error_line(result: subprocess.CompletedProcess[str], code: str) -> str:
    """The command failed with exactly one line on stderr, carrying ``code``; no traceback."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: [{code}] "), lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


class StoreWatcher:
    """Counts a store's articles from outside the process writing it, never writing itself.

    SQLite is read through a ``mode=ro`` connection, PostgreSQL through a connection of its
    own; a store not created yet (no file, no tables) counts as empty.
    """

    def __init__(self, url: str) -> None:
        self._engine = watch_engine(url)

    def count(self) -> int:
        try:
            with self._engine.connect() as connection:
                return connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
        except Exception:  # not created yet, or mid-migration: nothing stored
            return 0

    def wait_for(self, at_least: int, proc: subprocess.Popen[str]) -> int:
        """Block until the store holds ``at_least`` articles; the writer must still run."""
        deadline = time.monotonic() + PROCESS_TIMEOUT_S
        while time.monotonic() < deadline:
            stored = self.count()
            if stored >= at_least:
                return stored
            if proc.poll() is not None:
                raise AssertionError(
                    f"ingest ended before storing {at_least} articles: {finish(proc).stderr}"
                )
            time.sleep(POLL_S)
        raise AssertionError(f"fewer than {at_least} articles stored in {PROCESS_TIMEOUT_S} s")

    def close(self) -> None:
        self._engine.dispose()


def watch_engine(url: str) -> Engine:
    """A read-only engine on SQLite (``mode=ro``), a plain one on PostgreSQL."""
    resolved = resolve_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(resolved, pool_pre_ping=True)  # the server may have restarted
    uri = f"{Path(parsed.database or '').resolve().as_uri()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, timeout=0.2))
