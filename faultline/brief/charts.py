"""The brief's charts as inline SVG (no script: they print as drawn).

The timeline stacks each bin's events by type family (violent, coercive, cooperative) with the
count above the bar and the happenings' deaths (``†``) under its label. Every bar, label and
figure sits in a group whose ``data-events`` names the events it counts, so the page traces.
"""

from __future__ import annotations

from collections.abc import Sequence

from faultline.brief.svg import element, ids, num, text
from faultline.models import ExposureSeries, TimelineBin, TypeFamily

FAMILIES: tuple[TypeFamily, ...] = ("violent", "coercive", "cooperative")
TIMELINE_WIDTH = 440
TIMELINE_HEIGHT = 135
_TOP = 12  # room for the counts above the bars
_BOTTOM = 26  # room for the labels and deaths under the axis
_SIDE = 4
_MAX_BAR = 26
_CHAR_WIDTH = 4.8  # of the 8-unit label font
SPARK_WIDTH = 120
SPARK_HEIGHT = 22


def timeline_svg(bins: Sequence[TimelineBin]) -> str:
    """Stacked bars per bin, sized to the busiest bin; bins without events are left empty."""
    plot_height = TIMELINE_HEIGHT - _TOP - _BOTTOM
    band = (TIMELINE_WIDTH - 2 * _SIDE) / max(len(bins), 1)
    tallest = max((len(b.events) for b in bins), default=0) or 1
    labelled = _labelled(bins, band)
    bars = [
        _bar(b, _SIDE + i * band, band, plot_height / tallest, i in labelled)
        for i, b in enumerate(bins)
        if b.events or b.killed.value
    ]
    axis = element(
        "line",
        {"class": "axis", "x1": _SIDE, "x2": TIMELINE_WIDTH - _SIDE,
         "y1": _TOP + plot_height, "y2": _TOP + plot_height},
    )  # fmt: skip
    return element(
        "svg",
        {
            "class": "timeline",
            "viewBox": f"0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}",
            "role": "img",
            "aria-label": "events per period by type family",
        },
        axis,
        *bars,
    )


def _labelled(bins: Sequence[TimelineBin], band: float) -> set[int]:
    """Bins that get a label: those with events, as many as fit without overlapping."""
    chosen: set[int] = set()
    last = -TIMELINE_WIDTH
    for i, b in enumerate(bins):
        centre = _SIDE + (i + 0.5) * band
        # Labels are centred, so two neighbours need a label's width between their centres.
        if (b.events or b.killed.value) and centre - last >= len(b.label) * _CHAR_WIDTH + 4:
            chosen.add(i)
            last = centre
    return chosen


def _bar(b: TimelineBin, x: float, band: float, unit: float, labelled: bool) -> str:
    width = min(band * 0.8, _MAX_BAR)
    left = x + (band - width) / 2
    centre = x + band / 2
    baseline = TIMELINE_HEIGHT - _BOTTOM
    parts = [element("title", {}, text(f"{b.label}: {len(b.events)} events"))]
    y = baseline
    for family in FAMILIES:
        members = getattr(b, family)
        if not members:
            continue
        height = len(members) * unit
        y -= height
        parts.append(
            element(
                "rect",
                {"class": f"seg {family}", "data-events": ids(members), "x": left, "y": y,
                 "width": width, "height": height},
            )
        )  # fmt: skip
    if b.events and band >= 9:
        parts.append(_label(centre, y - 2, str(len(b.events)), "count"))
    if labelled:
        parts.append(_label(centre, baseline + 9, b.label, "tick"))
    if b.killed.value and band >= 9:
        parts.append(
            element(
                "g",
                {"class": "killed", "data-events": ids(b.killed.events)},
                _label(centre, baseline + 19, f"†{b.killed.value}", "killed"),
            )
        )
    return element("g", {"class": "bar", "data-events": ids(b.events), "data-bin": b.label}, *parts)


def _label(x: float, y: float, value: str, kind: str) -> str:
    return element("text", {"class": kind, "x": x, "y": y, "text-anchor": "middle"}, text(value))


def sparkline_svg(series: ExposureSeries) -> str:
    """The series as a line with its peak marked; no text (figures are shown beside it)."""
    values = [p.value for p in series.points]
    if not values:
        return ""
    top = max(values) or 1.0
    step = (SPARK_WIDTH - 4) / max(len(values) - 1, 1)
    points = [
        (2 + i * step, SPARK_HEIGHT - 2 - v / top * (SPARK_HEIGHT - 4))
        for i, v in enumerate(values)
    ]
    peak = points[values.index(max(values))]
    return element(
        "svg",
        {"class": "spark", "viewBox": f"0 0 {SPARK_WIDTH} {SPARK_HEIGHT}", "role": "img",
         "aria-label": f"{series.mineral} exposure"},
        element("polyline", {"points": " ".join(f"{num(x)},{num(y)}" for x, y in points)}),
        element("circle", {"cx": peak[0], "cy": peak[1], "r": 1.8}),
    )  # fmt: skip
