"""Keep the brief on one A4 page: estimate the printed height from the rendered HTML, and
shrink the page (CSS ``zoom``) just enough when it would overflow.

Without a layout engine the height is estimated: each block (list item, paragraph, table row)
takes as many lines as its text needs at its column's characters per line, headings and the
figures take their drawn height, the two columns sit side by side and the sources run in two
columns below. The constants match the template's fonts and widths; the estimate errs long (a
block's last line is counted whole, a table row as if its text filled half its width).

A page zoomed by ``z`` is laid out ``1/z`` as wide, so that it still fills the sheet's width.
Its figures, as wide as their column, keep their printed size; headings shrink by ``z``; and
text shrinks by ``z²``, since each line is ``z`` as tall and holds ``1/z`` as many characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html.parser import HTMLParser

from faultline.brief.charts import TIMELINE_HEIGHT, TIMELINE_WIDTH
from faultline.brief.geo import MAP_HEIGHT, MAP_WIDTH

PAGE_MM = 297 - 2 * 9  # A4 less the @page margins
# The estimate is rough: the page is fitted into this share of the sheet.
TARGET = 0.96
FIXED_MM = 12 + 5  # header and footer
LEFT_MM, RIGHT_MM = 99.0, 88.0  # the two columns' widths
MIN_ZOOM = 0.6
_ZOOM_STEP = 0.01
_BLOCKS = frozenset({"li", "p", "tr", "h2", "figcaption"})
_LINE_MM = {"left": 3.3, "right": 3.3, "sources": 2.45}
_CHARS_PER_LINE = {"left": 68, "right": 60, "sources": 78}
_HEADING_MM = 6.5
_SPARK_MM = 1.6  # a sparkline makes its line taller than the text
# A table row is as tall as its fullest cell, and no cell has more than half the row's width.
_CELL_SHARE = 0.5
_BLOCK_GAP_MM = 0.7
_SOURCE_COLUMNS = 2


@dataclass(slots=True)
class _Region:
    """A column's height in three parts that a zoom shrinks differently (module note)."""

    figures: float = 0.0
    fixed: float = 0.0  # headings, gaps, lines raised by sparklines
    text: float = 0.0

    def at(self, zoom: float) -> float:
        return self.figures + self.fixed * zoom + self.text * zoom * zoom


class _HeightEstimate(HTMLParser):
    """Walks the page once, adding each block's estimated height to its region."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.regions = {name: _Region() for name in _LINE_MM}
        self._stack: list[tuple[str, str | None]] = []  # (tag, region it opens)
        self._chars: list[int] = []

    @property
    def region(self) -> str | None:
        return next((r for _, r in reversed(self._stack) if r), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        opens = _region_of(tag, found.get("class") or "", found.get("id") or "")
        self._stack.append((tag, opens))
        region = self.region
        if tag == "svg" and region in ("left", "right"):
            self._add_svg(self.regions[region], found.get("class") or "", region)
        if tag in _BLOCKS:
            self._chars.append(0)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag in _BLOCKS:
                self._close_block(open_tag)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._chars and not any(t in ("svg", "style", "title") for t, _ in self._stack):
            self._chars[-1] += len(" ".join(data.split()))

    def _add_svg(self, region: _Region, css_class: str, name: str) -> None:
        width = LEFT_MM if name == "left" else RIGHT_MM
        if "timeline" in css_class:
            region.figures += width * TIMELINE_HEIGHT / TIMELINE_WIDTH
        elif "map" in css_class:
            region.figures += width * MAP_HEIGHT / MAP_WIDTH
        elif "spark" in css_class:
            region.fixed += _SPARK_MM

    def _close_block(self, tag: str) -> None:
        chars = self._chars.pop()
        name = self.region
        if name is None:
            return
        region = self.regions[name]
        if tag == "h2":
            region.fixed += _HEADING_MM
            return
        if not chars:
            return
        per_line = _CHARS_PER_LINE[name] * (_CELL_SHARE if tag == "tr" else 1)
        region.text += math.ceil(chars / per_line) * _LINE_MM[name]
        region.fixed += _BLOCK_GAP_MM


def _region_of(tag: str, css_class: str, element_id: str) -> str | None:
    if tag == "div" and css_class in ("left", "right"):
        return css_class
    return "sources" if element_id == "sources" else None


def _regions(html: str) -> dict[str, _Region]:
    walk = _HeightEstimate()
    walk.feed(html)
    walk.close()
    return walk.regions


def _height(regions: dict[str, _Region], zoom: float) -> float:
    columns = max(regions["left"].at(zoom), regions["right"].at(zoom))
    sources = regions["sources"]
    listed = (sources.fixed + sources.text * zoom) * zoom / _SOURCE_COLUMNS
    return (FIXED_MM + _HEADING_MM) * zoom + columns + listed


def estimated_height(html: str, zoom: float = 1.0) -> float:
    """The page's printed height in mm at ``zoom``, estimated (see the module's note)."""
    return _height(_regions(html), zoom)


def zoom_to_fit(html: str) -> float:
    """1 when the page fits; else the largest zoom (in steps of 0.01, at least MIN_ZOOM) at
    which its estimated height fits the page, with room to spare."""
    regions = _regions(html)
    room = PAGE_MM * TARGET
    zoom = 1.0
    while zoom > MIN_ZOOM and _height(regions, zoom) > room:
        zoom = round(zoom - _ZOOM_STEP, 2)
    return max(zoom, MIN_ZOOM)
