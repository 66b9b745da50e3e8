"""When: date expressions in an article, resolved to closed date ranges.

Candidates are spaCy DATE/TIME entities, plus explicit month names, weekdays, decades and
years after "in/since/from" that the model misses; dateparser never sees raw text (it reads
"M23" as a date). Each candidate is merged with its neighbours ("Thursday" + "morning") and
widened to the words that change its meaning ("At the end of", "since", "Early").

Resolution: our rules first (time_rules.py), anchored on the publication date, then dateparser
for the rest. What is *not* returned, by design, so events never take it for a date: ages
("21-year-old"), durations ("about three hours", "several weeks"), clock times without a day,
and vague spans ("over the years", "to this day"). Date references that cannot be placed
(publication year unknown, "a few weeks later" with no date before it) are returned with
``start``/``end`` None and a note saying why.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from spacy.tokens import Doc

from faultline.mentions.time_calendar import (
    MONTHS,
    SKIP,
    WEEKDAYS,
    Anchor,
    Offset,
    Outcome,
    Resolved,
    Unresolved,
    period,
    shift,
    unit_precision,
)
from faultline.mentions.time_rules import core_of, resolve_core
from faultline.models import Article, PublishedDate, Span, TimeExpr, TimePrecision
from faultline.models.articles import DATE_YEARS

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["find_times"]

_DATE_LABELS: Final = frozenset({"DATE", "TIME"})
_NOT_NAMES: Final = _DATE_LABELS | {"CARDINAL", "ORDINAL", "QUANTITY"}
_FULL_MONTHS: Final = (
    "January|February|March|April|June|July|August|September|October|November|December"
)
_WEEKDAY_NAMES: Final = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What the model sometimes misses. Capitalised names only: "march" and "may" are also verbs,
# and "May" counts only with a day or year beside it.
_SCAN: Final = re.compile(
    rf"\b(?P<date>(?:{_FULL_MONTHS}|May)\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_FULL_MONTHS}|May)(?:,?\s+\d{{4}})?"
    rf"|(?:{_FULL_MONTHS}|May),?\s+\d{{4}}|{_FULL_MONTHS}|{_WEEKDAY_NAMES}"
    r"|(?:1[6-9]|20)\d0['’]?s|yesterday|(?:last|this|next)\s+(?:week|month|year))\b"
    r"|\b(?P<numeric>\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Uu]ntil|[Bb]y|of)\s+(?P<year>(?:1[6-9]|20)\d\d)\b(?![-.,]?\d)"
)
_MODIFIER_BEFORE: Final = re.compile(
    r"(?i)(?:\b(?:the\s+)?(?:very\s+)?(?:end|middle|beginning|start|close)\s+of\s+(?:the\s+)?"
    r"|\b(?:the\s+)?(?:early|late)\s+|\bmid-?)$"
)
_THE_BEFORE: Final = re.compile(r"(?i)\bthe\s+$")
_PREPOSITION_BEFORE: Final = re.compile(r"(?i)\b(?:since|from|between|in|on|at|during)\s+$")
_DEICTIC_START: Final = re.compile(r"(?i)(?:last|this|next|yesterday|today|tomorrow)\b")
_DECADE_AFTER: Final = re.compile(r"['’]?s\b")
_TIME_OF_DAY_AFTER: Final = re.compile(r" (?:morning|afternoon|evening|night)\b")
_DAY_WORD_AT_END: Final = re.compile(rf"(?i)(?:{_WEEKDAY_NAMES}|yesterday|today)$")
_LATER_AT_END: Final = re.compile(r"(?i)\b(?:later|earlier|afterwards?)$")
_PART_OF_AT_END: Final = re.compile(
    r"(?i)\b(?:week|end|middle|beginning|start|half|spring|summer|autumn|fall|winter)$"
)
_OF_GAP: Final = re.compile(r"[ \t]+of[ \t]+")
_THEN_IN_GAP: Final = re.compile(r",?[ \t]+(?:in|on|by)[ \t]+")
_FUTURE_AUX: Final = frozenset({"will", "shall", "'ll", "wo"})
# An offset ("the next day") counts from a date mentioned shortly before it, not pages earlier.
OFFSET_REACH: Final = 600
_PARSEABLE: Final = re.compile(
    r"\d|\b(?:" + "|".join((*MONTHS, *WEEKDAYS)) + r"|ago|yesterday|today|tomorrow)\b"
)
_EXPLICIT_YEAR: Final = re.compile(r"\b\d{4}\b")
_RELATIVE_WORD: Final = re.compile(r"\b(?:ago|last|next|this|yesterday|today|tomorrow|past)\b")
_PERIODS: Final[dict[str, TimePrecision]] = {
    "day": "day", "time": "day", "week": "week", "month": "month", "year": "year",
}  # fmt: skip


def find_times(doc: Doc, article: Article) -> tuple[TimeExpr, ...]:
    """Every date expression in ``article``, resolved where it can be, sorted by span."""
    text = article.text
    anchor = anchor_of(article.published)
    found: list[TimeExpr] = []
    for start, end in candidate_spans(doc, text):
        future = _is_future(doc, start, end)
        expr = resolve_span(text, start, end, replace(anchor, future=future), found)
        if expr is not None:
            found.append(expr)
    return tuple(found)


def anchor_of(published: PublishedDate) -> Anchor:
    return Anchor(published.year, published.month, published.day)


# --- candidates ---------------------------------------------------------------------------------


def candidate_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """DATE/TIME entities and scanned dates, merged with neighbours and widened."""
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _DATE_LABELS]
    # A scanned match inside a named entity ("March 23 Movement") is a name, not a date.
    others = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in _NOT_NAMES]
    for match in _SCAN.finditer(text):
        group = next(name for name in ("date", "numeric", "year") if match[name])
        # "22/05/2024" is a date whatever the model calls it (it once said NORP).
        if group == "numeric" or not _overlaps(match.span(group), others):
            spans.append(match.span(group))
    widened: list[tuple[int, int]] = []
    for start, end in _merge(sorted(spans), text):
        wide = _widen(start, end, text)
        # Widening never reaches into the expression before it.
        widened.append(wide if not widened or wide[0] >= widened[-1][1] else (start, end))
    return widened


def _overlaps(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _joinable(text, merged[-1], (start, end)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _joinable(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    if right[0] <= left[1]:
        return True
    gap = text[left[1] : right[0]]
    if gap.strip(" \t") == "":  # "Thursday" + "morning"; never across a line break
        return True
    if gap == ", " and text[right[0] : right[1]].isdigit():  # "May 5" + ", 2024"
        return True
    if _PART_OF_AT_END.search(text[left[0] : left[1]]) and _OF_GAP.fullmatch(gap):
        return True  # "the last week" + " of " + "February 2024"
    # "A few weeks later" + ", in February": the named month says when.
    left_text = text[left[0] : left[1]]
    return bool(_LATER_AT_END.search(left_text) and _THEN_IN_GAP.fullmatch(gap))


def _widen(start: int, end: int, text: str) -> tuple[int, int]:
    """Take in the words that change the meaning: "the end of", "Early", "since", "'s"."""
    if text[end - 1 : end] == "0" and (decade := _DECADE_AFTER.match(text, end)):
        end = decade.end()
    elif _DAY_WORD_AT_END.search(text[start:end]) and (part := _TIME_OF_DAY_AFTER.match(text, end)):
        end = part.end()
    window = max(0, start - 40)
    if modifier := _MODIFIER_BEFORE.search(text, window, start):
        start = modifier.start()
    elif text[end - 1 : end] in "s’'" and (the := _THE_BEFORE.search(text, window, start)):
        start = the.start()  # "the 1990s"
    # "in last year's war": the preposition adds nothing to a deictic phrase.
    deictic = _DEICTIC_START.match(text, start)
    if not deictic and (preposition := _PREPOSITION_BEFORE.search(text, window, start)):
        start = preposition.start()
    return start, end


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb the expression hangs on has "will"/"shall" ("will meet on Friday")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(3):  # date → preposition → verb
        if token.pos_ in ("VERB", "AUX"):
            break
        token = token.head
    return any(child.lower_ in _FUTURE_AUX for child in token.children)


# --- resolution ---------------------------------------------------------------------------------


def resolve_span(
    text: str, start: int, end: int, anchor: Anchor, earlier: list[TimeExpr]
) -> TimeExpr | None:
    """One candidate as a TimeExpr, or None when it is not a calendar date."""
    surface = text[start:end]
    core = core_of(surface)
    outcome = resolve_core(core, anchor)
    if outcome is None:
        outcome = _dateparser_outcome(core, anchor)
    if isinstance(outcome, Offset):
        outcome = _count_from_earlier(outcome, core, start, earlier)
    span = Span(start, end)
    if isinstance(outcome, Resolved):
        return TimeExpr(
            span, surface, outcome.start, outcome.end, outcome.precision, outcome.method,
            outcome.note,
        )  # fmt: skip
    if isinstance(outcome, Unresolved):
        return TimeExpr(span, surface, None, None, None, outcome.method, outcome.note)
    return None


def _count_from_earlier(offset: Offset, core: str, start: int, earlier: list[TimeExpr]) -> Outcome:
    """ "The next day" after "on October 15": counted from the nearest date before it."""
    base = next(
        (e for e in reversed(earlier) if e.start is not None and start - e.span.end < OFFSET_REACH),
        None,
    )
    if base is None or base.start is None or base.precision is None:
        return Unresolved(f"{core!r} counts from an earlier date that was not found", "inferred")
    if offset.amount is None:
        return Unresolved(f"{core!r} is too vague to count from {base.text!r}", "inferred")
    order: tuple[TimePrecision, ...] = ("day", "week", "month", "year", "decade")
    precision = max(unit_precision(offset.unit, offset.amount), base.precision, key=order.index)
    try:
        first, last = period(shift(base.start, offset.amount, offset.unit), precision)
    except (ValueError, OverflowError):  # "99999 years later": past the calendar's end
        return SKIP
    note = f"counted from {base.text!r} ({base.start.isoformat()})"
    return Resolved(first, last, precision, "inferred", note)


def _dateparser_outcome(core: str, anchor: Anchor) -> Outcome:
    """dateparser, for what no rule knows; only on text that names a date at all."""
    if not _PARSEABLE.search(core):
        return SKIP
    explicit = bool(_EXPLICIT_YEAR.search(core)) and not _RELATIVE_WORD.search(core)
    base = anchor.date
    if base is None:
        if not explicit:
            return Unresolved("publication date unknown: cannot place " + repr(core))
        base = dt.date(2000, 1, 1)  # the written year decides; the base only fills blanks
    parsed = _parse_with_dateparser(core, base)
    if parsed is None or parsed[0].year not in DATE_YEARS:
        return SKIP  # "31 December 9999" is no event's date, and would overflow when shifted
    value, precision = parsed
    first, last = period(value, precision)
    method = "explicit" if explicit else "relative_to_published"
    return Resolved(first, last, precision, method, "read by dateparser")


@functools.lru_cache(maxsize=4096)
def _parse_with_dateparser(core: str, base: dt.date) -> tuple[dt.date, TimePrecision] | None:
    try:
        data = _date_parser(base).get_date_data(core)
    except (ValueError, OverflowError):  # dateparser's own "not a date" signals
        return None
    if data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIODS.get(data.period or "day", "day")


@functools.lru_cache(maxsize=64)
def _date_parser(base: dt.date) -> DateDataParser:
    # Imported here: dateparser costs ~60 ms to import and most articles never need it.
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)
