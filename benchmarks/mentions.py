"""Mentions and events: load cost of gazetteer and KB, and extract throughput vs spaCy alone.

    .venv/bin/python benchmarks/mentions.py [--copies 20]

Each load is measured in a fresh subprocess (wall time and resident-memory growth), so one
measurement cannot warm another's caches. Throughput runs spaCy's ``nlp.pipe`` alone and then
the full mention stage on the same texts in the same process; the ratio is the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"

LOADS = {
    "knowledge base": (
        "from faultline.kb import ruler_patterns, countries; ruler_patterns(); countries()"
    ),
    "gazetteer (cached index)": (
        "from faultline.mentions.gazetteer import load_gazetteer; load_gazetteer()"
    ),
    "spaCy model + entity ruler": "from faultline.nlp import load_nlp; load_nlp()",
}
PROBE = """
import json, time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
before = rss(); start = time.perf_counter()
{code}
print(json.dumps({{"seconds": time.perf_counter() - start, "mb": rss() - before}}))
"""


def measure_load(code: str) -> dict[str, float]:
    # Warm the on-disk caches (e.g. the gazetteer index) so the figure is a load, not a build.
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def articles(copies: int):
    from faultline.ingest.normalise import normalise
    from faultline.models import RawDocument

    paths = sorted(SEEDS.glob("*.txt")) + sorted((REPO / "demo" / "articles").glob("*.txt"))
    paths += sorted((REPO / "demo" / "articles").glob("*.md"))
    base = [
        normalise(RawDocument(path=str(p), format="txt", text=p.read_text("utf-8"))) for p in paths
    ]
    return base * copies


def throughput(copies: int) -> tuple[list[tuple[str, float, int]], int]:
    from faultline.events.extract import extract_articles
    from faultline.mentions import mentions_of
    from faultline.nlp import load_nlp

    batch = articles(copies)
    words = sum(a.word_count() for a in batch)
    nlp = load_nlp()
    list(extract_articles(batch[:5]))  # warm-up: models, gazetteer, classifier
    start = time.perf_counter()
    for _ in nlp.pipe((a.text for a in batch), batch_size=32):
        pass
    spacy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for _ in mentions_of(batch):
        pass
    full_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for _ in extract_articles(batch):
        pass
    extract_seconds = time.perf_counter() - start
    return [
        ("spaCy nlp.pipe alone", spacy_seconds, len(batch)),
        ("mention stage (parse + 4 resolvers)", full_seconds, len(batch)),
        ("extract (mentions + events)", extract_seconds, len(batch)),
    ], words


def resolver_costs(copies: int) -> list[tuple[str, float]]:
    """Milliseconds per article for each resolver, over already-parsed documents."""
    from faultline.kb import countries, ruler_patterns
    from faultline.mentions import find_actors, find_places, find_quantities, find_times
    from faultline.nlp import parse

    countries(), ruler_patterns()
    batch = articles(copies)[:24]
    docs = [(parse(a), a) for a in batch]
    costs = []
    for name, resolver in (
        ("actors", find_actors),
        ("places", find_places),
        ("times", find_times),
        ("quantities", find_quantities),
    ):
        resolver(*docs[0])  # warm caches, as a long-running worker would be
        start = time.perf_counter()
        for doc, article in docs:
            resolver(doc, article)
        costs.append((name, (time.perf_counter() - start) / len(docs) * 1000))
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    console = Console()
    loads = Table(title="load cost (fresh process each)")
    for column in ("what", "seconds", "RSS added (MB)"):
        loads.add_column(column, justify="right")
    for label, code in LOADS.items():
        figures = measure_load(code)
        loads.add_row(label, f"{figures['seconds']:.2f}", f"{figures['mb']:.0f}")
    console.print(loads)
    rows, words = throughput(args.copies)
    table = Table(title=f"throughput on {rows[0][2]} articles ({words:,} words)")
    for column in ("stage", "seconds", "articles/s", "words/s", "× spaCy time"):
        table.add_column(column, justify="right")
    for label, seconds, count in rows:
        table.add_row(
            label,
            f"{seconds:.2f}",
            f"{count / seconds:,.1f}",
            f"{words / seconds:,.0f}",
            f"{seconds / rows[0][1]:.2f}",
        )
    console.print(table)
    costs = Table(title="resolver cost beyond the parse (ms per article)")
    costs.add_column("resolver", justify="right")
    costs.add_column("ms/article", justify="right")
    for name, ms in resolver_costs(args.copies):
        costs.add_row(name, f"{ms:.2f}")
    console.print(costs)


if __name__ == "__main__":
    main()
