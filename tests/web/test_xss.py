"""Stored XSS, end to end: articles whose title, source, link and text carry <script>,
``onerror`` handlers, ``javascript:`` links and ``</script>`` break-outs, served by a real
server to Debian's Chromium. No script of theirs runs, nothing is blocked by the
Content-Security-Policy either (so none of it ever reached the page as markup, and the
dashboard's own code lives within the policy), and the markup shows as text. A server with a
token serves the whole dashboard from one ``/?token=`` link."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faultline.api import create_app
from tests.api.conftest import HOSTILE_RECORDS, build_store, copy_store, live_server
from tests.web.conftest import artifacts_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY = "body[data-ready=true]"
TOKEN = "xss-test-token"
# Runs before any page script (and outside the page's CSP): records what a script of the
# article's would do, and every CSP violation.
WATCH = """
window.__ran = [];
window.alert = (m) => window.__ran.push(String(m));
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("xss"))


@pytest.fixture(scope="module")
def plain_server(hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(copy_store(hostile_db, tmp_path_factory.mktemp("xss-plain")))
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="module")
def token_server(hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(copy_store(hostile_db, tmp_path_factory.mktemp("xss-token")), token=TOKEN)
    with live_server(app) as base:
        yield base


@pytest.fixture
def watched_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.dialogs = []
    page.statuses = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("response", lambda r: page.statuses.append((r.status, r.url)))
    yield page
    context.close()


def assert_nothing_ran(page: Any) -> None:
    assert page.dialogs == []
    assert page.evaluate("window.__ran") == []
    assert page.evaluate("window.__violations") == []
    scripts = page.locator("script").evaluate_all("s => s.map(x => x.getAttribute('src'))")
    assert all(src and src.startswith(("/static/", "/vendor/")) for src in scripts), scripts
    injected = "img[src=x], iframe, svg[onload], [onerror], [onmouseover], [onload]"
    assert page.locator(injected).count() == 0
    hrefs = page.locator("a[href]").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]


def open_event_of(page: Any, base: str, text: str) -> None:
    page.goto(f"{base}/?text={text}&include_background=true")
    page.wait_for_selector(READY, timeout=30_000)
    row = page.locator("#events-list li[data-event-id]").first
    row.wait_for()
    row.click()
    page.wait_for_selector("#article-text")


def test_hostile_titles_sources_links_and_text_render_as_text(
    watched_page: Any, plain_server: str
) -> None:
    page = watched_page
    first, second = HOSTILE_RECORDS
    open_event_of(page, plain_server, "Rubaya")
    shown = page.locator("#event-page").inner_text()
    assert first["title"] in shown and first["source"] in shown  # the markup, as text
    assert (
        "</script><script>alert('break-out')</script>" in page.locator("#article-text").inner_text()
    )
    assert page.locator("#event-page a", has_text="original").count() == 0  # javascript: url
    page.screenshot(path=str(artifacts_dir() / "xss-rubaya.png"), full_page=True)
    assert_nothing_ran(page)

    open_event_of(page, plain_server, "Bamako traders")
    assert second["source"] in page.locator("#event-page").inner_text()
    original = page.locator("#event-page a", has_text="original")
    assert original.get_attribute("href") == "https://example.org/a?%3Cscript%3E"
    assert_nothing_ran(page)


def test_a_pasted_hostile_article_renders_as_text(watched_page: Any, plain_server: str) -> None:
    page = watched_page
    page.goto(plain_server)
    page.wait_for_selector(READY, timeout=30_000)
    page.fill("#paste-title", "<img src=x onerror=alert('paste-title')>")
    page.fill(
        "#paste-text",
        "Police detained nine students in Conakry on Friday <script>alert('paste')</script>.",
    )
    page.click("#paste-submit")
    page.wait_for_selector("#paste-result[data-state=done]", timeout=60_000)
    assert "<img src=x onerror=alert('paste-title')>" in page.locator("#paste-result").inner_text()
    assert_nothing_ran(page)


def test_with_a_token_one_link_opens_the_whole_dashboard(
    watched_page: Any, token_server: str
) -> None:
    page = watched_page
    page.goto(f"{token_server}/?token={TOKEN}")
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_selector("#map svg path.country")
    assert page.locator("#events-list li[data-event-id]").count() > 5
    assert "token=" not in page.url  # moved out of the address bar
    assert [s for s in page.statuses if s[0] == 401] == []
    assert_nothing_ran(page)


def test_with_a_token_the_dashboard_without_it_is_refused(
    watched_page: Any, token_server: str
) -> None:
    response = watched_page.goto(f"{token_server}/")
    assert response.status == 401
    assert response.headers["content-type"] == "application/json"
    assert watched_page.evaluate("window.__ran") == []
