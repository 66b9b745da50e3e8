"""The API under load (``benchmarks/api_load.py``): 50 clients query ``/api/events`` while an
ingest and posted articles write into the same SQLite store. Every request must succeed and
the ingest must complete; speed targets live in the benchmark, not here.

``FAULTLINE_LOAD_SECONDS`` bounds the load (default 20 s); set-up and the ingest's tail add
about a minute on a 2-core machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "api_load.py"
SECONDS = float(os.environ.get("FAULTLINE_LOAD_SECONDS", "20"))
# Set-up (store, server start-up with its imports) and waiting for the ingest to finish.
ALLOWANCE_S = 900

pytestmark = [pytest.mark.slow, pytest.mark.timeout(SECONDS + ALLOWANCE_S + 60)]


def test_fifty_clients_and_two_writers_see_no_error(tmp_path: Path) -> None:
    figures_file = tmp_path / "load.json"
    command = [
        sys.executable, str(BENCHMARK), "--clients", "50", "--seconds", f"{SECONDS:g}",
        "--events", "3000", "--articles", "20", "--json", str(figures_file),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + ALLOWANCE_S)
    assert figures_file.is_file(), run.stdout[-3000:] + run.stderr[-3000:]
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    print(run.stdout)  # the table, for the CI log
    assert figures["requests"] > 0 and figures["writes"] > 0
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["write_errors"] == 0, figures["error_samples"]
    assert figures["ingest_completed"], figures["ingest_summary"]
    assert figures["server_errors"] == []
    assert run.returncode == 0, run.stderr[-3000:]
