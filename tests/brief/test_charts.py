"""The timeline's bins and its SVG: stacked by type family, every bar and figure traced."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from faultline.brief.charts import sparkline_svg, timeline_svg
from faultline.brief.periods import bins_for, timeline_unit
from faultline.models import ExposurePoint, ExposureSeries, TimelineBin, TracedCount

D = dt.date


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        (D(2024, 1, 1), D(2024, 11, 30), "month"),
        (D(2022, 1, 1), D(2024, 12, 31), "month"),  # 36 months still fit
        (D(2021, 12, 1), D(2024, 12, 31), "quarter"),
        (D(2011, 6, 1), D(2024, 5, 22), "year"),
        (None, None, "month"),
    ],
)
def test_timeline_unit_keeps_bars_few_enough_for_a_page(first, last, unit):
    assert timeline_unit(first, last) == unit


@pytest.mark.parametrize(
    ("first", "last", "unit", "labels"),
    [
        (D(2024, 11, 14), D(2025, 2, 3), "month", ["2024-11", "2024-12", "2025-01", "2025-02"]),
        (D(2024, 2, 29), D(2024, 7, 1), "quarter", ["2024-Q1", "2024-Q2", "2024-Q3"]),
        (D(2011, 10, 1), D(2013, 1, 1), "year", ["2011", "2012", "2013"]),
    ],
)
def test_bins_cover_first_to_last_day(first, last, unit, labels):
    found = list(bins_for(first, last, unit))
    assert [label for label, _, _ in found] == labels
    assert found[0][1] <= first and last <= found[-1][2]
    ends = [end for _, _, end in found]
    starts = [start for _, start, _ in found]
    assert [end + dt.timedelta(days=1) for end in ends[:-1]] == starts[1:]


NONE_KILLED = TracedCount(0)


def a_bin(label, start, violent=(), coercive=(), cooperative=(), killed=NONE_KILLED):
    return TimelineBin(label, start, start, violent, coercive, cooperative, killed)


BINS = [
    a_bin("2024-05", D(2024, 5, 1), violent=("ev_1", "ev_2"), coercive=("ev_3",),
          killed=TracedCount(4, ("ev_1",))),
    a_bin("2024-06", D(2024, 6, 1)),
    a_bin("2024-07", D(2024, 7, 1), cooperative=("ev_4",)),
]  # fmt: skip


def test_each_bar_and_segment_names_its_events():
    svg = timeline_svg(BINS)
    bars = re.findall(r'<g class="bar" data-events="([^"]*)" data-bin="([^"]+)">', svg)
    assert bars == [("ev_1 ev_2 ev_3", "2024-05"), ("ev_4", "2024-07")]  # empty months: no bar
    assert '<rect class="seg violent" data-events="ev_1 ev_2"' in svg
    assert '<rect class="seg coercive" data-events="ev_3"' in svg
    assert '<rect class="seg cooperative" data-events="ev_4"' in svg


def test_deaths_are_marked_under_the_bar_and_traced_to_their_reports():
    svg = timeline_svg(BINS)
    assert re.search(r'<g class="killed" data-events="ev_1"><text [^>]*>†4</text></g>', svg)


def test_bar_heights_are_proportional_to_event_counts():
    svg = timeline_svg(BINS)
    heights = {
        family: float(height)
        for family, height in re.findall(r'class="seg (\w+)"[^>]*height="([\d.]+)"', svg)
    }
    assert heights["violent"] == pytest.approx(2 * heights["coercive"], abs=0.2)
    assert heights["coercive"] == pytest.approx(heights["cooperative"], abs=0.1)


def test_crowded_labels_are_thinned_but_every_bar_is_drawn():
    many = [a_bin(f"2024-{m:02d}", D(2024, m, 1), violent=(f"ev_{m}",)) for m in range(1, 13)]
    svg = timeline_svg(many * 3)  # 36 bins of about 12 units each
    assert svg.count('class="bar"') == 36
    assert 0 < svg.count('class="tick"') < 36


def test_sparkline_marks_the_peak_and_shows_no_text():
    points = tuple(
        ExposurePoint(f"2024-{m:02d}", D(2024, m, 1), D(2024, m, 28), value, 1, 0)
        for m, value in ((1, 0.0), (2, 2.5), (3, 1.0))
    )
    series = ExposureSeries("cobalt", "month", None, None, points, (), ())
    svg = sparkline_svg(series)
    xs = [float(x) for x in re.findall(r"([\d.]+),[\d.]+", svg)]
    assert len(xs) == 3 and xs == sorted(xs)
    assert re.search(r'<circle cx="[\d.]+" cy="2"', svg)  # the peak touches the top
    assert "<text" not in svg
    assert sparkline_svg(ExposureSeries("cobalt", "month", None, None, (), (), ())) == ""
