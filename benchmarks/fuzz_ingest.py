"""Fuzz the whole ingest path with hostile inputs for a time budget; 0 crashes is the pass mark.

    .venv/bin/python benchmarks/fuzz_ingest.py --seconds 300 --seed 7 --json fuzz.json

Each input from ``hostile_inputs`` is written to a file under its generated name and pushed
through what ``faultline ingest`` does, in this process: read (by suffix, or sniffed as stdin
for one input in five), normalise, extract (spaCy, mentions, events), store into a temporary
SQLite store, and link it into incidents. Every article or record an input yields ends one of
three ways:

* **stored**: saved, with its events;
* **clear error**: a ``FaultlineError`` naming the input and the problem (``[E1xx]`` and so on),
  what ``faultline ingest`` prints as one line;
* **crash**: anything else, and an ``ExtractionError`` too (the pipeline turns an exception in
  the NLP into one, but it is a bug to report). The input is saved to ``--crashes`` (default
  ``$FAULTLINE_ARTIFACTS/fuzz-crashes``, ``test-artifacts/`` by default) with its traceback
  beside it, so ``faultline ingest FILE`` (or ``faultline ingest - < FILE``, as its log says)
  reproduces it.

Prints a table per input shape and ``inputs tried N · stored S · clear errors E · crashes C``
(S, E and C count articles and records, so a JSONL input adds one per line); exits 1 when C > 0.
An input over 30 s of CPU is saved too and listed as slow (a hang in the making).
The models load before the clock starts. The same seed gives the same inputs; how many of them a
budget reaches depends on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_inputs import REPO, HostileInputs, Sample

from faultline.errors import ExtractionError, FaultlineError
from faultline.events.extract import extract_all
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_bytes, read_path
from faultline.models import RawDocument
from faultline.store import Store

# Beside the browser tests' screenshots, where CI keeps what a failed run leaves.
DEFAULT_CRASHES = (
    Path(os.environ.get("FAULTLINE_ARTIFACTS", REPO / "test-artifacts")) / "fuzz-crashes"
)
# An input that takes this much CPU time is a hang in the making (the slowest fuzzed input
# takes about a second): it is saved and listed, and the slow test fails on it. CPU time, not
# wall time, so that a busy machine does not look like a slow input.
SLOW_INPUT_S = 30.0


@dataclass
class Figures:
    """What a run tried and how each outcome ended, overall and per input shape."""

    seed: int
    seconds: float = 0.0
    inputs: int = 0
    stored: int = 0
    clear_errors: int = 0
    crashes: int = 0
    error_codes: dict[str, int] = field(default_factory=dict)
    shapes: dict[str, dict[str, float]] = field(default_factory=dict)
    crash_files: list[str] = field(default_factory=list)
    slow_files: list[str] = field(default_factory=list)
    slowest_input_s: float = 0.0  # CPU seconds of the costliest input

    def count(self, shape: str, outcome: str, amount: float = 1) -> None:
        row = self.shapes.setdefault(
            shape, {"inputs": 0, "stored": 0, "clear_errors": 0, "crashes": 0, "seconds": 0.0}
        )
        row[outcome] += amount
        if outcome in ("inputs", "stored", "clear_errors", "crashes"):
            setattr(self, outcome, getattr(self, outcome) + int(amount))

    @property
    def line(self) -> str:
        return (
            f"inputs tried {self.inputs} · stored {self.stored} · "
            f"clear errors {self.clear_errors} · crashes {self.crashes}"
        )


class Fuzzer:
    """Pushes samples through the ingest path and keeps the figures."""

    def __init__(self, tmp: Path, crashes: Path, figures: Figures) -> None:
        self.tmp, self.crashes, self.figures = tmp, crashes, figures
        self.work = tmp / "inputs"
        self.work.mkdir()
        self.codes: Counter[str] = Counter()
        self.stores = 0
        self.store = self._new_store()
        self._how = ""

    def _new_store(self) -> Store:
        self.stores += 1
        return Store.open(f"sqlite:///{self.tmp}/fuzz-{self.stores}.db")

    def close(self) -> None:
        self.store.close()

    def run_one(self, sample: Sample, *, as_stdin: bool) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        self._how = "faultline ingest - < FILE" if as_stdin else "faultline ingest FILE"
        self.figures.count(sample.shape, "inputs")
        try:
            for outcome in self._outcomes(sample, as_stdin=as_stdin):
                self.figures.count(sample.shape, outcome)
        except Exception as exc:  # a crash in a reader: the rest of this input is lost
            self.figures.count(sample.shape, self._crash(sample, exc))
        self.figures.count(sample.shape, "seconds", time.perf_counter() - started)
        cpu = time.process_time() - cpu
        self.figures.slowest_input_s = round(max(self.figures.slowest_input_s, cpu), 2)
        if cpu > SLOW_INPUT_S:
            self.figures.slow_files.append(str(self._save(sample, f"slow: {cpu:.1f} s of CPU")))

    def _outcomes(self, sample: Sample, *, as_stdin: bool) -> Iterator[str]:
        for result in self._read(sample, as_stdin=as_stdin):
            if isinstance(result, FaultlineError):
                yield self._judged(sample, result)
                continue
            try:
                yield self.ingest(result)
            except FaultlineError as exc:
                yield self._judged(sample, exc)
            except Exception as exc:
                yield self._crash(sample, exc)

    def _read(self, sample: Sample, *, as_stdin: bool) -> Iterator[RawDocument | FaultlineError]:
        if as_stdin:
            try:
                yield from read_bytes(sample.data, "-", DEFAULT_MAX_BYTES)
            except FaultlineError as exc:
                yield exc
            return
        path = self.work / sample.name
        path.write_bytes(sample.data)
        try:
            yield from read_path(str(path))
        finally:
            path.unlink(missing_ok=True)

    def ingest(self, raw: RawDocument) -> str:
        article = normalise(raw)
        [(_, extraction)] = list(extract_all([article]))
        self.store.save_article(article, extraction)
        try:
            # After every article, so that a crash in linking names the input behind it.
            self.store.link()
        except Exception:
            # Its events stay pending and would fail every later link: start a clean store.
            self.store.close()
            self.store = self._new_store()
            raise
        return "stored"

    def _judged(self, sample: Sample, exc: FaultlineError) -> str:
        """A clear error names its input; an ExtractionError is a bug in the NLP, so a crash."""
        if isinstance(exc, ExtractionError) or not exc.source:
            return self._crash(sample, exc)
        self.codes[exc.code] += 1
        return "clear_errors"

    def _crash(self, sample: Sample, exc: BaseException) -> str:
        trace = "".join(traceback.format_exception(exc))
        self.figures.crash_files.append(str(self._save(sample, trace)))
        return "crashes"

    def _save(self, sample: Sample, note: str) -> Path:
        """The input under a content-hash name (its own suffix kept), the note beside it."""
        self.crashes.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(sample.data).hexdigest()[:12]
        path = self.crashes / f"{digest}-{sample.name}"
        path.write_bytes(sample.data)
        path.with_name(path.name + ".log").write_text(
            f"shape: {sample.shape}\nreproduce: {self._how}\n{note}\n", encoding="utf-8"
        )
        return path


def warm_up(fuzzer: Fuzzer) -> None:
    """Load spaCy, the knowledge base, the gazetteer and the classifier before the clock."""
    text = "Warm up\n\nRebels shelled Goma on Monday, killing two people."
    fuzzer.ingest(RawDocument(path="warm-up.txt", format="txt", text=text))


def fuzz(
    seconds: float, seed: int, crashes: Path = DEFAULT_CRASHES, max_inputs: int | None = None
) -> Figures:
    """Fuzz for ``seconds`` (or ``max_inputs`` inputs, whichever ends first)."""
    figures = Figures(seed=seed)
    inputs = HostileInputs(seed)
    with tempfile.TemporaryDirectory(prefix="faultline-fuzz-") as tmp:
        fuzzer = Fuzzer(Path(tmp), crashes, figures)
        try:
            warm_up(fuzzer)
            started = time.perf_counter()
            for n, sample in enumerate(itertools.islice(inputs.samples(), max_inputs)):
                if time.perf_counter() - started >= seconds:
                    break
                fuzzer.run_one(sample, as_stdin=n % 5 == 4)
            figures.seconds = round(time.perf_counter() - started, 1)
        finally:
            fuzzer.close()
    figures.error_codes = dict(sorted(fuzzer.codes.items()))
    return figures


def report(figures: Figures, console: Console) -> None:
    table = Table(title=f"fuzz ingest · seed {figures.seed} · {figures.seconds} s")
    for column in ("shape", "inputs", "stored", "clear errors", "crashes", "seconds"):
        table.add_column(column, justify="left" if column == "shape" else "right")
    for shape, row in sorted(figures.shapes.items()):
        table.add_row(
            shape,
            *(str(int(row[k])) for k in ("inputs", "stored", "clear_errors", "crashes")),
            f"{row['seconds']:.1f}",
        )
    console.print(table)
    codes = " · ".join(f"{code} {n}" for code, n in figures.error_codes.items())
    console.print(f"clear errors by code: {codes or 'none'}", highlight=False)
    console.print(f"slowest input: {figures.slowest_input_s:.2f} s of CPU", highlight=False)
    for path in figures.slow_files:
        console.print(f"[yellow]slow input saved:[/yellow] {path}", highlight=False)
    for path in figures.crash_files:
        console.print(f"[red]crash saved:[/red] {path} (traceback in {path}.log)", highlight=False)
    console.print(figures.line, highlight=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the input stream")
    parser.add_argument("--max-inputs", type=int, default=None, help="stop after this many")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--crashes", type=Path, default=DEFAULT_CRASHES, help="crash inputs here")
    args = parser.parse_args(argv)
    figures = fuzz(args.seconds, args.seed, args.crashes, args.max_inputs)
    report(figures, Console())
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), indent=2) + "\n", encoding="utf-8")
    return 1 if figures.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
