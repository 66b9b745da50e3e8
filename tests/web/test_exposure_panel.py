"""The "Minerals at stake" panel in Debian's Chromium over the demo articles and the two DRC
seeds: cobalt's bars show the May 2024 coup attempt and Goma's fall in January 2025, a click on
a bar lists that month's drivers, a driver opens its event page, and another mineral redraws.
The panel's screenshot is kept as ``exposure-panel.png``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faultline.api import create_app
from faultline.pipeline import ReadOptions, ingest, list_inputs
from faultline.store import Store
from tests.api.conftest import DEMO_ARTICLES, live_server
from tests.web.conftest import artifacts_dir
from tests.web.test_dashboard import assert_stayed_local

pytestmark = [pytest.mark.browser, pytest.mark.slow]
READY = "body[data-ready=true]"
COUP_SEED = "drc-coup-attempt-2024.txt"
# Its page shows "10 de mar." with no year; the gold file dates it. Without a year nothing in it
# (Goma's fall "at the end of January" included) could be dated.
MINERALS_SEED = "drc-us-minerals-2025.txt"
MINERALS_PUBLISHED = dt.date(2025, 3, 10)
BARS = "#exposure-chart svg rect.exposure-bar"


@pytest.fixture(scope="module")
def exposure_server(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('exposure') / 'exposure.db'}"
    seeds = corpus_dir / "seeds"
    with Store.open(url) as store:
        for inputs, options in (
            ([str(DEMO_ARTICLES), str(seeds / COUP_SEED)], ReadOptions()),
            ([str(seeds / MINERALS_SEED)], ReadOptions(published=MINERALS_PUBLISHED)),
        ):
            summary = ingest(list_inputs(inputs), store, options)
            assert not summary.failures, summary.failures
    with live_server(create_app(url)) as base:
        yield base


@pytest.fixture
def panel_page(chromium: Any, exposure_server: str) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.requests = []
    opened.dialogs = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto(exposure_server)
    opened.wait_for_selector(READY, timeout=30_000)
    opened.wait_for_selector(BARS)
    yield opened
    context.close()


def bar_values(page: Any) -> dict[str, float]:
    bars = page.locator(BARS).evaluate_all(
        "bars => bars.map(b => [b.dataset.period, Number(b.dataset.value)])"
    )
    return dict(bars)


def test_cobalt_bars_show_the_coup_attempt_and_gomas_fall(panel_page: Any) -> None:
    page = panel_page
    assert page.locator("#exposure-mineral").input_value() == "cobalt"
    assert page.locator("#exposure-period").input_value() == "month"
    values = bar_values(page)
    assert values["2024-05"] > 0 and values["2025-01"] > 0
    caption = page.locator("#exposure-caption").inner_text()
    assert "COD" in caption and "of world mine production" in caption and "data 20" in caption
    assert page.locator("#exposure-drivers li[data-event-id]").count() >= 2
    assert_stayed_local(page)


def test_a_bar_lists_its_drivers_and_a_driver_opens_its_event(panel_page: Any) -> None:
    page = panel_page
    page.locator(f"{BARS}[data-period='2024-05']").click()
    page.wait_for_selector("#exposure-drivers-title:has-text('2024-05')")
    drivers = page.locator("#exposure-drivers li[data-event-id]")
    assert drivers.count() >= 1
    periods = drivers.evaluate_all("items => items.map(li => li.dataset.period)")
    assert set(periods) == {"2024-05"}
    first = drivers.first
    assert "+" in first.locator(".driver-contribution").inner_text()
    assert first.locator(".driver-locality").inner_text()  # the locality reason is spelled out
    page.locator("#exposure-panel").screenshot(path=str(artifacts_dir() / "exposure-panel.png"))

    event_id = first.get_attribute("data-event-id")
    first.locator("a.driver-link").click()
    page.wait_for_selector("#event-page #article-text")
    assert page.locator("#event-page").is_visible()
    assert f"event={event_id}" in page.url
    page.go_back()
    page.wait_for_selector(f"{BARS}[data-period='2025-01']")
    assert_stayed_local(page)


def test_choosing_gold_redraws_the_panel(panel_page: Any) -> None:
    page = panel_page
    cobalt_caption = page.locator("#exposure-caption").inner_text()
    page.select_option("#exposure-mineral", "gold")
    page.wait_for_url("**mineral=gold**")
    page.wait_for_selector("#exposure-panel[data-mineral='gold']")
    page.wait_for_selector(f"{BARS}, #exposure-chart svg text.empty")
    assert "gold" in (page.locator("#exposure-chart svg").get_attribute("aria-label") or "")
    assert page.locator("#exposure-caption").inner_text() != cobalt_caption
    page.reload()
    page.wait_for_selector("#exposure-panel[data-mineral='gold']")
    assert page.locator("#exposure-mineral").input_value() == "gold"
    assert_stayed_local(page)
