"""Rules that resolve the text of one date expression against the publication date.

dateparser cannot read "Early Sunday morning", "the end of January" or "since 2002", and it
reads "M23" as a date, so the shapes news reports use are handled here by small regex rules
over a normalised *core* (lower case, straight apostrophes, single spaces, a leading "in",
"on", "at" or "during" removed). Only what no rule recognises goes to dateparser (times.py).

``resolve_core`` answers with one of:

- ``Resolved``: a closed date range with its precision and method;
- ``Unresolved``: a date reference that cannot be placed (publication year unknown, "a few
  weeks later" with nothing to count from) — kept so events can see a date was mentioned;
- ``Offset``: "the next day", "two years later" — counted from an earlier expression;
- ``SKIP``: not a calendar date at all (ages, durations, clock times, "over the years");
- ``None``: no rule applies; dateparser may try.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from faultline.mentions.time_calendar import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PART_OF,
    SKIP,
    WEEKDAYS,
    Anchor,
    Offset,
    Outcome,
    Resolved,
    Unresolved,
    add_months,
    month_end,
    no_year,
    period,
    shift,
    unit_precision,
    year_for,
)
from faultline.models import TimePrecision

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Day-month or month-day: one regex may not name two groups alike, so the second order is "b".
_DAY_MONTH = (
    rf"(?:{_DAY} {_MONTH}|(?P<month_b>{_MONTH_NAMES})\.? (?P<day_b>\d{{1,2}})(?:st|nd|rd|th)?)"
)
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_VAGUE = r"(?:a few|few|several|some|many|a number of|a couple of)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_TIME_OF_DAY = r"(?: (?:morning|afternoon|evening|night|at dawn|at dusk|before dawn))?"


def _number(text: str, half: str | None = None) -> float:
    value = float(text) if text[0].isdigit() else float(NUMBER_WORDS[text])
    return value + (0.5 if half else 0.0)


# --- rules (each gets the full match of its pattern and the anchor) -----------------------------


def _month_day_of(m: re.Match[str]) -> tuple[int, int]:
    return MONTHS[m["month"] or m["month_b"]], int(m["day"] or m["day_b"])


def _full_date(m: re.Match[str], anchor: Anchor) -> Outcome:
    day = dt.date(int(m["year"]), *_month_day_of(m))
    return Resolved(day, day, "day", "explicit")


def _iso_date(m: re.Match[str], anchor: Anchor) -> Outcome:
    day = dt.date(int(m["year"]), int(m["m"]), int(m["d"]))
    return Resolved(day, day, "day", "explicit")


def _month_year(m: re.Match[str], anchor: Anchor) -> Outcome:
    start, end = period(dt.date(int(m["year"]), MONTHS[m["month"]], 1), "month")
    return Resolved(start, end, "month", "explicit")


def _month_day(m: re.Match[str], anchor: Anchor) -> Outcome:
    if anchor.year is None:
        return no_year(m[0])
    month, day = _month_day_of(m)
    year, method, note = year_for(month, day, anchor)
    value = dt.date(year, month, day)
    return Resolved(value, value, "day", method, note)


def _month_only(m: re.Match[str], anchor: Anchor) -> Outcome:
    if anchor.year is None:
        return no_year(m[0])
    month = MONTHS[m["month"]]
    year, method, note = year_for(month, None, anchor)
    start, end = period(dt.date(year, month, 1), "month")
    return Resolved(start, end, "month", method, note)


def _year(m: re.Match[str], anchor: Anchor) -> Outcome:
    start, end = period(dt.date(int(m["year"]), 1, 1), "year")
    return Resolved(start, end, "year", "explicit")


def _decade(m: re.Match[str], anchor: Anchor) -> Outcome:
    groups = m.groupdict()
    if groups.get("decade"):
        first = int(groups["decade"])
    else:
        tens = int(groups["short"]) if groups.get("short") else DECADE_WORDS[groups["word"]]
        # "the '90s" / "the nineties": the most recent such decade that has begun.
        century = (anchor.year or 2000) // 100 * 100
        first = century + tens if century + tens <= (anchor.year or 2000) else century - 100 + tens
    start, end = period(dt.date(first, 1, 1), "decade")
    return Resolved(start, end, "decade", "explicit" if groups.get("decade") else "inferred")


def _weekday(m: re.Match[str], anchor: Anchor) -> Outcome:
    published = anchor.date
    if published is None:
        return Unresolved("publication day unknown: cannot place a weekday")
    forward = m["which"] in ("next", "coming", "this coming") or (
        anchor.future and m["which"] not in ("last", "past")
    )
    target = WEEKDAYS.index(m["weekday"])
    # Strictly before (or after) publication: "on Wednesday" in a Wednesday paper is last week.
    if forward:
        value = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    else:
        value = published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
    return Resolved(value, value, "day", "relative_to_published")


_DEICTIC_DAYS: Final = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "overnight": -1, "the day before yesterday": -2,
    "tomorrow": 1,
}  # fmt: skip


def _deictic(m: re.Match[str], anchor: Anchor) -> Outcome:
    published = anchor.date
    if published is None:
        return Unresolved("publication day unknown: cannot place " + m[0])
    value = published + dt.timedelta(days=_DEICTIC_DAYS[m["word"]])
    return Resolved(value, value, "day", "relative_to_published")


def _calendar_unit(m: re.Match[str], anchor: Anchor) -> Outcome:
    """ "last month", "this year", "next week", "earlier this month", "the past year"."""
    unit, which = m["unit"], m["which"]
    precision = unit_precision(unit, 1)
    needs = {"year": anchor.year, "month": anchor.month, "week": anchor.day}[unit]
    if anchor.year is None or needs is None:
        return Unresolved(f"publication date too coarse to place {m[0]!r}")
    published = dt.date(anchor.year, anchor.month or 1, anchor.day or 1)
    if which in ("past", "last few"):
        start = shift(published, -1, unit) + dt.timedelta(days=1)
        note = f"the {unit} up to publication"
        return Resolved(start, published, precision, "relative_to_published", note)
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    start, end = period(shift(published, step, unit), precision)
    # "earlier this month" is over by publication; so is "this week" in a past-tense report.
    if which == "earlier" or (which == "this" and not anchor.future):
        end = min(end, published)
    return Resolved(start, end, precision, "relative_to_published")


_SEASONS: Final = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(m: re.Match[str], anchor: Anchor) -> Outcome:
    """Meteorological seasons of the northern hemisphere ("the summer of 2022": June-August)."""
    start = dt.date(int(m["year"]), _SEASONS[m["season"]], 1)
    end = add_months(start, 2)
    note = "northern-hemisphere season"
    return Resolved(start, month_end(end.year, end.month), "month", "explicit", note)


def _last_weekend(m: re.Match[str], anchor: Anchor) -> Outcome:
    published = anchor.date
    if published is None:
        return Unresolved("publication day unknown: cannot place the weekend")
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7 or 7)
    return Resolved(saturday, saturday + dt.timedelta(days=1), "week", "relative_to_published")


def _ago(m: re.Match[str], anchor: Anchor) -> Outcome:
    published = anchor.date
    if published is None:
        return Unresolved("publication date unknown: cannot count back from it")
    amount = _number(m["num"], m["half"])
    precision = unit_precision(m["unit"], amount)
    start, end = period(shift(published, -amount, m["unit"]), precision)
    return Resolved(start, end, precision, "relative_to_published")


def _past_n(m: re.Match[str], anchor: Anchor) -> Outcome:
    """ "the past three years": a range that ends at publication."""
    published = anchor.date
    if published is None:
        return Unresolved("publication date unknown: cannot count back from it")
    amount = _number(m["num"], m["half"])
    start = shift(published, -amount, m["unit"])
    return Resolved(start, published, unit_precision(m["unit"], amount), "relative_to_published")


def _offset(m: re.Match[str], anchor: Anchor) -> Outcome:
    unit = {"morning": "day", "afternoon": "day", "evening": "day", "night": "day"}.get(
        m["unit"], m["unit"]
    )
    backwards = m["dir"] in ("before", "earlier", "previous", "preceding")
    if m["num"] is None and m["vague"]:
        return Offset(None, unit)
    amount = _number(m["num"], m["half"]) if m["num"] else (0.0 if m["dir"] == "same" else 1.0)
    return Offset(-amount if backwards else amount, unit)


def _since(m: re.Match[str], anchor: Anchor) -> Outcome:
    inner = resolve_core(m["rest"], anchor)
    if not isinstance(inner, Resolved):
        return inner
    end = anchor.date or (dt.date(anchor.year, 12, 31) if anchor.year else None)
    note = "open range: from then until publication" if end else "open range: end unknown"
    return replace(inner, end=end, note=_join(inner.note, note))


def _range(m: re.Match[str], anchor: Anchor) -> Outcome:
    last = resolve_core(m["b"], anchor)
    first_text = m["a"]
    # "from January to March 2012": the closing year belongs to the opening month too.
    if isinstance(last, Resolved) and not _HAS_YEAR.search(first_text) and _HAS_YEAR.search(m["b"]):
        first_text = f"{first_text} {last.start.year}"
    first = resolve_core(first_text, anchor)
    if not (isinstance(first, Resolved) and isinstance(last, Resolved)) or first.start > (
        last.end or last.start
    ):
        return None
    order: tuple[TimePrecision, ...] = ("day", "week", "month", "year", "decade")
    precision = max(first.precision, last.precision, key=order.index)
    method = first.method if first.method != "explicit" else last.method
    return Resolved(first.start, last.end, precision, method, _join(first.note, last.note))


def _short_year_range(m: re.Match[str], anchor: Anchor) -> Outcome:
    first = int(m["year"])
    last = first // 100 * 100 + int(m["yy"])
    if last <= first:
        return None
    return Resolved(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "explicit")


def _part(m: re.Match[str], anchor: Anchor) -> Outcome:
    """ "the end of January", "mid-2023", "the early 1990s": a third of the month/year/decade."""
    inner = resolve_core(m["rest"], anchor)
    if not isinstance(inner, Resolved) or inner.precision not in ("month", "year", "decade"):
        return inner
    third = PART_OF[m["part"].removeprefix("very ")]
    start, end = inner.start, inner.end or inner.start
    if inner.precision == "month":
        first_day = (1, 11, 21)[third]
        last_day = (10, 20, end.day)[third]
        start, end = start.replace(day=first_day), end.replace(day=last_day)
        precision: TimePrecision = "week"
    elif inner.precision == "year":
        start, end = add_months(start, 4 * third), month_end(start.year, 4 * third + 4)
        precision = "month"
    else:
        start = start.replace(year=start.year + (0, 3, 7)[third])
        end = end.replace(year=inner.start.year + (3, 6, 9)[third])
        precision = "year"
    note = f"{m['part']} {m['rest']}: {start.isoformat()} to {end.isoformat()}"
    return Resolved(start, end, precision, inner.method, _join(inner.note, note))


_WEEK_ORDINALS: Final = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}


def _week_of(m: re.Match[str], anchor: Anchor) -> Outcome:
    """ "the first week of May": days 1-7, 8-14, ...; "the last week": the final seven days."""
    inner = resolve_core(m["rest"], anchor)
    if not isinstance(inner, Resolved) or inner.precision != "month" or inner.end is None:
        return inner
    index = _WEEK_ORDINALS[m["nth"]]
    start = (
        inner.end - dt.timedelta(days=6) if index < 0 else inner.start.replace(day=1 + 7 * index)
    )
    end = start + dt.timedelta(days=6)
    return Resolved(start, end, "week", inner.method, inner.note)


def _then_in(m: re.Match[str], anchor: Anchor) -> Outcome:
    """ "a few weeks later, in February": the named date carries the meaning."""
    return resolve_core(m["rest"], anchor)


def _skip(m: re.Match[str], anchor: Anchor) -> Outcome:
    return SKIP


def _join(*notes: str | None) -> str | None:
    kept = [n for n in notes if n]
    return "; ".join(kept) if kept else None


_PART = r"(?:the )?(?P<part>early|mid|late|(?:very )?(?:beginning|start|middle|end|close) of)"
_OFFSET_DIR = r"(?P<dir>later|after|afterwards|earlier|before)"

_DECADE = r"(?:the )?(?:(?P<decade>1\d{2}0|20\d0)|'?(?P<short>\d0))'?s"
_DECADE_WORD = r"(?:the )?(?P<word>" + "|".join(DECADE_WORDS) + ")"
_NO_COUNT = r"(?P<num>)?(?P<half>)?(?P<vague>)?"  # so every offset rule has the same groups
_DURATION = (
    r"(?:for |about |around |some |nearly |almost |roughly |more than |over |less than |"
    rf"under |at least |up to |only |just |the first |the )?(?:{_VAGUE} |{_NUM}(?: and a half)? "
    r"|the |recent )?(?:second|minute|hour|day|night|week|month|year|decade|centur(?:y|ie))s?"
    r"(?: long| old)?"
)
_CLOCK = (
    r"(?:at |about |around |until |by )?\d{1,2}(?:[:.]\d{2})? ?"
    r"(?:a\.?m\.?|p\.?m\.?|o'clock|hours|h|gmt|utc|local time| )*"
)
_VAGUE_TIME = (
    r"(?:the |this |that |in the )?(?:morning|afternoon|evening|night|dawn|dusk|midnight|noon|"
    r"midday|day|time|moment|past|present|future|period)"
)
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_Rule = Callable[[re.Match[str], Anchor], Outcome]
# Order matters: the first pattern that matches the whole core decides.
_RULE_SOURCES: Final[tuple[tuple[str, _Rule], ...]] = (
    (r"\d+[- ](?:year|month|week|day)s?[- ]old|aged? \d+", _skip),
    # "a 24-hour curfew", "a three-day strike": a length, not a date.
    (r"(?:\d+|[a-z]+)-(?:hour|day|week|month|year)(?:-long)?", _skip),
    (r"since (?:the )?(?P<rest>.+)", _since),
    (rf"{_WEEKDAY},? {_DAY_MONTH},? {_YEAR}", _full_date),
    (rf"{_DAY_MONTH},? {_YEAR}", _full_date),
    (rf"{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}})", _iso_date),
    (rf"{_MONTH},? {_YEAR}", _month_year),
    (rf"(?:{_WEEKDAY},? )?{_DAY_MONTH}", _month_day),
    (_MONTH, _month_only),
    (rf"(?:the )?{_YEAR}", _year),
    (_DECADE, _decade),
    (_DECADE_WORD, _decade),
    (r"(?:from |between )?(?P<a>.+?) (?:to|until|till|through|and|-|–) (?P<b>.+)", _range),
    (rf"(?:from )?{_YEAR} ?[-–/] ?(?P<yy>\d{{2}})", _short_year_range),
    (rf"(?:from |between )?(?P<a>{_YEAR})[-–](?P<b>\d{{4}})", _range),
    (rf"{_PART}[- ](?P<rest>.+)", _part),
    (rf"(?:the )?(?P<nth>{'|'.join(_WEEK_ORDINALS)}) week (?:of|in) (?P<rest>.+)", _week_of),
    (rf"(?:the )?(?P<season>{'|'.join(_SEASONS)}),? (?:of )?{_YEAR}", _season),
    (
        rf"(?:(?P<which>last|past|this|next|coming|this coming) )?(?:early |late )?{_WEEKDAY}"
        rf"(?:'s)?{_TIME_OF_DAY}",
        _weekday,
    ),
    (r"(?:(?:early|late) )?(?P<word>" + "|".join(_DEICTIC_DAYS) + ")" + _TIME_OF_DAY, _deictic),
    (
        r"(?:the )?(?P<which>last|this|next|past|previous|coming|earlier|later)(?: this)? "
        r"(?P<unit>week|month|year)",
        _calendar_unit,
    ),
    (r"(?:last|this|the past|the) weekend", _last_weekend),
    (rf"(?:about |around |some |nearly |almost )?{_NUM}(?P<half> and a half)? {_UNIT} ago", _ago),
    (rf"(?:the |in the )?(?:past|last|previous) {_NUM}(?P<half> and a half)? {_UNIT}", _past_n),
    (r".+ (?:later|earlier|afterwards?),? (?:in|on|by) (?P<rest>.+)", _then_in),
    (
        r"(?:the |that )?(?P<dir>next|following|previous|preceding|same) "
        rf"(?P<unit>day|morning|afternoon|evening|night|week|month|year){_NO_COUNT}",
        _offset,
    ),
    (rf"(?:the |a )?(?P<unit>day|week|month|year) {_OFFSET_DIR}{_NO_COUNT}", _offset),
    (rf"(?:(?P<vague>{_VAGUE})|{_NUM}(?P<half> and a half)?) {_UNIT} {_OFFSET_DIR}", _offset),
    # Durations, clock times and vague spans: real DATE/TIME entities, but no calendar date.
    (_DURATION, _skip),
    (_CLOCK, _skip),
    (_VAGUE_TIME, _skip),
)
RULES: Final = tuple((re.compile(source), rule) for source, rule in _RULE_SOURCES)


def core_of(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no leading "in/on/at/during"."""
    core = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    core = core.strip(" ,.;:")
    return re.sub(r"^(?:(?:in|on|at|during|of|by|as of) )+", "", core)


def resolve_core(core: str, anchor: Anchor) -> Outcome:
    """The first rule whose pattern matches the whole core decides."""
    for pattern, rule in RULES:
        match = pattern.fullmatch(core)
        if match is None:
            continue
        try:
            outcome = rule(match, anchor)
        except (ValueError, OverflowError):  # "February 30", or past the calendar's end
            return SKIP
        if outcome is not None:
            return outcome
    return None
