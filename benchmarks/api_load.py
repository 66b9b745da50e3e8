"""HTTP API under load: C concurrent clients for S seconds against ``GET /api/events`` with
varied filters while ``faultline ingest`` and posted articles write into the same SQLite store.

    .venv/bin/python benchmarks/api_load.py [--clients 50] [--seconds 60] [--events 10000]
        [--articles 40] [--writers 1] [--json FILE]

Builds a store in a temporary folder: ``--events`` synthetic events (``synthetic_events.py``,
as ``store_events.py`` loads them), marked as already linked (``link_incidents.mark_linked``) so
the ingest links only its own articles. Starts ``faultline serve`` on a free 127.0.0.1 port as
a subprocess and posts one article to it (the server loads its NLP models then, before the
clock). Then, at once: ``faultline ingest`` of ``--articles`` synthetic articles
(``synthetic_articles.py``) into the same file, ``--writers`` clients each posting synthetic
articles to ``POST /api/articles`` one after another (a second writer beside the ingest), and
the ``--clients`` readers (one httpx.AsyncClient, keep-alive, each sending its next request
when the last answer is read) until the time is up. Prints requests, throughput, error rate
(any answer but a 200 with an ``ok`` body, or none within 30 s), p50/p95/p99/max latency
(request sent to body read), the writes, and the ingest's outcome and how long it overlapped
the load. Exit status 1 on any error or an ingest that did not complete. The clients share
the machine's cores with the server and the ingest, so latency is the whole machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from link_incidents import mark_linked
from rich.console import Console
from rich.table import Table
from store_events import EngineRun, Timing, analyze, load
from synthetic_articles import generate, write_jsonl
from synthetic_events import EventGenerator

from faultline.store import Store

REQUEST_TIMEOUT_S = 30.0
# A posted article runs the whole pipeline on a machine the readers keep busy, and waits for
# the article posted before it (the server takes one at a time).
WRITE_TIMEOUT_S = 120.0
START_TIMEOUT_S = 180.0  # the server imports spaCy before it listens: slow on a busy machine
FAULTLINE = [sys.executable, "-m", "faultline"]
COUNTRIES = ("COD", "MLI", "SDN", "SOM", "NGA", "BFA", "NER", "ETH")
TYPES = ("Battles", "ASSAULT", "PROTEST", "Violence against civilians", "COERCE")
POINTS = ("-1.68,29.22", "1.56,30.25", "12.65,-8.00", "2.04,45.34", "15.50,32.56")
WORDS = ("attack", "drone", "airport", "protest", "killed", "army")
ACTORS = ("grp_m23", "army", "police", "grp_adf")
SORTS = ("-date", "date", "-killed", "country", "type")


@dataclass(slots=True)
class LoadResult:
    """What the clients saw, and what became of the ingest."""

    clients: int
    seconds: float
    ingest_articles: int
    elapsed_s: float = 0.0  # the clients stop sending at ``seconds``; answers may come later
    requests: int = 0
    errors: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    latency: Timing = field(default_factory=Timing)
    writes: int = 0
    write_errors: int = 0
    write_latency: Timing = field(default_factory=Timing)
    ingest_exit: int | None = None
    ingest_summary: str = ""
    ingest_s: float = 0.0
    ingest_overlap_s: float = 0.0
    articles_before: int = 0
    articles_after: int = 0
    server_errors: list[str] = field(default_factory=list)

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0

    def record(self, outcome: str, failed: bool, detail: str) -> None:
        self.statuses[outcome] += 1
        if failed and len(self.error_samples) < 5:
            self.error_samples.append(detail)

    @property
    def ingest_completed(self) -> bool:
        """Exit 0, and every article read and none failed (its summary line says so)."""
        found = re.search(r"read (\d+) .* failed (\d+)", self.ingest_summary)
        read, failed = (int(found[1]), int(found[2])) if found else (0, -1)
        return self.ingest_exit == 0 and read == self.ingest_articles and failed == 0

    def figures(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "seconds": self.seconds,
            "requests": self.requests,
            "elapsed_s": self.elapsed_s,
            "requests_per_s": self.requests / self.elapsed_s if self.elapsed_s else 0.0,
            "errors": self.errors,
            "error_rate": self.error_rate,
            "statuses": dict(self.statuses),
            "error_samples": self.error_samples,
            "p50_ms": self.latency.quantile(0.50),
            "p95_ms": self.latency.quantile(0.95),
            "p99_ms": self.latency.quantile(0.99),
            "max_ms": max(self.latency.ms),
            "writes": self.writes,
            "write_errors": self.write_errors,
            "write_p50_ms": self.write_latency.quantile(0.50) if self.writes else None,
            "write_max_ms": max(self.write_latency.ms) if self.writes else None,
            "ingest_completed": self.ingest_completed,
            "ingest_exit": self.ingest_exit,
            "ingest_summary": self.ingest_summary,
            "ingest_s": self.ingest_s,
            "ingest_overlap_s": self.ingest_overlap_s,
            "articles_before": self.articles_before,
            "articles_after": self.articles_after,
            "server_errors": self.server_errors,
        }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    with tempfile.TemporaryDirectory(prefix="faultline-load-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'load.db'}"
        articles = build_inputs(url, folder, args, console)
        result = LoadResult(args.clients, args.seconds, args.articles)
        result.articles_before = count_articles(url)
        with served(url, folder) as (base, server):
            if args.writers:
                warm_up_writes(base, args, console)
            ingest, ingest_started = start_ingest(url, articles, folder), time.monotonic()
            ingest_log = folder / "ingest.log"
            console.print(f"load: {args.clients} clients for {args.seconds:g} s on {base}")
            load_started = time.monotonic()
            asyncio.run(run_clients(base, args, result))
            load_ended = time.monotonic()
            result.elapsed_s = load_ended - load_started
            finish_ingest(ingest, ingest_log, (ingest_started, load_ended), args, result)
        result.server_errors = server_problems(server)
        result.articles_after = count_articles(url)
    report(result, console)
    if args.json:
        args.json.write_text(json.dumps(result.figures(), indent=2) + "\n", encoding="utf-8")
    clean = result.errors == 0 and result.write_errors == 0
    return 0 if clean and result.ingest_completed else 1


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events stored")
    parser.add_argument("--articles", type=int, default=40, help="articles the ingest adds")
    parser.add_argument(
        "--writers", type=int, default=1, help="clients POSTing articles meanwhile (a 2nd writer)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    return parser.parse_args(argv)


# --- set-up -------------------------------------------------------------------------------------


def build_inputs(url: str, folder: Path, args: argparse.Namespace, console: Console) -> Path:
    """The store (synthetic events, already linked) and the JSONL file the ingest reads."""
    started = time.perf_counter()
    with Store.open(url) as store:
        load(store, EventGenerator(args.seed), args.events, 500, EngineRun("SQLite", url), console)
        mark_linked(store, args.seed)
        analyze(store)
    articles = folder / "ingest.jsonl"
    write_jsonl(articles, args.articles, seed=args.seed)
    took = time.perf_counter() - started
    console.print(
        f"store: {args.events:,} events in {took:.1f} s; ingest: {args.articles} articles"
    )
    return articles


def count_articles(url: str) -> int:
    with Store.open(url) as store:
        return store.count_articles()


class served:
    """``faultline serve`` on a free loopback port, its stderr in a file; stopped with SIGINT."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url, self.log = url, folder / "server.log"

    def __enter__(self) -> tuple[str, Path]:
        port = free_port()
        command = [
            *FAULTLINE,
            "serve",
            "--db",
            self.url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, self.process)
        return base, self.log

    def __exit__(self, *_: object) -> None:
        self.process.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"faultline serve exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/api/meta", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    sys.exit(f"faultline serve did not answer within {START_TIMEOUT_S:.0f} s")


def warm_up_writes(base: str, args: argparse.Namespace, console: Console) -> None:
    """One article posted before the clock starts: the server loads its NLP models on the
    first, which is start-up cost, not the steady state the load measures."""
    started = time.perf_counter()
    [article] = generate(1, seed=args.seed + 2)
    response = httpx.post(f"{base}/api/articles", json={"text": article["text"]}, timeout=300)
    took = time.perf_counter() - started
    console.print(f"warm-up POST /api/articles: {response.status_code} in {took:.1f} s")


def start_ingest(url: str, articles: Path, folder: Path) -> subprocess.Popen[bytes]:
    log = (folder / "ingest.log").open("wb")
    command = [*FAULTLINE, "ingest", str(articles), "--db", url]
    # Rich writes its summary for an 80-column terminal: no progress bar to a file.
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)


def finish_ingest(
    process: subprocess.Popen[bytes],
    log: Path,
    times: tuple[float, float],
    args: argparse.Namespace,
    result: LoadResult,
) -> None:
    """Wait for the ingest (bounded: it may outlast the load) and record its outcome."""
    started, load_ended = times
    try:
        process.wait(timeout=max(300.0, 5 * args.seconds))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    ended = time.monotonic()
    result.ingest_exit = process.returncode
    result.ingest_s = ended - started
    result.ingest_overlap_s = min(ended, load_ended) - started
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    summary = [line for line in lines if line.startswith("read ")]
    result.ingest_summary = summary[-1].strip() if summary else "\n".join(lines[-5:])


def server_problems(log: Path) -> list[str]:
    """Tracebacks and error lines the server logged (uvicorn logs at warning and above)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if re.search(r"Traceback|Error|ERROR", line)][:20]


# --- the clients --------------------------------------------------------------------------------


def random_query(rng: random.Random) -> dict[str, Any]:
    """One ``/api/events`` query: a page size, a sort, and one to three filters."""
    year = rng.randint(2015, 2024)
    choices: list[dict[str, Any]] = [
        {"country": rng.choice(COUNTRIES)},
        {"type": rng.choice(TYPES)},
        {"since": f"{year}-01-01", "until": f"{year + 1}-06-30"},
        {"near": rng.choice(POINTS), "km": rng.choice((25, 50, 100))},
        {"text": rng.choice(WORDS)},
        {"actor": rng.choice(ACTORS)},
        {"min_killed": rng.choice((1, 5, 20))},
        {"coup": "true"},
    ]
    params: dict[str, Any] = {"limit": rng.choice((20, 50, 100, 200)), "sort": rng.choice(SORTS)}
    for chosen in rng.sample(choices, rng.randint(1, 3)):
        params.update(chosen)
    if rng.random() < 0.1:
        params["offset"] = rng.choice((100, 1000))
    return params


async def run_clients(base: str, args: argparse.Namespace, result: LoadResult) -> None:
    connections = args.clients + args.writers
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    timeout = httpx.Timeout(REQUEST_TIMEOUT_S)
    posts = list(generate(args.writers * 200, seed=args.seed + 1))
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        deadline = time.monotonic() + args.seconds
        readers = [
            read_loop(client, random.Random(args.seed * 1000 + n), deadline, result)
            for n in range(args.clients)
        ]
        writers = [
            write_loop(client, posts[n :: args.writers], deadline, result)
            for n in range(args.writers)
        ]
        await asyncio.gather(*readers, *writers)


async def read_loop(
    client: httpx.AsyncClient, rng: random.Random, deadline: float, result: LoadResult
) -> None:
    while time.monotonic() < deadline:
        params = random_query(rng)
        started = time.perf_counter()
        outcome, failed, detail = await send(client, "GET", "/api/events", params=params)
        result.latency.ms.append((time.perf_counter() - started) * 1000)
        result.requests += 1
        result.errors += failed
        result.record(outcome, failed, f"GET {outcome} {params}: {detail}")


async def write_loop(
    client: httpx.AsyncClient, articles: list[dict[str, str]], deadline: float, result: LoadResult
) -> None:
    for article in articles:
        if time.monotonic() >= deadline:
            return
        started = time.perf_counter()
        payload = {"text": article["text"], "title": article.get("title")}
        outcome, failed, detail = await send(
            client, "POST", "/api/articles", json=payload, timeout=WRITE_TIMEOUT_S
        )
        result.write_latency.ms.append((time.perf_counter() - started) * 1000)
        result.writes += 1
        result.write_errors += failed
        result.record(f"POST {outcome}", failed, f"POST {outcome}: {detail}")


async def send(
    client: httpx.AsyncClient, method: str, path: str, **kwargs: Any
) -> tuple[str, bool, str]:
    """(status or exception name, whether it failed, the start of the answer)."""
    try:
        response = await client.request(method, path, **kwargs)
    except httpx.HTTPError as exc:
        return type(exc).__name__, True, str(exc)[:200]
    failed = response.status_code not in (200, 201) or not response.content.startswith(
        b'{"ok":true'
    )
    return str(response.status_code), failed, response.text[:200]


# --- report -------------------------------------------------------------------------------------


def report(result: LoadResult, console: Console) -> None:
    figures = result.figures()
    table = Table(
        title=f"GET /api/events under load while an ingest writes (SQLite, {os.cpu_count()} cores)"
    )
    for column in ("clients", "seconds", "requests", "req/s", "errors", "error rate"):
        table.add_column(column, justify="right")
    for column in ("p50 ms", "p95 ms", "p99 ms", "max ms"):
        table.add_column(column, justify="right")
    table.add_row(
        str(result.clients),
        f"{result.seconds:g}",
        f"{result.requests:,}",
        f"{figures['requests_per_s']:.1f}",
        f"{result.errors:,}",
        f"{result.error_rate:.2%}",
        f"{figures['p50_ms']:.0f}",
        f"{figures['p95_ms']:.0f}",
        f"{figures['p99_ms']:.0f}",
        f"{figures['max_ms']:.0f}",
    )
    console.print(table)
    console.print(f"statuses: {dict(result.statuses)}", highlight=False)
    if result.writes:
        console.print(
            f"writes: {result.writes} POST /api/articles, {result.write_errors} failed, "
            f"p50 {figures['write_p50_ms']:.0f} ms, max {figures['write_max_ms']:.0f} ms",
            highlight=False,
        )
    for sample in result.error_samples:
        console.print(f"  [red]error[/]: {sample}", highlight=False)
    verdict = "[green]completed[/]" if result.ingest_completed else "[red]did not complete[/]"
    console.print(
        f"ingest: {verdict}, exit {result.ingest_exit}, {result.ingest_s:.1f} s "
        f"({result.ingest_overlap_s:.1f} s of it under load); articles "
        f"{result.articles_before:,} → {result.articles_after:,}",
        highlight=False,
    )
    console.print(f"  {result.ingest_summary}", highlight=False)
    for line in result.server_errors:
        console.print(f"  [red]server[/]: {line}", highlight=False)


if __name__ == "__main__":
    sys.exit(main())
