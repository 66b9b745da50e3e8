"""A real server over the seeds (plus a hostile article) and Debian's Chromium driven by
Playwright. Screenshots go to ``$FAULTLINE_ARTIFACTS`` (default ``test-artifacts/``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faultline.api import create_app
from faultline.api.web import VENDOR_DIR
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store
from tests.api.conftest import live_server

CHROMIUM = "/usr/bin/chromium"
# What the machine's closed network needs: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = """Rebels raid a mining town <script>alert('x')</script>

GOMA, North Kivu — M23 rebels attacked the mining town of Rubaya on Monday, killing three
people, <img src=x onerror="alert('img')"> residents said. Read more at
[the report](javascript:alert('link')) and <a href="javascript:alert('a')">here</a>.
"""


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("FAULTLINE_ARTIFACTS", "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> str:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    url = f"sqlite:///{folder / 'web.db'}"
    with Store.open(url) as store:
        ingest(list_inputs([str(corpus_dir / "seeds"), str(hostile)]), store)
    return url


@pytest.fixture(scope="session")
def server(browser_db: str) -> Iterator[str]:
    with live_server(create_app(browser_db)) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    missing = [
        what
        for what, there in (
            (f"{CHROMIUM} (apt-get install chromium)", Path(CHROMIUM).exists()),
            ("the dashboard's npm files (make install)", VENDOR_DIR.is_dir()),
        )
        if not there
    ]
    if missing:
        if os.environ.get("FAULTLINE_TEST_BROWSER"):
            pytest.fail(f"missing: {'; '.join(missing)} — .ci/run installs both")
        pytest.skip(f"missing: {'; '.join(missing)}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, server: str) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.requests = []  # every URL the page asked for
    opened.dialogs = []  # any alert() an injected script managed to run
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()
