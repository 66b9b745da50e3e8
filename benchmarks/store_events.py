"""Event store at scale: load N synthetic events, then time ``faultline events`` queries.

    .venv/bin/python benchmarks/store_events.py [--events 1000000] [--repeat 40]
        [--pg URL] [--keep PATH] [--pg-schema NAME] [--explain]

Articles and events come from ``benchmarks/synthetic_events.py`` (seeded, no NLP run), about
10 events per article, COD in a fifth of them. Each engine gets the same records: SQLite in a
temporary file (or ``--keep PATH``), and PostgreSQL when ``--pg URL`` or
``$FAULTLINE_BENCH_PG_URL`` / ``$FAULTLINE_TEST_PG_URL`` names a server (PostGIS needed), in a
fresh schema dropped at the end (or ``--pg-schema NAME``, kept). A kept database that already
holds the N events is reused and not loaded again.

Load: ``Store.save_many`` in batches of ``--batch`` articles (time spent in it, not in making
the records), then ``ANALYZE`` (``VACUUM ANALYZE`` on PostgreSQL). Queries:
``Store.events(EventFilter(...), limit=50)``, what
``faultline events`` runs (a page of 50 fully loaded events plus the total that matched), each
query ``--repeat`` times with varied parameters after one warm-up call. The target is a p95
under 200 ms on both engines; ``--explain`` prints each query's plans and the time of its
count and page statements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema
from synthetic_events import FIRST_DAY, LAST_DAY, EventGenerator

from faultline.mentions.gazetteer import load_gazetteer
from faultline.models import EventFilter
from faultline.store import Store, resolve_url

TARGET_MS = 200.0
PAGE = 50
PG_ENV_VARS = ("FAULTLINE_BENCH_PG_URL", "FAULTLINE_TEST_PG_URL")
NEAR_KM = 50.0
NEAR_CITIES = ("Bunia", "Beni", "Bamako", "Mogadishu", "Khartoum", "Niamey", "Juba", "Kinshasa")


@dataclass(frozen=True, slots=True)
class Query:
    """One query row of the report: a label and the filters its repeats cycle through."""

    label: str
    filters: tuple[EventFilter, ...]


@dataclass(slots=True)
class Timing:
    ms: list[float] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.ms)  # nearest rank: the value below which q of the runs fall
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass(slots=True)
class EngineRun:
    name: str
    url: str
    events: int = 0
    articles: int = 0
    generate_s: float | None = None
    save_s: float | None = None
    analyze_s: float | None = None
    size_mb: float | None = None
    timings: dict[str, Timing] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per query")
    parser.add_argument("--batch", type=int, default=500, help="articles per save_many")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", default=None, help=f"PostgreSQL URL (default: ${PG_ENV_VARS[0]})")
    parser.add_argument("--keep", type=Path, default=None, help="SQLite file to keep/reuse")
    parser.add_argument("--pg-schema", default=None, help="PostgreSQL schema to keep/reuse")
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--analyze", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--explain", action="store_true", help="print plans and statement times")
    args = parser.parse_args()
    pg_url = args.pg or next((os.environ[v] for v in PG_ENV_VARS if os.environ.get(v)), None)
    if not args.sqlite and not pg_url:
        sys.exit("nothing to run: --no-sqlite and no PostgreSQL URL")

    # Wide enough for the report when the output goes to a file or a pipe.
    console = Console(width=None if sys.stdout.isatty() else 150)
    generator = EventGenerator(args.seed)
    queries = build_queries(args.repeat, args.seed)
    runs: list[EngineRun] = []
    with tempfile.TemporaryDirectory() as tmp:
        engines: list[tuple[str, Callable[[], Any]]] = []
        if args.sqlite:
            path = args.keep or Path(tmp) / "bench.db"
            engines.append(("SQLite", lambda: _sqlite(path)))
        if pg_url:
            engines.append(("PostgreSQL", lambda: _pg_schema(pg_url, args.pg_schema)))
        for name, open_database in engines:
            with open_database() as url:
                run = EngineRun(name, url)
                with Store.open(url) as store:
                    console.print(f"[bold]{name}[/]: {store.url}")
                    load(store, generator, args.events, args.batch, run, console)
                    if args.analyze:
                        run.analyze_s = analyze(store)
                    run.size_mb = database_mb(store)
                    for query in queries:
                        run.timings[query.label] = time_query(store, query)
                    if args.explain:
                        explain(store, queries, console)
                runs.append(run)
    report(runs, queries, args, console)


# --- databases --------------------------------------------------------------------------------


@contextmanager
def _sqlite(path: Path) -> Iterator[str]:
    yield f"sqlite:///{path}"


@contextmanager
def _pg_schema(base: str, keep: str | None) -> Iterator[str]:
    """A schema of our own (PostGIS stays in ``public``), dropped afterwards unless kept."""
    schema = keep or f"faultline_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(resolve_url(base))
    try:
        with admin.begin() as connection:
            connection.execute(CreateSchema(schema, if_not_exists=True))
        options = {"options": f"-csearch_path={schema},public"}
        yield make_url(resolve_url(base)).update_query_dict(options).render_as_string(False)
    finally:
        if keep is None:
            with admin.begin() as connection:
                connection.execute(DropSchema(schema, cascade=True, if_exists=True))
        admin.dispose()


def database_mb(store: Store) -> float:
    engine = store.engine
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database or "")
        files = [path, path.with_name(path.name + "-wal")]
        return sum(p.stat().st_size for p in files if p.exists()) / 2**20
    sql = (
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
    )
    with engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one()) / 2**20


# --- load ---------------------------------------------------------------------------------------


def load(
    store: Store,
    generator: EventGenerator,
    events: int,
    batch_size: int,
    run: EngineRun,
    console: Console,
) -> None:
    existing = store.count_events()
    if existing:
        if existing != events:
            sys.exit(f"{store.url} holds {existing:,} events, not {events:,}: use another --keep")
        console.print(f"  reusing the {existing:,} events already stored (no load)")
        run.events = existing
        run.articles = store.count_articles()
        return
    columns = (
        TextColumn("  loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    saving = 0.0
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("load", total=events)
        batch: list[Any] = []

        def flush() -> None:
            nonlocal saving
            start = time.perf_counter()
            store.save_many(batch)
            saving += time.perf_counter() - start
            progress.advance(task, sum(len(extraction.events) for _, extraction in batch))
            run.articles += len(batch)
            batch.clear()

        for item in generator.generate(events):
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    run.events = store.count_events()
    run.save_s = saving
    run.generate_s = time.perf_counter() - started - saving
    if run.events != events:
        sys.exit(f"stored {run.events:,} events, expected {events:,}")


def analyze(store: Store) -> float:
    """Planner statistics for the freshly loaded tables; on PostgreSQL also VACUUM, which sets
    the visibility map that index-only scans need (autovacuum does the same, later, after a
    bulk insert in real use)."""
    start = time.perf_counter()
    statement = "VACUUM ANALYZE" if store.engine.dialect.name == "postgresql" else "ANALYZE"
    autocommit = store.engine.execution_options(isolation_level="AUTOCOMMIT")
    with autocommit.connect() as connection:
        connection.exec_driver_sql(statement)
    return time.perf_counter() - start


# --- queries ------------------------------------------------------------------------------------


def build_queries(repeat: int, seed: int) -> list[Query]:
    """The same parameters for every engine: date windows inside 2015–2025, cities by name
    through the gazetteer as ``--near NAME`` resolves them."""
    rng = random.Random(seed + 1)
    span_days = (LAST_DAY - FIRST_DAY).days

    def windows(width: int) -> tuple[EventFilter, ...]:
        found = []
        for _ in range(repeat):
            since = FIRST_DAY + dt.timedelta(days=rng.randrange(span_days - width))
            until = since + dt.timedelta(days=width - 1)
            found.append(EventFilter(countries=("COD",), since=since, until=until))
        return tuple(found)

    gazetteer = load_gazetteer()

    def near(name: str) -> EventFilter:
        point = next(c for c in gazetteer.lookup(name) if c.lat is not None and c.lon is not None)
        return EventFilter(near=(point.lat, point.lon), km=NEAR_KM)  # type: ignore[arg-type]

    cities = tuple(near(NEAR_CITIES[i % len(NEAR_CITIES)]) for i in range(repeat))
    return [
        Query("--country COD --since --until (30 days)", windows(30)),
        Query("--country COD --since --until (1 year)", windows(365)),
        Query(f"--near Goma --km {NEAR_KM:g}", (near("Goma"),) * repeat),
        Query(f"--near ({len(NEAR_CITIES)} cities) --km {NEAR_KM:g}", cities),
    ]


def time_query(store: Store, query: Query) -> Timing:
    timing = Timing()
    store.events(query.filters[0], limit=PAGE)  # warm-up: caches, pool, statement compile
    for flt in query.filters:
        start = time.perf_counter()
        page = store.events(flt, limit=PAGE)
        timing.ms.append((time.perf_counter() - start) * 1000)
        timing.totals.append(page.total)
    return timing


def explain(store: Store, queries: list[Query], console: Console) -> None:
    """For the first parameters of each query: every statement ``Store.events`` runs, with
    its time to first row, and the plans of the first two (the count and the sorted page)."""
    engine = store.engine
    dialect = engine.dialect.name
    prefix = "EXPLAIN QUERY PLAN " if dialect == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    for query in queries:
        total_ms, seen = traced(store, query.filters[0])
        console.print(f"\n[bold]{dialect}: {query.label}[/] ({total_ms:.1f} ms in all)")
        for index, (statement, parameters, took) in enumerate(seen):
            head = " ".join(statement.split())[:90]
            console.print(f"  {took:7.1f} ms  {head}", markup=False, highlight=False)
            if index >= 2:
                continue
            with engine.connect() as connection:
                rows = connection.exec_driver_sql(prefix + statement, parameters).all()
            for row in rows:
                line = row[-1] if dialect == "sqlite" else row[0]
                console.print(f"             {line}", markup=False, highlight=False)


def traced(store: Store, flt: EventFilter) -> tuple[float, list[tuple[str, Any, float]]]:
    """``store.events(flt)``'s time and each statement it ran: SQL, parameters, ms."""
    engine = store.engine
    seen: list[tuple[str, Any, float]] = []
    started: list[float] = []

    def before(*_: Any) -> None:
        started.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters, (time.perf_counter() - started[-1]) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        start = time.perf_counter()
        store.events(flt, limit=PAGE)
        return (time.perf_counter() - start) * 1000, seen
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


# --- report -------------------------------------------------------------------------------------


def report(runs: list[EngineRun], queries: list[Query], args: Any, console: Console) -> None:
    load_table = Table(title=f"load: {args.events:,} synthetic events, batches of {args.batch}")
    for column in ("engine", "events", "articles", "save_many s", "events/s", "ANALYZE s"):
        load_table.add_column(column, justify="right")
    load_table.add_column("size MB", justify="right")
    load_table.add_column("make records s", justify="right")
    for run in runs:
        load_table.add_row(
            run.name,
            f"{run.events:,}",
            f"{run.articles:,}",
            _num(run.save_s, "{:.1f}"),
            _num(run.events / run.save_s if run.save_s else None, "{:,.0f}"),
            _num(run.analyze_s, "{:.1f}"),
            _num(run.size_mb, "{:,.0f}"),
            _num(run.generate_s, "{:.1f}"),
        )
    console.print(load_table)

    title = (
        f"Store.events(..., limit={PAGE}) in ms: {args.repeat} runs per query after a "
        f"warm-up; target p95 < {TARGET_MS:.0f} ms"
    )
    table = Table(title=title, caption="matched: median of the totals the runs reported")
    table.add_column("query", no_wrap=True)
    table.add_column("matched", justify="right")
    for run in runs:
        for column in ("p50", "p95", "p95/target"):
            table.add_column(f"{run.name} {column}", justify="right")
    for query in queries:
        totals = runs[0].timings[query.label].totals if runs else []
        row = [query.label, f"{statistics.median(totals):,.0f}" if totals else "-"]
        for run in runs:
            timing = run.timings[query.label]
            p95 = timing.quantile(0.95)
            ratio = p95 / TARGET_MS
            style = "green" if ratio < 1 else "red"
            row += [
                f"{timing.quantile(0.50):.1f}",
                f"{p95:.1f}",
                f"[{style}]{ratio:.2f}[/]",
            ]
        table.add_row(*row)
    console.print(table)
    _check_same_totals(runs, queries, console)


def _check_same_totals(runs: list[EngineRun], queries: list[Query], console: Console) -> None:
    """Both engines loaded the same records, so every query must match the same number."""
    for query in queries:
        seen = {run.name: run.timings[query.label].totals for run in runs}
        if len({tuple(totals) for totals in seen.values()}) > 1:
            console.print(f"[red]engines disagree on how many events match {query.label!r}[/]")


def _num(value: float | None, fmt: str) -> str:
    return "-" if value is None else fmt.format(value)


if __name__ == "__main__":
    main()
