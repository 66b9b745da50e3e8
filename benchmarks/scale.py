"""Scale figures side by side in one run: extraction speed, worker scaling, memory, store writes.

    .venv/bin/python benchmarks/scale.py [--articles 400] [--repeat 2] [--events 20000]
        [--workers 2] [--pg URL | --skip-pg] [--json PATH]

Writes ``--articles`` synthetic articles (``synthetic_articles.py``, fixed seed) to a JSONL file
in a temporary folder; every measurement runs on those texts, one at a time, so ratios survive
a noisy machine. The ``cores`` column (CPU seconds per second, workers included) shows whether
the machine really gave a measurement the cores it asked for.

1. Read + normalise (its own row). Then in this process, every model loaded and warmed
   (``prepare_worker(1)``: one embedder thread), spaCy alone (``load_nlp().pipe``, batches of
   32) and the full extraction (``extract_all``: spaCy + mentions + events + relations) on the
   same articles, alternated ``--repeat`` times, best of each; the embedding cache is emptied
   before each extraction. Target: extraction at ≥ 0.6× spaCy's rate.
2. ``ProcessPool(1)`` and ``ProcessPool(--workers)``, each in a child process (this script with
   ``--child-pool N``), warmed (every worker has extracted a small batch) before the clock
   starts: every article in batches of 32, at most ``pool.window`` in flight, first submit to
   last result. Target: ≥ 0.85× the worker count (1.7 for 2). The child then empties its
   workers' embedding caches and times ``faultline.pipeline.ingest`` into a fresh SQLite file
   with that pool as runner (the single writer's storing and linking included, its embedder
   loaded beforehand); the in-process ingest, as ``faultline ingest`` runs without
   ``--workers``, is timed here.
3. Peak memory: each pool child's ``RUSAGE_CHILDREN`` once its pool has shut down (the largest
   resident set any of its workers reached), and its own VmHWM (the writer's, in the ingest).
   Target: ≤ 1.5 GB per worker.
4. Store writes: ``--events`` synthetic events (``synthetic_events.EventGenerator``, no NLP)
   through ``Store.save_article`` one article per transaction (as ingest does) and
   ``Store.save_many`` 500 articles per transaction, each into a fresh SQLite file and, when
   ``--pg URL`` or ``$FAULTLINE_BENCH_PG_URL`` / ``$FAULTLINE_TEST_PG_URL`` names a server
   (PostGIS needed), a fresh PostgreSQL schema dropped at the end (``--skip-pg``: SQLite only).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only the standard library up here: spawned pool workers import this module again.
if TYPE_CHECKING:
    from faultline.models import Article
    from faultline.scale.pool import ProcessPool

REPO = Path(__file__).resolve().parents[1]
SEED = 11
POOL_BATCH = 32
STORE_BATCH = 500
WARM_ARTICLES = 4
EXTRACT_TARGET = 0.6
SCALING_TARGET_PER_WORKER = 0.85
WORKER_TARGET_MB = 1536.0
PG_ENV_VARS = ("FAULTLINE_BENCH_PG_URL", "FAULTLINE_TEST_PG_URL")
MB = 2**20
COLUMNS = ("s", "cores", "articles/s", "words/s", "events/s", "MB", "ratio", "target", "met?")


@dataclass(slots=True)
class Row:
    """One line of the report; rates are counts over ``seconds``."""

    section: str
    measure: str
    seconds: float | None = None
    cpu: float | None = None  # CPU seconds: this process's, and the pool workers' on pool rows
    articles: int | None = None
    words: int | None = None
    events: int | None = None
    mb: float | None = None
    ratio: float | None = None
    target: str | None = None
    met: bool | None = None
    cores_wanted: int | None = None  # the CPU the measure needs to mean anything

    def rate(self, count: float | None) -> float | None:
        return None if count is None or not self.seconds else count / self.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=2, help="alternated runs of section 1")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2, help="the larger pool (default 2)")
    parser.add_argument("--pg", default=None, help=f"PostgreSQL URL (default: ${PG_ENV_VARS[0]})")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--child-pool", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.child_pool is not None:
        print(json.dumps(child_pool(args.child_pool, args.child_dir)))
        return
    pg_url = None
    if not args.skip_pg:
        pg_url = args.pg or next((os.environ[v] for v in PG_ENV_VARS if os.environ.get(v)), None)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rows = run_all(args, Path(tmp), pg_url)
    report(rows, args, time.perf_counter() - started)


def run_all(args: argparse.Namespace, folder: Path, pg_url: str | None) -> list[Row]:
    from synthetic_articles import write_jsonl

    from faultline.events import embed

    write_jsonl(folder / "articles.jsonl", args.articles, SEED)
    articles, read = read_all(folder)
    size = {"articles": len(articles), "words": sum(a.word_count() for a in articles)}
    spacy, extract, events = extract_vs_spacy(articles, args.repeat)
    # The in-process ingest as ``faultline ingest`` runs it: the embedder on onnxruntime's
    # default threads (loaded before the clock starts).
    embed.use_threads(None)
    embed.load_embedder()
    embed.forget()
    inline = timed_ingest(folder, "ingest-in-process.db", None)
    own_peak = own_peak_mb()
    pools = {w: pool_in_child(w, folder) for w in sorted({1, args.workers})}
    rows: list[Row] = []

    def add(section: str, measure: str, timing: Sequence[float | None] = (None, None),
            **fields: Any) -> None:  # fmt: skip
        rows.append(Row(section, measure, timing[0], timing[1], **fields))

    section = "extraction: one process, one thread"
    add(section, "read + normalise", read, **size)
    add(section, f"spaCy alone: nlp.pipe (best of {args.repeat})", spacy, **size)
    ratio = spacy[0] / extract[0]
    add(section, f"extract_all (best of {args.repeat})", extract, **size, events=events,
        ratio=ratio, target=f"≥ {EXTRACT_TARGET}× spaCy", met=ratio >= EXTRACT_TARGET)  # fmt: skip
    own, own_size = own_articles()
    own_spacy, own_extract, own_events = extract_vs_spacy(own, max(args.repeat, 3))
    add(section, "our written articles: spaCy alone", own_spacy, **own_size)
    add(section, "our written articles: extract_all", own_extract, **own_size, events=own_events,
        ratio=own_spacy[0] / own_extract[0])  # fmt: skip
    section = f"extraction in a warmed pool, batches of {POOL_BATCH}"
    for w, child in pools.items():
        ratio = pools[1]["pool"][0] / child["pool"][0]
        goal = SCALING_TARGET_PER_WORKER * w
        check = {"target": f"≥ {goal:.2f}× one", "met": ratio >= goal} if w > 1 else {}
        add(section, f"ProcessPool({w})", child["pool"], **size, ratio=ratio, cores_wanted=w,
            **check)  # fmt: skip
    section = "end-to-end ingest into a fresh SQLite file"
    add(section, "ingest in-process", inline, **size, events=inline[2])
    for w, child in pools.items():
        done = child["ingest"]
        add(section, f"ingest, ProcessPool({w})", done, **size, events=done[2],
            ratio=inline[0] / done[0])  # fmt: skip
    section = "peak resident memory"
    for w, child in pools.items():
        mb, target = child["worker_peak_mb"], f"≤ {WORKER_TARGET_MB:,.0f} MB"
        add(section, f"each worker, ProcessPool({w})", mb=mb, target=target,
            met=mb <= WORKER_TARGET_MB)  # fmt: skip
    for w, child in pools.items():
        add(section, f"writer (parent), ingest with ProcessPool({w})", mb=child["writer_peak_mb"])
    add(section, "this process: section 1 + ingest in-process", mb=own_peak)
    return rows + store_rates(args.events, folder, pg_url)


def read_all(folder: Path) -> tuple[list[Article], tuple[float, float]]:
    """The normalised articles, and (wall, CPU) seconds reading them took."""
    from faultline.models import Article
    from faultline.pipeline import list_inputs, read_articles

    start, cpu = time.perf_counter(), cpu_seconds()
    found = [a for _, a in read_articles(list_inputs([str(folder / "articles.jsonl")]))]
    seconds = (time.perf_counter() - start, cpu_seconds() - cpu)
    articles = [a for a in found if isinstance(a, Article)]
    if len(articles) != len(found):
        sys.exit(f"{len(found) - len(articles)} synthetic articles could not be read")
    return articles, seconds


def own_articles() -> tuple[list[Article], dict[str, int]]:
    """The articles we wrote by hand (demo and the linking corpus), each once: the same ratio
    on text no template made (about one event per 50 words; the synthetic ones, one per 45)."""
    from faultline.models import Article
    from faultline.pipeline import list_inputs, read_articles

    folders = [str(REPO / "demo" / "articles"), str(REPO / "tests" / "link" / "corpus")]
    found = [a for _, a in read_articles(list_inputs(folders)) if isinstance(a, Article)]
    return found, {"articles": len(found), "words": sum(a.word_count() for a in found)}


# --- 1. extraction against spaCy alone ----------------------------------------------------------


Timing = tuple[float, float]  # wall seconds, CPU seconds


def extract_vs_spacy(articles: list[Article], repeat: int) -> tuple[Timing, Timing, int]:
    """The best (wall, CPU) seconds of spaCy alone and of the full extraction, and the
    events found."""
    from faultline.events import embed
    from faultline.events.extract import extract_all
    from faultline.nlp import load_nlp
    from faultline.scale.work import prepare_worker

    prepare_worker(1)
    nlp = load_nlp()
    texts = [a.text for a in articles]
    warm = articles[:WARM_ARTICLES]
    list(nlp.pipe([a.text for a in warm]))
    list(extract_all(warm))
    spacy = extract = (float("inf"), 0.0)
    events = 0
    for _ in range(max(1, repeat)):
        start, cpu = time.perf_counter(), cpu_seconds()
        for _doc in nlp.pipe(texts, batch_size=POOL_BATCH):
            pass
        spacy = min(spacy, (time.perf_counter() - start, cpu_seconds() - cpu))
        embed.forget()
        start, cpu = time.perf_counter(), cpu_seconds()
        events = sum(len(found.events) for _, found in extract_all(articles))
        extract = min(extract, (time.perf_counter() - start, cpu_seconds() - cpu))
    embed.forget()
    return spacy, extract, events


# --- 2 and 3. the pools, each in a child process -----------------------------------------------


def timed_ingest(
    folder: Path, name: str, runner: ProcessPool | None, pids: set[int] | None = None
) -> tuple[float, float, int]:
    """Wall and CPU seconds (this process and ``pids``) of an ingest, and the events stored."""
    from faultline.pipeline import ingest, list_inputs
    from faultline.store import Store

    with Store.open(f"sqlite:///{folder / name}") as store:
        start, cpu = time.perf_counter(), cpu_seconds(pids)
        inputs = list_inputs([str(folder / "articles.jsonl")])
        summary = ingest(inputs, store, runner=runner, keep=0)
        seconds, cpu = time.perf_counter() - start, cpu_seconds(pids) - cpu
    if summary.count("failed"):
        print(f"warning: {summary.count('failed')} articles failed in {name}", file=sys.stderr)
    return seconds, cpu, summary.events_stored or 0


def pool_in_child(workers: int, folder: Path) -> dict[str, Any]:
    """Section 2's pool figures and its workers' peak memory, from a child process of its
    own, so that ``RUSAGE_CHILDREN`` there sees only that pool's workers."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-pool", str(workers),
               "--child-dir", str(folder)]  # fmt: skip
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_pool(workers: int, folder: Path) -> dict[str, Any]:
    from faultline.events.embed import load_embedder
    from faultline.scale.pool import ProcessPool

    articles, _ = read_all(folder)
    load_embedder()  # the writer's, for linking: loaded before the clock starts, as here
    with ProcessPool(workers, batch_size=POOL_BATCH) as pool:
        pids = on_every_worker(pool, articles[:WARM_ARTICLES])
        timed = time_pool(pool, articles, pids)
        pids |= on_every_worker(pool, [])  # empty the workers' embedding caches
        ingest = timed_ingest(folder, f"ingest-pool-{workers}.db", pool, pids)
    # Max over the terminated (waited-for) children, in KiB on Linux: this pool's workers.
    worker_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "pool": timed,
        "ingest": ingest,
        "worker_peak_mb": worker_kib * 1024 / MB,
        "writer_peak_mb": own_peak_mb(),
    }


def own_peak_mb() -> float:
    """This process's peak resident set since it started (VmHWM). Not ``ru_maxrss``: on Linux
    a child started with fork + exec begins with its parent's peak there."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / MB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def cpu_seconds(pids: set[int] | None = None) -> float:
    """User + system CPU seconds of this process (all its threads) and of the live ``pids``
    (read from /proc, so Linux only; 0 for them elsewhere)."""
    total = time.process_time()
    for pid in pids or ():
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def warm_worker(articles: list[Article], threads: int) -> int:
    """In a pool worker: extract ``articles`` (every model's first call), empty the embedding
    cache, hold the worker a moment so the next call goes to another; its pid."""
    from faultline.events import embed
    from faultline.scale.work import extract_batch

    if articles:
        extract_batch(articles, threads)
    embed.forget()
    time.sleep(0.2)
    return os.getpid()


def on_every_worker(pool: ProcessPool, articles: list[Article], timeout: float = 600) -> set[int]:
    """``warm_worker`` until every worker of the pool has run it (a worker still loading its
    models leaves the calls to the others, so this goes round until all have answered)."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < pool.workers:
        if time.monotonic() > deadline:
            sys.exit(f"only {len(seen)} of {pool.workers} pool workers answered")
        calls = [
            pool._pool.submit(warm_worker, articles, pool.threads) for _ in range(pool.workers)
        ]
        seen.update(call.result() for call in calls)
    return seen


def time_pool(pool: ProcessPool, articles: list[Article], pids: set[int]) -> Timing:
    """Every article through the pool, at most ``pool.window`` batches in flight: wall and
    CPU seconds (the workers' and this process's)."""
    from faultline.errors import ExtractionError

    size = pool.batch_size
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    in_flight: deque[Any] = deque()
    results: dict[str, Any] = {}
    start, cpu = time.perf_counter(), cpu_seconds(pids)
    for batch in batches:
        in_flight.append(pool.submit(batch))
        if len(in_flight) >= pool.window:
            results.update(in_flight.popleft().result())
    while in_flight:
        results.update(in_flight.popleft().result())
    seconds, cpu = time.perf_counter() - start, cpu_seconds(pids) - cpu
    failed = sum(isinstance(r, ExtractionError) for r in results.values())
    if failed or len(results) != len({a.id for a in articles}):
        print(f"warning: {failed} extraction errors, {len(results)} results", file=sys.stderr)
    return seconds, cpu


# --- 4. store writes ----------------------------------------------------------------------------


def store_rates(events: int, folder: Path, pg_url: str | None) -> list[Row]:
    from store_events import _pg_schema, _sqlite
    from synthetic_events import EventGenerator

    from faultline.store import Store

    items = list(EventGenerator(SEED).generate(events))
    total = sum(len(found.events) for _, found in items)
    engines: list[tuple[str, Any]] = [("SQLite", lambda mode: _sqlite(folder / f"{mode}.db"))]
    if pg_url:
        engines.append(("PostgreSQL", lambda mode: _pg_schema(pg_url, None)))
    section = f"store writes: {total:,} synthetic events, {len(items):,} articles"
    rows = []
    for engine, open_database in engines:
        one_s = None
        for mode in ("save_article", "save_many"):
            with open_database(mode) as url, Store.open(url) as store:
                start, cpu = time.perf_counter(), cpu_seconds()
                if mode == "save_article":
                    for article, found in items:
                        store.save_article(article, found)
                else:
                    for i in range(0, len(items), STORE_BATCH):
                        store.save_many(items[i : i + STORE_BATCH])
                seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
                if store.count_events() != total:
                    sys.exit(f"{engine}: stored {store.count_events():,} events, not {total:,}")
            per = 1 if mode == "save_article" else STORE_BATCH
            ratio = None if one_s is None else one_s / seconds
            rows.append(Row(section, f"{engine} {mode}, {per} per transaction", seconds, cpu,
                            len(items), events=total, ratio=ratio))  # fmt: skip
            one_s = seconds
    return rows


# --- report -------------------------------------------------------------------------------------


def report(rows: list[Row], args: argparse.Namespace, total_s: float) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160)
    caption = (
        "Ingest rows include the single writer (storing + linking in the main process), which "
        f"competes with the workers for the same {os.cpu_count()} cores. cores: CPU seconds per "
        "second, this process's plus, on pool rows, its workers' (a database server's not "
        "counted). ratio: extract_all to spaCy's rate; a pool to ProcessPool(1); an ingest to "
        "in-process; save_many to save_article."
    )
    title = f"scale: {args.articles} synthetic articles, {args.events:,} synthetic events"
    table = Table(title=title, caption=caption)
    table.add_column("measure", no_wrap=True)
    for column in COLUMNS:
        table.add_column(column, justify="right")
    section = None
    for row in rows:
        if row.section != section:
            if section is not None:
                table.add_section()
            table.add_row(f"[bold]{row.section}[/]")
            section = row.section
        met = "" if row.met is None else "[green]yes[/]" if row.met else "[red]no[/]"
        table.add_row(
            f"  {row.measure}",
            _num(row.seconds, "{:.2f}"),
            _num(row.rate(row.cpu), "{:.2f}"),
            _num(row.rate(row.articles), "{:,.1f}"),
            _num(row.rate(row.words), "{:,.0f}"),
            _num(row.rate(row.events), "{:,.0f}"),
            _num(row.mb, "{:,.0f}"),
            _num(row.ratio, "{:.2f}"),
            row.target or "",
            met,
        )
    console.print(table)
    for row in rows:
        if row.met is not None:
            figure = f"{row.mb:,.0f} MB" if row.mb is not None else f"{row.ratio:.2f}"
            verdict = "[green]PASS[/]" if row.met else "[red]FAIL[/]"
            line = f"{verdict} {row.measure}: {figure} (target {row.target})"
            busy = row.rate(row.cpu)
            if row.cores_wanted and busy is not None and busy < 0.8 * row.cores_wanted:
                line += (f" [yellow]but only {busy:.2f} of {row.cores_wanted} cores were busy: "
                         "the machine is shared or throttled, rerun[/]")  # fmt: skip
            console.print(line)
    console.print(f"whole run: {total_s:.0f} s")
    if args.json:
        figures = [asdict(r) | {"per_s": _rates(r)} for r in rows]
        args.json.write_text(json.dumps({"total_s": total_s, "rows": figures}, indent=2) + "\n")


def _rates(row: Row) -> dict[str, float | None]:
    return {k: row.rate(getattr(row, k)) for k in ("articles", "words", "events", "cpu")}


def _num(value: float | None, fmt: str) -> str:
    return "" if value is None else fmt.format(value)


if __name__ == "__main__":
    main()
