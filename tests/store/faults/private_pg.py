"""A PostgreSQL server of the test's own, to stop, crash and restart without disturbing the
shared test server every other test uses.

``initdb`` into a fresh folder, a free port on 127.0.0.1, trust authentication for the
``postgres`` superuser. PostgreSQL refuses to run as root, so under root (as in CI) its
commands run as the ``postgres`` user through ``runuser``; otherwise as ourselves.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

START_TIMEOUT_S = 60
_BIN_GLOB = "/usr/lib/postgresql/*/bin"
_SERVER_USER = "postgres"


class PrivateServer:
    """One PostgreSQL cluster in ``root``, listening on 127.0.0.1:``port``."""

    def __init__(self, bindir: Path, root: Path, port: int) -> None:
        self._bindir = bindir
        self._root = root
        self.port = port

    @property
    def url(self) -> str:
        return f"postgresql://{_SERVER_USER}@127.0.0.1:{self.port}/faultline"

    def init(self) -> None:
        self._run("initdb", "-D", str(self._data), "-U", _SERVER_USER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", _SERVER_USER,
                  "faultline")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self._root} "
            # A test server: no need to survive a power cut, only a crash of PostgreSQL itself.
            "-c fsync=off -c max_connections=20 -c shared_buffers=32MB"
        )
        self._run("pg_ctl", "-D", str(self._data), "-o", options, "-l", str(self._log),
                  "-w", "-t", str(START_TIMEOUT_S), "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """``fast``: sessions are cut off, a clean shutdown; ``immediate``: like a crash."""
        self._run("pg_ctl", "-D", str(self._data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def log(self) -> str:
        return self._log.read_text(errors="replace") if self._log.exists() else ""

    @property
    def _data(self) -> Path:
        return self._root / "data"

    @property
    def _log(self) -> Path:
        return self._root / "server.log"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self._bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", _SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise AssertionError(f"{program} failed: {result.stderr}\n{self.log()[-2000:]}")


@contextlib.contextmanager
def private_server() -> Iterator[PrivateServer]:
    """A running private server, stopped and removed afterwards; skips where none can run."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="faultline-pg-"))
    try:
        if os.geteuid() == 0:
            # Under root the server runs as ``postgres``, which must own its folder (mkdtemp
            # made it ours and 0700).
            entry = pwd.getpwnam(_SERVER_USER)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        server = PrivateServer(bindir, root, _free_port())
        server.init()
        try:
            yield server
        finally:
            with contextlib.suppress(AssertionError):
                server.stop("immediate")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _bindir() -> Path:
    """The newest installed server's binaries with PostGIS beside them, or skip/fail."""
    for found in sorted(glob.glob(_BIN_GLOB), reverse=True):
        bindir = Path(found)
        version = bindir.parent.name
        postgis = Path(f"/usr/share/postgresql/{version}/extension/postgis.control")
        if (bindir / "initdb").exists() and postgis.exists():
            break
    else:
        _unavailable(f"no PostgreSQL server with PostGIS under {_BIN_GLOB}")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(_SERVER_USER)
        except KeyError:
            _unavailable(f"running as root and there is no {_SERVER_USER!r} user to run it")
        if shutil.which("runuser") is None:
            _unavailable("running as root and there is no runuser to drop to postgres")
    return bindir


def _unavailable(reason: str) -> None:
    """Skip, except under CI=true, where the fault tests must run (.ci/run installs it)."""
    reason = f"a private PostgreSQL server cannot be started: {reason}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
