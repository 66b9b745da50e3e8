"""English and French side by side: extraction throughput and resident memory, one command.

    .venv/bin/python benchmarks/languages.py [--copies 5]

Each figure comes from a fresh subprocess so one cannot warm another's caches:

- throughput: ``extract_all`` over the English demo articles and over our French test corpus
  (tests/corpus/fr), each article repeated ``--copies`` times, in words per second;
- memory: resident set after loading the English pipeline only, after loading both, and after
  extracting both corpora in one process (what a worker that reads both languages holds).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
ENGLISH = REPO / "demo" / "articles"
FRENCH = REPO / "tests" / "corpus" / "fr"

PROBE = """
import json, sys, time
from dataclasses import replace
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
from faultline.pipeline import ReadOptions, list_inputs, read_articles
from faultline.models import Article
from faultline.nlp import load_nlp
from faultline.events.extract import extract_all
def articles(folder, language, copies):
    found = [r for _, r in read_articles(list_inputs([folder]), ReadOptions())
             if isinstance(r, Article) and r.language == language]
    return [replace(a, id=f"{a.id}-{n}") for n in range(copies) for a in found]
task, copies = sys.argv[1], int(sys.argv[2])
out = {"start_mb": rss()}
load_nlp("en")
out["en_loaded_mb"] = rss()
if task in ("fr", "both"):
    load_nlp("fr")
    out["both_loaded_mb"] = rss()
runs = {"en": [(%(en)r, "en")], "fr": [(%(fr)r, "fr")],
        "both": [(%(en)r, "en"), (%(fr)r, "fr")]}[task]
for folder, language in runs:
    batch = articles(folder, language, copies)
    words = sum(a.word_count() for a in batch)
    list(extract_all(batch[:2]))  # warm the models and caches on two articles
    start = time.perf_counter()
    events = sum(len(x.events) for _, x in extract_all(batch))
    seconds = time.perf_counter() - start
    out[language] = {"articles": len(batch), "words": words, "events": events,
                     "seconds": seconds, "words_per_s": words / seconds}
out["end_mb"] = rss()
print(json.dumps(out))
"""


def probe(task: str, copies: int) -> dict[str, object]:
    code = PROBE % {"en": str(ENGLISH), "fr": str(FRENCH)}
    run = subprocess.run(
        [sys.executable, "-c", code, task, str(copies)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    english, french, both = (probe(t, args.copies) for t in ("en", "fr", "both"))
    table = Table(title=f"English and French extraction (each article x{args.copies})")
    for column in ("measure", "English", "French", "French / English"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    en, fr = english["en"], french["fr"]
    table.add_row("articles", str(en["articles"]), str(fr["articles"]), "")
    table.add_row("words", str(en["words"]), str(fr["words"]), "")
    table.add_row("events", str(en["events"]), str(fr["events"]), "")
    ratio = fr["words_per_s"] / en["words_per_s"]
    table.add_row("words/s", f"{en['words_per_s']:.0f}", f"{fr['words_per_s']:.0f}", f"{ratio:.2f}")
    Console().print(table)
    memory = Table(title="Resident memory (MB)")
    for column in ("process", "after load", "after extraction"):
        memory.add_column(column, justify="right" if column != "process" else "left")
    memory.add_row("English pipeline only", f"{english['en_loaded_mb']:.0f}",
                   f"{english['end_mb']:.0f}")  # fmt: skip
    memory.add_row("English + French pipelines", f"{both['both_loaded_mb']:.0f}",
                   f"{both['end_mb']:.0f}")  # fmt: skip
    added = both["both_loaded_mb"] - both["en_loaded_mb"]
    memory.add_row("French pipeline adds", f"{added:.0f}", "")
    Console().print(memory)


if __name__ == "__main__":
    main()
