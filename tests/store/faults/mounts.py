"""Small tmpfs mounts, for a disk that really fills up and a file system that is really
read-only. Mounting needs root (CI runs as root); elsewhere the tests that need it skip.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

_CHUNK = 1 << 20


@contextlib.contextmanager
def tmpfs(mountpoint: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` mounted at ``mountpoint`` (created), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs (a disk that can fill up) needs root; CI runs as root")
    mountpoint.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(mountpoint))
    try:
        yield mountpoint
    finally:
        # Lazy: a process we started may still hold a file there if the test failed.
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def remount(mountpoint: Path, mode: str) -> None:
    """``mode``: "ro" or "rw"."""
    _mount("-o", f"remount,{mode}", str(mountpoint))


def fill(folder: Path, leave_bytes: int) -> Path:
    """Write a file into ``folder`` that leaves about ``leave_bytes`` free on its disk."""
    filler = folder / "filler.bin"
    stats = os.statvfs(folder)
    to_write = stats.f_bavail * stats.f_frsize - leave_bytes
    assert to_write > 0, "the disk is fuller than the test means it to be"
    with filler.open("wb") as handle:
        while to_write > 0:
            step = min(to_write, _CHUNK)
            handle.write(b"\0" * step)
            to_write -= step
    return filler


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # Root without the right to mount (an unprivileged container): say so, as a skip.
        pytest.skip(f"mount {' '.join(args)} failed: {result.stderr.strip()}")
