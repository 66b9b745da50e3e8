"""``ingest_stream``: batches in flight through any runner, stored in input order, bounded
memory (a window of batches, a capped summary, JSONL read a line at a time)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from faultline.ingest.readers import ReadMeter, read_path
from faultline.models import Article, IngestOutcome, IngestSummary
from faultline.pipeline import ExtractionResults, ingest, list_inputs
from faultline.store import Store

SENTENCES = [
    "Gunmen attacked a police post in Beni on Tuesday, killing three officers, the army said.",
    "Thousands of teachers marched in Kinshasa on Monday to demand unpaid salaries.",
    "Soldiers detained the mayor of Bunia on Friday, a local official said.",
    "The European Union imposed sanctions on two commanders of the M23 rebel group on Monday.",
    "Rebels shelled the outskirts of Goma overnight, wounding five civilians, doctors said.",
]


@pytest.fixture
def wire(tmp_path):
    """Eleven one-sentence articles in a JSONL file (not a multiple of any batch size)."""
    path = tmp_path / "wire.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(11):
            text = f"{SENTENCES[n % len(SENTENCES)]} Report number {n + 1}."
            handle.write(json.dumps({"text": text, "published": "2024-06-04"}) + "\n")
    return path


@dataclass
class _Lazy:
    """A batch whose result is computed only when the writer asks (like a remote future)."""

    runner: RecordingRunner
    articles: list[Article]

    def result(self) -> ExtractionResults:
        from faultline.pipeline import extract_safely

        self.runner.in_flight -= 1
        return extract_safely(self.articles)


@dataclass
class RecordingRunner:
    batch_size: int = 3
    window: int = 2
    in_flight: int = 0
    most_in_flight: int = 0
    batches: list[list[str]] = field(default_factory=list)

    def submit(self, articles: list[Article]) -> _Lazy:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        self.batches.append([a.location for a in articles])
        return _Lazy(self, articles)


def test_a_runner_gets_batches_within_its_window_and_the_store_gets_input_order(wire, tmp_path):
    runner = RecordingRunner()
    with Store.open(str(tmp_path / "x.db")) as store:
        order: list[str] = []
        summary = ingest(
            list_inputs([str(wire)]),
            store,
            runner=runner,
            on_progress=lambda p, o: order.append(o.location),
        )
    assert summary.count("new") == 11 and summary.events > 0
    assert [len(b) for b in runner.batches] == [3, 3, 3, 2]
    assert runner.most_in_flight == runner.window
    assert order == [f"{wire} (line {n})" for n in range(1, 12)]


def test_stored_articles_are_not_sent_to_the_runner_again(wire, tmp_path):
    with Store.open(str(tmp_path / "x.db")) as store:
        ingest(list_inputs([str(wire)]), store)
        runner = RecordingRunner()
        summary = ingest(list_inputs([str(wire)]), store, runner=runner)
    assert summary.count("unchanged") == 11
    assert runner.batches == []


def test_the_summary_counts_everything_but_keeps_only_what_it_is_asked_to():
    outcomes = [IngestOutcome(f"f{n}", "new", f"ar_{n}", events=2) for n in range(5)]
    outcomes.append(IngestOutcome("bad", "failed", error_code="E105", message="not JSON"))
    summary = IngestSummary.of(iter(outcomes), keep=2)
    assert (summary.read, summary.count("new"), summary.count("failed")) == (6, 5, 1)
    assert summary.events == 10 and len(summary.outcomes) == 2 and not summary.complete
    assert [o.location for o in summary.failed] == ["bad"]
    assert IngestSummary.of(outcomes).complete


def test_jsonl_is_read_a_line_at_a_time(wire):
    meter = ReadMeter()
    records = read_path(str(wire), meter=meter)
    next(records)
    first_line = wire.read_bytes().split(b"\n")[0]
    assert meter.bytes_read == len(first_line) + 1  # the first line, not the file
    list(records)
    assert meter.bytes_read == wire.stat().st_size
