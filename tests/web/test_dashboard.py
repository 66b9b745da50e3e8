"""The dashboard in Debian's Chromium: the seeds on a map of Africa, a timeline and a graph;
filter to Mali, open the coup, see its evidence; hostile article text stays text; and no
request ever leaves 127.0.0.1. Screenshots are kept as test artifacts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.web.conftest import artifacts_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY = "body[data-ready=true]"


def open_dashboard(page: Any, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    page.wait_for_selector(READY, timeout=30_000)


def assert_stayed_local(page: Any) -> None:
    hosts = {urlparse(url).hostname for url in page.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, hosts
    assert not page.dialogs


def test_map_timeline_and_network_of_the_seeds(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.wait_for_selector("#map svg path.country[data-iso3='COD']")
    assert page.locator("#map path.country").count() > 50  # Natural Earth countries
    assert page.locator("#map circle.event-point").count() >= 5
    kinshasa = page.locator("#map path.country[data-iso3='COD']")
    assert "shaded" in (kinshasa.get_attribute("class") or "")  # country-level events
    assert page.locator("#timeline svg rect.bar").count() > 0
    page.wait_for_selector("#network svg .node[data-entity-id='grp_m23']")
    assert page.locator("#network .edge[data-predicate='supports']").count() >= 1
    assert page.locator("#events-list li[data-event-id]").count() > 10
    page.screenshot(path=str(artifacts_dir() / "dashboard.png"), full_page=True)
    assert_stayed_local(page)


def test_filter_to_mali_open_the_coup_and_see_its_evidence(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.select_option("#filter-country", "MLI")
    page.wait_for_url("**country=MLI**")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events-list li[data-event-id]')].length > 0"
    )
    rows = page.locator("#events-list li[data-event-id]")
    texts = rows.all_inner_texts()
    assert texts and all("MLI" in t or "Mali" in t or "Bamako" in t or "Kidal" in t
                         for t in texts[:10])  # fmt: skip
    coup = page.locator("#events-list li[data-event-id]", has_text="coup:").first
    coup.click()
    page.wait_for_selector("#event-page mark.evidence[data-field='event']")
    assert page.locator("#coup").is_visible()
    fields = set(page.locator("mark.evidence").evaluate_all("m => m.map(x => x.dataset.field)"))
    assert {"event", "date", "location"} <= fields
    assert "Bamako" in page.locator("mark.evidence[data-field='location']").first.inner_text()
    assert "event=" in page.url  # the event page can be shared by its URL
    page.screenshot(path=str(artifacts_dir() / "mali-coup-event.png"), full_page=True)
    page.go_back()
    page.wait_for_selector("#events-list li[data-event-id]")
    assert "country=MLI" in page.url
    assert_stayed_local(page)


def test_an_attributed_event_shows_who_says_so(page: Any, server: str) -> None:
    open_dashboard(page, server, "?country=COD&coup=true")
    page.locator("#events-list li[data-event-id]").first.click()
    page.wait_for_selector("#attribution")
    assert "Claimed by" in page.locator("#attribution").inner_text()
    assert page.locator("mark.evidence[data-field='attribution']").count() >= 1
    assert_stayed_local(page)


def test_hostile_article_text_renders_as_text_everywhere(page: Any, server: str) -> None:
    open_dashboard(page, server, "?text=Rubaya")
    row = page.locator("#events-list li[data-event-id]").first
    row.wait_for()
    row.click()
    page.wait_for_selector("#article-text")
    title = page.locator("#event-page").inner_text()
    assert "<script>" in title  # the headline's markup is shown, not run
    scripts = page.locator("script").evaluate_all("s => s.map(x => x.getAttribute('src'))")
    assert all(src and src.startswith(("/static/", "/vendor/")) for src in scripts)
    assert page.locator("#event-page img, #event-page iframe, #event-page [onerror]").count() == 0
    hrefs = page.locator("#event-page a").evaluate_all("a => a.map(x => x.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    page.screenshot(path=str(artifacts_dir() / "hostile-article.png"), full_page=True)
    assert_stayed_local(page)


def test_pasting_an_article_shows_its_events(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.fill(
        "#paste-text",
        "Soldiers arrested twelve opposition activists in Bamako on Monday, police said.",
    )
    page.click("#paste-submit")
    page.wait_for_selector("#paste-result[data-state=done]", timeout=60_000)
    assert "COERCE" in page.locator("#paste-result").inner_text()
    assert_stayed_local(page)


def test_a_resource_offer_shows_its_parties_and_the_minerals_at_stake(
    page: Any, server: str
) -> None:
    found = page.request.get(f"{server}/api/events?mineral=rare_earths").json()["events"]
    offer = next(e for e in found if e["deal"])
    open_dashboard(page, server, f"?event={offer['id']}")
    page.wait_for_selector("#deal")
    deal = page.locator("#deal").inner_text()
    assert "Deal offered" in deal and "rare earths" in deal
    assert "Government of the United States" in deal
    marks = page.locator("mark.evidence[data-field='minerals']")
    assert marks.count() >= 1 and "rare earth" in marks.first.inner_text()
    assert page.locator("#event-fields dt", has_text="Mineral").count() >= 1
    assert_stayed_local(page)
