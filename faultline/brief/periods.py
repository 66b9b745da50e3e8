"""The timeline's bins: months for a period of up to three years, else quarters, else years, so
that one page always has room for every bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from faultline.models import TimelineUnit

MAX_MONTH_BINS = 36
MAX_QUARTER_BINS = 40


def timeline_unit(first: dt.date | None, last: dt.date | None) -> TimelineUnit:
    if first is None or last is None:
        return "month"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MAX_MONTH_BINS:
        return "month"
    return "quarter" if months <= 3 * MAX_QUARTER_BINS else "year"


def bins_for(first: dt.date, last: dt.date, unit: str) -> Iterator[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of every bin from ``first``'s to ``last``'s, in order."""
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    year, month = first.year, _bin_start_month(first.month, unit)
    while (year, month) <= (last.year, last.month):
        start = dt.date(year, month, 1)
        year, month = (year + (month - 1 + step) // 12, (month - 1 + step) % 12 + 1)
        yield _label(start, unit), start, dt.date(year, month, 1) - dt.timedelta(days=1)


def _bin_start_month(month: int, unit: str) -> int:
    if unit == "year":
        return 1
    if unit == "quarter":
        return 3 * ((month - 1) // 3) + 1
    return month


def _label(start: dt.date, unit: str) -> str:
    if unit == "year":
        return f"{start.year}"
    if unit == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"
