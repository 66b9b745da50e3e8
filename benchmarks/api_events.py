"""HTTP API at scale: p95 latency of ``GET /api/events`` with filters on N stored events.

    .venv/bin/python benchmarks/api_events.py [--events 100000] [--repeat 30] [--keep PATH]

Loads N synthetic events into SQLite as ``store_events.py`` does (same generator, seed and
batches, so a ``--keep`` file of either benchmark is reused), starts the real app
(``create_app``) under uvicorn on a free loopback port in a background thread, and times real
HTTP requests through one keep-alive ``httpx.Client``: the whole round trip, JSON included.
Each query of the mix runs ``--repeat`` times after a warm-up, over HTTP and, for comparison,
in-process: ``Store.events`` with the filter the route builds, then the page encoded as the
route does (``event_to_json`` + ``json.dumps``). The target is a p95 under 150 ms over the
filtered queries.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from rich.console import Console
from rich.table import Table
from store_events import EngineRun, Timing, analyze, database_mb, load
from synthetic_events import EventGenerator

from faultline.api import create_app
from faultline.api.routes_events import event_filter
from faultline.export.event_json import event_to_json
from faultline.store import Store

TARGET_MS = 150.0
PAGE_KEYS = ("sort", "limit", "offset")


@dataclass(frozen=True, slots=True)
class Query:
    """One row of the report: ``/api/events`` query parameters (typed, as httpx sends them)."""

    label: str
    params: dict[str, Any]
    filtered: bool = True


@dataclass(slots=True)
class Result:
    http: Timing = field(default_factory=Timing)
    store: Timing = field(default_factory=Timing)
    encode: Timing = field(default_factory=Timing)
    returned: int = 0
    kb: float = 0.0


QUERIES = (
    Query("no filter (first page)", {}, filtered=False),
    Query("country=COD", {"country": ["COD"]}),
    Query(
        "country=COD type=Battles since=2020-01-01",
        {"country": ["COD"], "type": ["Battles"], "since": "2020-01-01"},
    ),
    Query("near=Goma (-1.68,29.22) km=100", {"near": "-1.68,29.22", "km": 100}),
    Query("text=drone", {"text": "drone"}),
    Query("actor=grp_m23", {"actor": "grp_m23"}),
    Query("min_killed=10 sort=-killed", {"min_killed": 10, "sort": "-killed"}),
    Query("coup=true", {"coup": True}),
    Query(
        "country=MLI 2019–2021 limit=500",
        {"country": ["MLI"], "since": "2019-01-01", "until": "2021-12-31", "limit": 500},
    ),
    Query("deep page offset=5000", {"offset": 5000}, filtered=False),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query")
    parser.add_argument("--batch", type=int, default=500, help="articles per save_many")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="SQLite file to keep/reuse")
    args = parser.parse_args()
    console = Console(width=None if sys.stdout.isatty() else 150)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{args.keep or Path(tmp) / 'bench.db'}"
        run = EngineRun("SQLite", url)
        with Store.open(url) as store:
            console.print(f"[bold]SQLite[/]: {store.url}")
            load(store, EventGenerator(args.seed), args.events, args.batch, run, console)
            if run.save_s is not None:
                run.analyze_s = analyze(store)
                console.print(
                    f"  loaded in {run.save_s:.1f} s (save_many), ANALYZE {run.analyze_s:.1f} s"
                )
            size = f"{run.events:,} events, {run.articles:,} articles, {database_mb(store):,.0f} MB"
            console.print(f"  {size}")
            results = {q.label: Result() for q in QUERIES}
            for query in QUERIES:
                time_direct(store, query, args.repeat, results[query.label])
        with serve(url) as base, httpx.Client(base_url=base, timeout=60.0) as client:
            for query in QUERIES:
                time_http(client, query, args.repeat, results[query.label])
    report(results, args, console)


# --- server -------------------------------------------------------------------------------------


@contextmanager
def serve(url: str) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a daemon thread; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sys.exit("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --- timing -------------------------------------------------------------------------------------


def time_http(client: httpx.Client, query: Query, repeat: int, result: Result) -> None:
    def once() -> tuple[float, httpx.Response, dict[str, Any]]:
        start = time.perf_counter()
        response = client.get("/api/events", params=query.params)
        body = response.json()  # the round trip ends when the client has the JSON
        took = (time.perf_counter() - start) * 1000
        if response.status_code != 200 or not body.get("ok"):
            sys.exit(f"{query.label}: HTTP {response.status_code} {response.text[:300]}")
        return took, response, body

    once()  # warm-up: connection, caches, statement compile
    for _ in range(repeat):
        took, response, body = once()
        result.http.ms.append(took)
        result.http.totals.append(body["total"])
        result.returned = len(body["events"])
        result.kb = len(response.content) / 1024


def time_direct(store: Store, query: Query, repeat: int, result: Result) -> None:
    """What the route does, without HTTP: the same filter, ``Store.events``, the encoding."""
    params = query.params
    flt = event_filter(**{k: v for k, v in params.items() if k not in PAGE_KEYS})
    sort, limit, offset = (
        params.get("sort", "-date"),
        params.get("limit", 100),
        params.get("offset", 0),
    )
    for index in range(repeat + 1):  # the first is the warm-up
        start = time.perf_counter()
        page = store.events(flt, sort=sort, limit=limit, offset=offset)
        loaded = time.perf_counter()
        body = {"ok": True, "total": page.total, "offset": offset, "limit": limit}
        body["events"] = [event_to_json(s.event, s.article) for s in page.events]
        json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        encoded = time.perf_counter()
        if index:
            result.store.ms.append((loaded - start) * 1000)
            result.store.totals.append(page.total)
            result.encode.ms.append((encoded - loaded) * 1000)


# --- report -------------------------------------------------------------------------------------


def report(results: dict[str, Result], args: Any, console: Console) -> None:
    title = (
        f"GET /api/events on {args.events:,} stored events, ms: {args.repeat} runs per query "
        f"after a warm-up; target p95 < {TARGET_MS:.0f} ms"
    )
    caption = (
        "HTTP: uvicorn + httpx keep-alive round trip, response JSON parsed. store: Store.events "
        "in-process. encode: event_to_json + json.dumps of that page. ratio: HTTP p50 / store p50"
    )
    table = Table(title=title, caption=caption)
    table.add_column("query", no_wrap=True)
    for column in ("matched", "returned", "KB", "HTTP p50", "HTTP p95", "HTTP max"):
        table.add_column(column, justify="right")
    for column in ("store p50", "store p95", "encode p50", "ratio"):
        table.add_column(column, justify="right")
    for query in QUERIES:
        result = results[query.label]
        p95 = result.http.quantile(0.95)
        style = "green" if p95 < TARGET_MS else "red"
        if result.http.totals != result.store.totals:
            console.print(f"[red]{query.label}: HTTP and store totals differ[/]")
        table.add_row(
            query.label,
            f"{result.http.totals[0]:,}",
            f"{result.returned:,}",
            f"{result.kb:,.0f}",
            f"{result.http.quantile(0.5):.1f}",
            f"[{style}]{p95:.1f}[/]",
            f"{max(result.http.ms):.1f}",
            f"{result.store.quantile(0.5):.1f}",
            f"{result.store.quantile(0.95):.1f}",
            f"{result.encode.quantile(0.5):.1f}",
            f"{result.http.quantile(0.5) / result.store.quantile(0.5):.1f}x",
        )
    console.print(table)

    for name, chosen in (
        ("filtered queries", [results[q.label] for q in QUERIES if q.filtered]),
        ("all queries", list(results.values())),
    ):
        http, store = Timing(), Timing()
        for result in chosen:
            http.ms += result.http.ms
            store.ms += result.store.ms
        p95 = http.quantile(0.95)
        verdict = "[green]PASS[/]" if p95 < TARGET_MS else "[red]FAIL[/]"
        console.print(
            f"{name} ({len(chosen)}): HTTP p95 {p95:.1f} ms vs target {TARGET_MS:.0f} ms: "
            f"{verdict}   (store p95 {store.quantile(0.95):.1f} ms, "
            f"HTTP/store {p95 / store.quantile(0.95):.1f}x)"
        )


if __name__ == "__main__":
    main()
