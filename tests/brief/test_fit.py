"""One A4 page: the printed height is estimated from the HTML, and a page that would overflow
is shrunk to fit."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from faultline.brief import gather_brief, render_brief
from faultline.brief.fit import MIN_ZOOM, PAGE_MM, TARGET, estimated_height, zoom_to_fit
from faultline.minerals.exposure import exposure_series
from faultline.store import Store
from tests.brief.conftest import hand_reference

LINE = "Rebels attacked a convoy on the road north of the town, killing several soldiers. " * 2


def page(left_items: int, sources: int = 0) -> str:
    items = "".join(f"<li>{LINE}</li>" for _ in range(left_items))
    listed = "".join(f"<li>{LINE}</li>" for _ in range(sources))
    return (
        '<main class="page"><section class="columns"><div class="left"><ol>'
        f'{items}</ol></div><div class="right"><p>Minerals</p></div></section>'
        f'<section id="sources"><h2>Sources</h2><ol>{listed}</ol></section></main>'
    )


def test_a_short_page_is_left_as_it_is():
    assert estimated_height(page(5)) < PAGE_MM
    assert zoom_to_fit(page(5)) == 1.0


@pytest.mark.parametrize("items", [10, 40, 80])
def test_the_estimate_grows_with_every_line(items):
    assert estimated_height(page(items + 1)) > estimated_height(page(items))
    assert estimated_height(page(items, sources=20)) > estimated_height(page(items))


def test_an_overflowing_page_is_shrunk_just_enough_to_fit():
    long = page(30)
    zoom = zoom_to_fit(long)
    assert MIN_ZOOM < zoom < 1
    assert estimated_height(long, zoom) <= PAGE_MM * TARGET < estimated_height(long, zoom + 0.01)
    assert zoom_to_fit(page(2000)) == MIN_ZOOM


def test_zoomed_text_shrinks_faster_than_the_page():
    # Laid out wider, each zoomed line holds more: text shrinks by the square of the zoom.
    text_only = page(30)
    assert estimated_height(text_only, 0.5) < estimated_height(text_only) * 0.5


def test_a_brief_too_long_for_a_page_is_printed_smaller(hand_store: Store):
    brief = gather_brief(
        hand_store, "COD", name="Democratic Republic of the Congo", numeric="180",
        reference=hand_reference(), exposure=exposure_series, today=dt.date(2025, 1, 2),
    )  # fmt: skip
    assert "zoom:" not in render_brief(brief, None).html
    crowded = dataclasses.replace(
        brief,
        key_events=tuple(
            dataclasses.replace(brief.key_events[0], rank=rank) for rank in range(1, 60)
        ),
    )
    assert "@media print { .page { zoom: 0." in render_brief(crowded, None).html
