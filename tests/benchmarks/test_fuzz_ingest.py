"""The ingest fuzz target (``benchmarks/fuzz_ingest.py``): how it sorts outcomes, and a run of
it for a bounded budget that must find no crash.

The long run is marked slow; its budget is ``$FAULTLINE_FUZZ_SECONDS`` (default 60) after the
models load, its seed ``$FAULTLINE_FUZZ_SEED`` (default 0). A crash leaves the input and its
traceback in ``$FAULTLINE_ARTIFACTS/fuzz-crashes`` (``test-artifacts/`` by default).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import fuzz_ingest  # noqa: E402
from hostile_inputs import HostileInputs, Sample  # noqa: E402

from faultline.models import Article, RawDocument  # noqa: E402

FUZZ_SECONDS = float(os.environ.get("FAULTLINE_FUZZ_SECONDS", "60"))
FUZZ_SEED = int(os.environ.get("FAULTLINE_FUZZ_SEED", "0"))


class ThreeInputs:
    """A stored article, a clear error and (with ``normalise`` patched) a crash."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def samples(self) -> Iterator[Sample]:
        yield Sample("good", "good.txt", b"River raid\n\nGunmen raided a river port on Monday.")
        yield Sample("binary", "binary.txt", bytes(range(32)) * 20)
        yield Sample("poison", "poison.md", b"Poison\n\nThis text makes normalise raise.")


def test_outcomes_are_sorted_and_a_crash_is_saved_to_reproduce(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fuzz_ingest.normalise

    def normalise(raw: RawDocument) -> Article:
        if raw.path.endswith("poison.md"):
            raise RuntimeError("a bug in normalise")
        return real(raw)

    monkeypatch.setattr(fuzz_ingest, "HostileInputs", ThreeInputs)
    monkeypatch.setattr(fuzz_ingest, "normalise", normalise)
    out = tmp_path / "figures.json"
    crashes = tmp_path / "crashes"

    status = fuzz_ingest.main(["--seconds", "600", "--json", str(out), "--crashes", str(crashes)])

    assert status == 1
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert (figures["inputs"], figures["stored"], figures["clear_errors"], figures["crashes"]) == (
        3, 1, 1, 1,
    )  # fmt: skip
    assert figures["error_codes"] == {"E103": 1}
    [saved] = figures["crash_files"]
    assert Path(saved).read_bytes().startswith(b"Poison") and Path(saved).parent == crashes
    log = Path(saved + ".log").read_text(encoding="utf-8")
    assert "RuntimeError: a bug in normalise" in log and "faultline ingest FILE" in log


def test_the_same_seed_gives_the_same_inputs() -> None:
    def first(seed: int) -> list[Sample]:
        samples = HostileInputs(seed, huge_every=0).samples()
        return [next(samples) for _ in range(15)]

    assert first(3) == first(3)
    assert first(3) != first(4)
    assert len({s.shape for s in first(3)}) >= 4


@pytest.mark.slow
@pytest.mark.timeout(int(FUZZ_SECONDS) + 300)
def test_fuzzing_the_ingest_path_finds_no_crash() -> None:
    figures = fuzz_ingest.fuzz(FUZZ_SECONDS, FUZZ_SEED)
    fuzz_ingest.report(figures, fuzz_ingest.Console(stderr=True))
    assert figures.inputs > 0
    assert figures.crashes == 0, f"{figures.line}; saved: {', '.join(figures.crash_files)}"
    assert not figures.slow_files, f"inputs over {fuzz_ingest.SLOW_INPUT_S} s of CPU (hangs)"
