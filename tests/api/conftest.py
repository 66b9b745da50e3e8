"""A small store of our own articles for the API's schema, security and load tests: the demo
articles (written by the project) plus hostile ones we wrote, whose titles, sources, links and
text carry markup and script. Built once a session; each user gets a copy of the file."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from faultline.api import routes_articles, routes_events, routes_links, routes_minerals
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo" / "articles"

# Markup a hostile page could put into any field we store and show. The text still reports an
# event, so the hostile strings reach events, evidence and entities too.
HOSTILE_RECORDS = [
    {
        "title": "Raid on Rubaya <script>alert('title')</script>",
        "source": "<img src=x onerror=alert('source')>",
        "url": "javascript:alert('url')",
        "published": "2025-03-03",
        "text": "Raid on Rubaya <script>alert('title')</script>\n\n"
        "GOMA, North Kivu — M23 rebels attacked the mining town of Rubaya on Monday, killing "
        "three miners, <img src=x onerror=\"alert('img')\"> residents said. The fighters "
        "</script><script>alert('break-out')</script> looted the depot.\n",
    },
    {
        "title": "Curfew in Bamako\" onmouseover=\"alert('attr')",
        "source": "</script><svg onload=alert('svg')>",
        "url": "https://example.org/a?<script>",
        "published": "2025-03-04",
        "text": "Soldiers detained twelve traders in Bamako on Tuesday, police said. Read more at "
        "[the report](javascript:alert('link')) and <a href=\"javascript:alert('a')\">here</a>"
        " or <iframe src=\"javascript:alert('frame')\"></iframe>.\n",
    },
]


def route_operations() -> list[tuple[str, str]]:
    """(method, path) of every JSON route, read from the routers themselves."""
    return sorted(
        (method, f"/api{route.path}")
        for module in (routes_events, routes_links, routes_articles, routes_minerals)
        for route in module.router.routes
        for method in getattr(route, "methods", ())
    )


OPERATIONS = route_operations()


@pytest.fixture(scope="session")
def api_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api-store"))


def build_store(folder: Path) -> Path:
    """A SQLite store of the demo articles and the hostile ones, in ``folder``; its file."""
    hostile = folder / "hostile.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in HOSTILE_RECORDS]
    hostile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "template.db"
    with Store.open(f"sqlite:///{path}") as store:
        summary = ingest(list_inputs([str(DEMO_ARTICLES), str(hostile)]), store)
    assert not summary.failures, summary.failures
    return path


@pytest.fixture
def api_db(api_store_template: Path, tmp_path: Path) -> str:
    """A fresh copy of the store for one test (a test may write into it)."""
    return copy_store(api_store_template, tmp_path)


def copy_store(template: Path, folder: Path) -> str:
    target = folder / "api.db"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """``app`` under uvicorn on a free 127.0.0.1 port, in a thread; its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
