"""Calendar pieces for the time resolver: what a rule answers, and date arithmetic.

``Anchor`` is the publication date as far as it is known; rules answer with ``Resolved``,
``Unresolved``, ``Offset`` or ``SKIP`` (see time_rules.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Final

from faultline.models import TimeMethod, TimePrecision

__all__ = [
    "DECADE_WORDS", "MONTHS", "NUMBER_WORDS", "PART_OF", "SKIP", "WEEKDAYS", "Anchor", "Offset",
    "Outcome", "Resolved", "Unresolved", "add_months", "month_end", "no_year", "period", "shift",
    "unit_precision", "year_for",
]  # fmt: skip


MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2,
}  # fmt: skip
DECADE_WORDS: Final = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
# Month thirds: "early", "mid" and "late" January are days 1-10, 11-20 and 21 to the end.
PART_OF: Final = {
    "early": 0, "beginning of": 0, "start of": 0,
    "mid": 1, "middle of": 1,
    "late": 2, "end of": 2, "close of": 2,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a relative expression is counted from: the publication date, as far as known."""

    year: int | None
    month: int | None = None
    day: int | None = None
    future: bool = False  # the sentence speaks of the future ("will meet on Friday")

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class Resolved:
    start: dt.date
    end: dt.date | None  # None only for "since X" when the publication date is unknown
    precision: TimePrecision
    method: TimeMethod
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Unresolved:
    note: str
    method: TimeMethod = "relative_to_published"


@dataclass(frozen=True, slots=True)
class Offset:
    """A shift from an earlier expression; ``amount`` None when vague ("a few weeks later")."""

    amount: float | None
    unit: str  # day | week | month | year | decade


class _Skip:
    def __repr__(self) -> str:
        return "SKIP"


SKIP: Final = _Skip()
Outcome = Resolved | Unresolved | Offset | _Skip | None


# --- calendar arithmetic ------------------------------------------------------------------------


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(value.day, calendar.monthrange(year, month + 1)[1]))


def shift(value: dt.date, amount: float, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return value + dt.timedelta(days=round(amount * (7 if unit == "week" else 1)))
    return add_months(value, round(amount * {"month": 1, "year": 12, "decade": 120}[unit]))


def period(value: dt.date, precision: TimePrecision) -> tuple[dt.date, dt.date]:
    """The closed range of the day, Monday-to-Sunday week, month, year or decade holding it."""
    if precision == "day":
        return value, value
    if precision == "week":
        monday = value - dt.timedelta(days=value.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision == "month":
        return value.replace(day=1), month_end(value.year, value.month)
    first_year = value.year - value.year % 10 if precision == "decade" else value.year
    last_year = first_year + 9 if precision == "decade" else value.year
    return dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)


def unit_precision(unit: str, amount: float) -> TimePrecision:
    if unit == "year" and amount != int(amount):  # "two and a half years ago" lands in a month
        return "month"
    precisions: dict[str, TimePrecision] = {
        "day": "day", "week": "week", "month": "month", "year": "year", "decade": "year"
    }  # fmt: skip
    return precisions[unit]


# --- the year of a date written without one -----------------------------------------------------


def year_for(month: int, day: int | None, anchor: Anchor) -> tuple[int, TimeMethod, str | None]:
    """Publication year, or the one before when the date would fall after publication.

    News reports the past: "On November 24" in a March 2012 article is November 2011. A
    future-tense sentence flips the rule: "will meet in January" in November is next January.
    """
    assert anchor.year is not None
    if anchor.month is None:
        return anchor.year, "inferred", "year taken from the publication year"
    # A month without a day sorts after every day of the publication month when looking ahead.
    written, published = (month, day or 32), (anchor.month, anchor.day or 31)
    if anchor.future and written < published:
        return anchor.year + 1, "inferred", "year inferred: future tense, date before publication"
    if not anchor.future and (month, day or 1) > published:
        name = calendar.month_name[month]
        note = f"year inferred: {name} falls after the publication month, so the year before"
        return anchor.year - 1, "inferred", note
    return anchor.year, "relative_to_published", None


def no_year(what: str) -> Unresolved:
    return Unresolved(f"publication year unknown: cannot place {what} in a year")
