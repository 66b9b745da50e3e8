"""Ingest throughput on the seed articles repeated N times, measured side by side in one run.

    .venv/bin/python benchmarks/ingest_throughput.py [--copies 1000] [--db-url URL]

Builds a JSONL file in a temporary folder (each seed copied N times, every copy made unique by a
numbered closing sentence so it is really stored), then times, in the same process and run:
  read+normalise only · store the articles alone (--no-extract) into a fresh SQLite file ·
  full ingest with event extraction into another · re-ingest (all unchanged, no NLP).
Prints articles/s and words/s for each and the ratio of full ingest to read+normalise, which is
the figure that survives a noisy machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from faultline.pipeline import ReadOptions, ingest, list_inputs, read_articles
from faultline.store import Store

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


def build_batch(folder: Path, copies: int) -> tuple[Path, int]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"no seed articles in {SEEDS}")
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    batch = folder / "seeds.jsonl"
    with batch.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for text in texts:
                record = {"text": f"{text}\n\nBenchmark copy {n}.", "published": "2025-03-10"}
                handle.write(json.dumps(record) + "\n")
    return batch, copies * len(texts)


def timed(label: str, work) -> tuple[str, float, int, int]:
    start = time.perf_counter()
    articles, words = work()
    return label, time.perf_counter() - start, articles, words


def read_only(batch: Path):
    def work() -> tuple[int, int]:
        articles = [a for _, a in read_articles(list_inputs([str(batch)]), ReadOptions())]
        return len(articles), sum(a.word_count() for a in articles)

    return work


def store_all(batch: Path, url: str, *, extract: bool = True):
    def work() -> tuple[int, int]:
        with Store.open(url) as store:
            summary = ingest(list_inputs([str(batch)]), store, ReadOptions(), extract=extract)
        return summary.read, 0

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--db-url", default=None, help="store URL (default: a temp SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch, total = build_batch(folder, args.copies)
        url = args.db_url or f"sqlite:///{folder / 'bench.db'}"
        articles_only = f"sqlite:///{folder / 'articles-only.db'}"
        rows = [
            timed("read + normalise", read_only(batch)),
            timed("store articles only", store_all(batch, articles_only, extract=False)),
            timed("ingest with events (new)", store_all(batch, url)),
            timed("re-ingest (unchanged)", store_all(batch, url)),
        ]
    words = rows[0][3]
    table = Table(title=f"ingest throughput: {total} articles ({args.copies}× the 3 seeds)")
    for column in ("stage", "seconds", "articles/s", "words/s", "× read+normalise time"):
        table.add_column(column, justify="right")
    base = rows[0][1]
    for label, seconds, articles, _ in rows:
        table.add_row(
            label,
            f"{seconds:.2f}",
            f"{articles / seconds:,.0f}",
            f"{words / seconds:,.0f}",
            f"{seconds / base:.2f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
