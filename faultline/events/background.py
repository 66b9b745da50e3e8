"""Background: historical mentions ("Lumumba was murdered in 1961") versus the news itself.

The date decides when the event has an informative one: an event whose latest possible day is
more than :data:`BACKGROUND_AFTER_DAYS` (one year) before publication is background. One year
keeps the story's recent chain in the news: in a March 2012 article about a coup, the French
complaint "On November 24" (2011) and the ambush of October 2011 are what led to the coup, while
the 1991 coup, the 1996-2008 war and Lumumba's murder are history. A year-only date counts from
its last day ("in 2011" may be December 2011), so it is background only from two calendar years
back.

Without a usable date (none, or the publication date itself, which is what a date resolver
falls back to) the clause decides: years it names, "N years ago", the pluperfect of narrative
("he had handed power back") mark history; weekdays, "yesterday" or "this week" mark news.
Backshifted reported speech ("he said the army had attacked") is not history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from faultline.events.attribution import find_cue
from faultline.models import PublishedDate

__all__ = ["BACKGROUND_AFTER_DAYS", "clause_tokens", "is_background"]

BACKGROUND_AFTER_DAYS = 365
# A year the clause names is history from this many calendar years before publication.
HISTORY_YEARS = 2
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:'?s|’s)?$")
YEAR_RANGE = re.compile(r"^(1[89]\d\d|20\d\d)[-–](\d\d|\d{4})$")
RECENT_WORDS = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "tonight", "overnight", "currently", "now",
    }
)  # fmt: skip
RECENT_PHRASES = ("this week", "this month", "this morning", "last night", "last week",
                  "earlier this", "on the weekend", "at the weekend", "this year")  # fmt: skip
AGO_UNITS = frozenset({"years", "decades", "centuries"})
# Temporal subordinators: a pluperfect after them orders the story's own steps.
SEQUENCE_MARKS = frozenset({"after", "before", "when", "once", "until", "as", "since", "by"})
# Dependencies inside a participant's noun phrase: a year there describes the participant.
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "appos", "amod", "acl", "relcl"})
OWN_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj"})
ALWAYS_OWN_CLAUSE = frozenset({"relcl", "parataxis"})


def is_background(
    trigger: Token,
    event_date_start: dt.date | None,
    published: PublishedDate,
    *,
    event_date_end: dt.date | None = None,
) -> bool:
    """Whether the event at ``trigger`` is a historical mention rather than news of the day."""
    published_day = published.as_date()
    informative = event_date_start is not None and event_date_start != published_day
    if informative and published_day is not None and event_date_start is not None:
        latest = _latest_day(event_date_start, event_date_end)
        return (published_day - latest).days > BACKGROUND_AFTER_DAYS
    return _historical_clause(trigger, published.year)


def _latest_day(start: dt.date, end: dt.date | None) -> dt.date:
    if end is not None:
        return end
    if (start.month, start.day) == (1, 1):
        return dt.date(start.year, 12, 31)  # most likely a year-precision date
    return start


# --- reading the clause when the date says nothing -------------------------------------------


def _historical_clause(trigger: Token, published_year: int | None) -> bool:
    tokens = clause_tokens(_predicate(trigger))
    text = " ".join(t.lower_ for t in tokens)
    if any(t.lower_ in RECENT_WORDS for t in tokens) or any(p in text for p in RECENT_PHRASES):
        return False
    years = list(_years(tokens, _predicate(trigger), trigger))
    if years and published_year is not None:
        return max(years) <= published_year - HISTORY_YEARS
    if _years_ago(tokens):
        return True
    return _narrative_pluperfect(trigger)


def _predicate(trigger: Token) -> Token:
    """The verb whose clause holds the trigger (a noun trigger's governing verb)."""
    current = trigger
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def clause_tokens(predicate: Token) -> list[Token]:
    """The predicate's clause: its subtree without the separate clauses hanging from it."""
    kept: list[Token] = []
    stack = [predicate]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if not _own_clause(c))
    return sorted(kept, key=lambda t: t.i)


def _own_clause(child: Token) -> bool:
    if child.dep_ in ALWAYS_OWN_CLAUSE:
        return True
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
    return child.dep_ in OWN_CLAUSE_DEPS and has_subject


def _years(tokens: Iterable[Token], predicate: Token, trigger: Token) -> Iterator[int]:
    for token in tokens:
        if not _dates_the_event(token, predicate, trigger):
            continue
        if token.like_num or token.pos_ in ("NUM", "NOUN", "PROPN"):
            match = YEAR.match(token.text)
            if match:
                yield int(match.group(1))
                continue
            ranged = YEAR_RANGE.match(token.text)
            if ranged:
                yield _range_end(ranged.group(1), ranged.group(2))


def _dates_the_event(year: Token, predicate: Token, trigger: Token) -> bool:
    """A year in an adverbial of the event ("in 1991", "from 1996 to 2008", "in the 1992
    elections"), not one describing a participant ("Touré, in power since 2002") or the start
    of a state ("since 2002")."""
    current = year
    while current.i not in (predicate.i, trigger.i):
        if _since(current) or current.dep_ in ARGUMENT_DEPS:
            return False
        if current.head.i == current.i:
            return False
        current = current.head
    return True


def _since(token: Token) -> bool:
    """ "since 2002", "depuis 2002": the start of a state, not the date of an event."""
    return token.lower_ == "since" or (token.lang_ == "fr" and token.lower_ == "depuis")


def _range_end(first: str, second: str) -> int:
    """ "1994-95" → 1995, "1994-1995" → 1995."""
    return int(second) if len(second) == 4 else int(first[:2] + second)


def _years_ago(tokens: list[Token]) -> bool:
    """ "two decades ago", "30 years ago" (a single year ago is still the recent chain)."""
    for token in tokens:
        if token.lower_ != "ago" or token.i < 1:
            continue
        unit = token.doc[token.i - 1]
        amount = token.doc[token.i - 2] if token.i >= 2 else None
        if unit.lower_ in AGO_UNITS and (amount is None or amount.lower_ not in ("a", "one")):
            return True
    return False


def _narrative_pluperfect(trigger: Token) -> bool:
    """ "had handed power back": narrative past-in-the-past, not backshift or sequencing."""
    predicate = _predicate(trigger)
    auxiliaries = [c for c in predicate.children if c.dep_ in ("aux", "auxpass")]
    if not any(_pluperfect_auxiliary(a) for a in auxiliaries) or predicate.tag_ != "VBN":
        return False
    if find_cue(trigger) is not None:
        return False  # "he said the army had attacked": reported speech shifts tense
    marks = {_mark_word(c) for c in predicate.children if c.dep_ == "mark"}
    return not (predicate.dep_ == "advcl" and marks & SEQUENCE_MARKS)


def _mark_word(mark: Token) -> str:
    """The subordinator in English: French ones are glossed ("après" → "after")."""
    return mark.lemma_.lower() if mark.lang_ == "fr" else mark.lower_


def _pluperfect_auxiliary(auxiliary: Token) -> bool:
    """ "had", or French "avait"/"était" (imperfect of avoir/être: "il avait été arrêté")."""
    if auxiliary.lang_ != "fr":
        return auxiliary.lower_ == "had"
    imperfect = "Imp" in auxiliary.morph.get("Tense")
    return imperfect and auxiliary.lemma_.lower() in ("have", "be")
