"""When, in French: date expressions found by French patterns, resolved by the English rules.

Each French expression is translated to the English phrase that ``time_rules.resolve_core``
already reads ("fin janvier" → "the end of january", "il y a deux semaines" → "2 weeks ago",
"lundi dernier" → "last monday"), so the calendar semantics (precision, method, the previous
year for a past date after the publication month, offsets from an earlier date) are the
English ones and live in one place. The returned ``TimeExpr`` keeps the French span and text.

There is no spaCy DATE entity to start from, so candidates come from a scan over French month
names, weekdays, deictic words ("hier"), relative phrases ("il y a", "dernier", "le
lendemain") and years after a preposition ("en 2012", "depuis 2002"). As in English, durations
("pendant trois heures"), ages ("41 ans") and clock times ("à 14 heures") are not returned.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from faultline.mentions.times import OFFSET_REACH, anchor_of, resolve_span
from faultline.models import Article, Span, TimeExpr

__all__ = ["find_times_fr", "to_english"]

# --- French vocabulary ------------------------------------------------------------------------

_MONTHS_FR: Final = {
    "janvier": "january", "janv": "january", "février": "february", "fevrier": "february",
    "févr": "february", "fevr": "february", "mars": "march", "avril": "april", "avr": "april",
    "mai": "may", "juin": "june", "juillet": "july", "juil": "july", "août": "august",
    "aout": "august", "septembre": "september", "sept": "september", "octobre": "october",
    "oct": "october", "novembre": "november", "nov": "november", "décembre": "december",
    "decembre": "december", "déc": "december", "dec": "december",
}  # fmt: skip
_WEEKDAYS_FR: Final = {
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
}  # fmt: skip
_PARTS_OF_DAY_FR: Final = {
    "matin": "morning", "matinée": "morning", "après-midi": "afternoon", "soir": "evening",
    "soirée": "evening", "nuit": "night",
}  # fmt: skip
# French number words become digits: the English rules read any digits, but few English words.
_NUMBERS_FR: Final = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
}  # fmt: skip
_UNITS_FR: Final = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "an": "year", "ans": "year", "année": "year", "années": "year", "décennie": "decade",
    "décennies": "decade",
}  # fmt: skip
_WHICH_FR: Final = {
    "dernier": "last", "dernière": "last", "passé": "last", "passée": "last",
    "prochain": "next", "prochaine": "next", "précédent": "previous", "précédente": "previous",
    "suivant": "following", "suivante": "following",
}  # fmt: skip
_PARTS_FR: Final = {"début": "the beginning of", "fin": "the end of", "milieu": "the middle of"}


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


_FULL_MONTH = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
# Abbreviations only with a day before them: "sept" alone is the number seven.
_ANY_MONTH = rf"(?:{_FULL_MONTH}|(?:janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)\.)"
_WEEKDAY = _alternation(_WEEKDAYS_FR)
_PART_OF_DAY = r"(?:matinée|matin|après-midi|soirée|soir|nuit)"
_DAY = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM = rf"(?:\d+|{_alternation(_NUMBERS_FR)}|quelques)"
_UNIT = _alternation(_UNITS_FR)
_WHICH = _alternation(_WHICH_FR)
_NOT_A_COUNT = r"(?![-.,/]?\d)(?!\s*(?:%|personnes|morts|victimes|habitants|soldats|dollars))"
_A = r"(?:'|’)"  # apostrophe, straight or curly

# --- candidates -------------------------------------------------------------------------------

# Order matters at one position: the longest form first ("lundi 20 mai 2024" before "lundi").
_SCAN: Final = re.compile(
    rf"(?P<numeric>\b\d{{1,2}}/\d{{1,2}}/{_YEAR}\b|\b{_YEAR}-\d\d-\d\d\b)"
    rf"|\b(?P<days>{_DAY}\s*(?:au|et|-|–)\s*{_DAY}\s+{_ANY_MONTH}(?:\s+{_YEAR})?)(?!\w)"
    rf"|\b(?P<date>(?:(?:{_WEEKDAY})\s+)?{_DAY}\s+{_ANY_MONTH}(?:\s+{_YEAR})?)(?!\w)"
    rf"|(?<![^\W\d_]{3}-)\b(?P<month>(?:{_FULL_MONTH})(?:\s+{_YEAR}|\s+(?:dernier|prochain))?)\b(?!-)"
    rf"|(?<!-)\b(?P<weekday>(?:{_WEEKDAY})(?:\s+(?:dernier|prochain))?(?:\s+{_PART_OF_DAY})?"
    r"(?:\s+(?:dernier|prochain))?)\b(?!-)(?!\s+[Gg]ras\b)"
    rf"|(?<![\w-])(?P<deictic>avant-hier|hier|aujourd{_A}hui|demain|ce\s+matin|ce\s+soir"
    rf"|cet\s+après-midi|cette\s+nuit|la\s+nuit\s+derni[eè]re)"
    rf"(?:\s+(?:matin|après-midi|soir))?(?![\w-])"
    rf"|\b(?P<ago>il\s+y\s+a\s+(?:(?:environ|près\s+de|plus\s+de|quelque)\s+)?{_NUM}\s+(?:{_UNIT})"
    r"(?:\s+et\s+demie?)?)\b"
    rf"|\b(?P<past>(?:au\s+cours\s+)?(?:des|les|ces)\s+{_NUM}\s+derni(?:er|ère)s\s+(?:{_UNIT}))\b"
    rf"|\b(?P<offset>{_NUM}\s+(?:{_UNIT})\s+(?:plus\s+tard|plus\s+tôt|auparavant)"
    r"|le\s+lendemain|le\s+surlendemain|la\s+veille(?!\s+(?:de|du|des|d['’]))"
    r"|le\s+jour\s+même|le\s+même\s+jour)\b"
    rf"|(?P<unit>\b(?:plus\s+tôt\s+)?(?:cette\s+semaine|ce\s+mois(?:-ci)?|cette\s+année"
    rf"|ce\s+week-end)\b|(?:\b(?:la|le)\s+|\bl{_A})?(?:semaine|mois|année|an|week-end)\s+"
    rf"(?:{_WHICH})\b)"
    rf"|\b(?P<season>(?:l{_A})?(?:printemps|été|automne|hiver)\s+(?:de\s+|d{_A})?{_YEAR})\b"
    rf"|\b(?P<decade>(?:les\s+|des\s+)?années\s+(?:{_YEAR}|\d0))\b"
    rf"|\b(?P<years>(?:de|d{_A}|entre)\s*{_YEAR}\s*(?:à|et|-|–)\s*{_YEAR}){_NOT_A_COUNT}"
    rf"|(?<![\w{_A}])(?:en|depuis|dès|jusqu{_A}en|courant|avant|après|fin|début|mi-|l{_A}an"
    rf"|l{_A}année)\s*(?P<year>{_YEAR})\b{_NOT_A_COUNT}",
    re.IGNORECASE,
)
_GROUPS: Final = tuple(_SCAN.groupindex)
# French writes months and weekdays in lower case: a capital inside a sentence is a name
# ("le Mouvement du 23 Mars", "Mardi Gras").
_CAPITALISED_NAME_WORD: Final = re.compile(rf"(?:{_FULL_MONTH}|{_WEEKDAY})\b", re.IGNORECASE)
_SENTENCE_START_BEFORE: Final = re.compile(r"[.!?:\n«\"—]\s*$")
# "coup d'État du 22 mars" is a date, not a name.
_NAME_BEFORE: Final = re.compile(r"\b(?!État\s)[A-ZÉ][\w-]+\s+(?:du|des)\s+$")
_PART_BEFORE: Final = re.compile(
    r"(?i)(?:(?<!\w)(?:(?:depuis|dès)\s+)?(?:(?:à\s+la|au|la|le|dès\s+la|dès\s+le)\s+)?"
    r"(?:tout\s+)?(?:début|fin|milieu)\s+(?:(?:du\s+mois|de\s+l['’]année)\s+)?"
    r"(?:de\s+|d['’]|du\s+|des\s+)?"
    r"|(?<!\w)(?:(?:(?:depuis|dès)\s+)?(?:à\s+la|la)\s+)?mi-\s*)$"
)
_PREPOSITION_BEFORE: Final = re.compile(
    r"(?i)(?<!\w)(?:(?:depuis|dès|à\s+partir\s+du?)\s+(?:l[ae]\s+|l['’])?|à\s+partir\s+de\s+"
    r"(?:l[ae]\s+|l['’])?|à\s+partir\s+d['’]|en\s+)$"
)
_ON_THE_BEFORE: Final = re.compile(r"(?i)(?<!\w)(?:le|du|les|entre\s+l[ea]s?)\s+$")
_RANGE_GAP: Final = re.compile(r"\s*(?:à|au|et|-|–)\s*(?:l[ae]\s+)?")
_RANGE_START_BEFORE: Final = re.compile(r"(?i)(?<!\w)(?:de|du|d['’]|entre)\s*(?:l[ae]s?\s+)?$")


def find_times_fr(article: Article) -> tuple[TimeExpr, ...]:
    """Every French date expression in ``article``, resolved where it can be, sorted by span."""
    text = article.text
    anchor = anchor_of(article.published)
    found: list[TimeExpr] = []
    for start, end in candidate_spans(text):
        english = to_english(text[start:end])
        future = _is_future(text, start, end)
        # An offset ("le lendemain") counts only from a date shortly before it.
        nearby = [e for e in found if start - e.span.end < OFFSET_REACH]
        expr = resolve_span(english, 0, len(english), replace(anchor, future=future), nearby)
        if expr is not None:
            expr = _same_day_weekday(expr, text[start:end], anchor.date)
            found.append(replace(expr, span=Span(start, end), text=text[start:end]))
    return tuple(found)


# French news names the publication day by its weekday ("tôt dimanche matin" in a Sunday
# report) and says "dimanche dernier" for the week before; English papers dated the morning
# after use the bare weekday for last week, which is what the shared rule assumes.
_BARE_WEEKDAY: Final = re.compile(
    r"(?i)^(?:(?:tôt|tard|dans la nuit de|ce|le)\s+)?"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?:\s+(?:matin|midi|après-midi|soir|soirée|nuit))?$"
)


def _same_day_weekday(expr: TimeExpr, french: str, published: dt.date | None) -> TimeExpr:
    week_before = published is not None and expr.start == published - dt.timedelta(days=7)
    if not week_before or expr.start != expr.end or not _BARE_WEEKDAY.match(french.strip()):
        return expr
    return replace(expr, start=published, end=published)


def candidate_spans(text: str) -> list[tuple[int, int]]:
    """Scanned French dates, names left out, joined into ranges and widened."""
    scanned = [_span_of(m) for m in _SCAN.finditer(text)]
    kept = [span for span in scanned if not _is_name(text, *span)]
    widened: list[tuple[int, int]] = []
    for start, end in _merge_ranges(kept, text):
        wide = _widen(start, end, text)
        # Widening never reaches into the expression before it.
        widened.append(wide if not widened or wide[0] >= widened[-1][1] else (start, end))
    return widened


def _span_of(match: re.Match[str]) -> tuple[int, int]:
    group = next(name for name in _GROUPS if match[name])
    return match.span(group)


def _is_name(text: str, start: int, end: int) -> bool:
    if _NAME_BEFORE.search(text, max(0, start - 40), start):
        return True  # "le Mouvement du 23 mars", "la place du 30 juin"
    for word in _CAPITALISED_NAME_WORD.finditer(text, start, end):
        if word[0][0].islower():
            continue
        before = text[max(0, word.start() - 10) : word.start()]
        if before.strip() and not _SENTENCE_START_BEFORE.search(before):
            return True
    return False


def _merge_ranges(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """ "de janvier à mars", "entre mardi et jeudi": one range; "mardi et mercredi": two days."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _is_range(text, merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_range(text: str, left: tuple[int, int], right_start: int) -> bool:
    gap = _RANGE_GAP.fullmatch(text, left[1], right_start)
    opener = _RANGE_START_BEFORE.search(text, max(0, left[0] - 20), left[0])
    return gap is not None and opener is not None


def _widen(start: int, end: int, text: str) -> tuple[int, int]:
    """Take in what changes the meaning ("fin", "mi-", "depuis") and "le" before a day."""
    window = max(0, start - 50)
    if _RANGE_GAP.search(text, start, end) and (
        opener := _RANGE_START_BEFORE.search(text, window, start)
    ):
        start = opener.start()
    elif part := _PART_BEFORE.search(text, window, start):
        start = part.start()
    elif preposition := _PREPOSITION_BEFORE.search(text, window, start):
        start = preposition.start()
    elif text[start : start + 1].isdigit() and (the := _ON_THE_BEFORE.search(text, window, start)):
        start = the.start()
    return start, end


# "Samedi, les délégués se réuniront": a fronted date belongs to the clause after its comma.
_CLAUSE_END: Final = re.compile(r"[.;!?\n]|,(?!\d)")
_FUTURE_VERB: Final = re.compile(
    r"(?<![\w-])(?:[a-zéèêàâîôûç]{2,}(?:er|ir|dr|ur|vr|tr|ser|aur|fer)(?:a|ont)"
    r"|(?:va|vont|devrait|devraient)\s+[a-zéèêàâîôûç]+(?:er|ir|re))(?![\w-])"
)
_FUTURE_WORD: Final = re.compile(r"(?i)\bprochaine?\b")


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around the expression is in the future tense ("se réunira mardi")."""
    if _FUTURE_WORD.search(text, start, end):
        return True
    window = max(0, start - 200)
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, window, start)), default=window)
    after = _CLAUSE_END.search(text, end)
    clause_end = after.start() if after else len(text)
    if after is not None and after[0] == "," and not text[clause_start:start].strip():
        following = _CLAUSE_END.search(text, after.end())
        clause_end = following.start() if following else len(text)
    return bool(_FUTURE_VERB.search(text[clause_start:start] + " " + text[end:clause_end]))


# --- translation ------------------------------------------------------------------------------


def to_english(french: str) -> str:
    """The English phrase the English resolver reads for one French date expression."""
    core = " ".join(french.lower().replace("’", "'").split()).strip(" ,;:")
    if days := _DAY_RANGE.fullmatch(core):
        month_year = f"{days['month']}{days['year'] or ''}"
        return _phrase(f"{days['a']} {month_year} to {days['b']} {month_year}")
    if span := _RANGE.fullmatch(core):
        return f"between {to_english(span['a'])} and {to_english(span['b'])}"
    if since := _SINCE.fullmatch(core):
        return "since " + to_english(since["rest"])
    return _phrase(core)


_DAY_RANGE: Final = re.compile(
    rf"(?:du |les |entre (?:le |les )?)?(?P<a>{_DAY}) ?(?:au|et|-|–) ?(?P<b>{_DAY}) "
    rf"(?P<month>\S+)(?P<year> {_YEAR})?"
)
_RANGE: Final = re.compile(
    # Whole words only: "juillet" holds "et" ("du 26 juillet 2023" is no range).
    r"(?:de |du |d'|entre (?:l[ae]s? |l')?)(?P<a>.+?) ?(?:(?<!\w)(?:à|au|et)(?!\w)|-|–) ?"
    r"(?:l[ae] |l')?(?P<b>.+)"
)
# The article stays: "le lendemain" and "l'an dernier" need it; "le 3 mars" drops it later.
_SINCE: Final = re.compile(r"(?:depuis|dès|à partir d[eu']) ?(?P<rest>.+)")


def _ago(m: re.Match[str]) -> str:
    about = "about " if m["about"] else ""
    half = " and a half" if m["half"] else ""
    return f"{about}{_number(m['num'])}{half} {_UNITS_FR[m['unit']]}s ago"


def _past_n(m: re.Match[str]) -> str:
    return f"the past {_number(m['num'])} {_UNITS_FR[m['unit']]}s"


def _later(m: re.Match[str]) -> str:
    direction = "later" if m["dir"] == "plus tard" else "earlier"
    return f"{_number(m['num'])} {_UNITS_FR[m['unit']]}s {direction}"


def _calendar_unit(m: re.Match[str]) -> str:
    unit = "weekend" if m["unit"] == "weekend" else _UNITS_FR[m["unit"]]
    return f"{_WHICH_FR[m['which']]} {unit}"


def _this_unit(m: re.Match[str]) -> str:
    unit = "weekend" if m["unit"] == "weekend" else _UNITS_FR[m["unit"]]
    return f"{'earlier ' if m['earlier'] else ''}this {unit}"


def _relative_weekday(m: re.Match[str]) -> str:
    which = _WHICH_FR[m["which"]]
    return " ".join(w for w in (which, m["day"], m["part"]) if w)


def _number(word: str) -> str:
    return "a few" if word == "quelques" else str(_NUMBERS_FR.get(word, word))


def _numeric_date(m: re.Match[str]) -> str:
    return f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"  # day first, always, in French


_U = rf"(?P<unit>{_UNIT})"
_N = rf"(?P<num>{_NUM})"
_Rewrite = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
# Ordered: phrases whose word order differs from English first, single words last.
_REWRITES: Final[tuple[_Rewrite, ...]] = tuple(
    (re.compile(source), target)
    for source, target in (
        (r"\b(?:1er|premier)\b", "1"),
        (rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>{_YEAR})\b", _numeric_date),
        (r"\bavant-hier\b", "the day before yesterday"),
        (r"\bla nuit derni[eè]re\b", "last night"),
        (r"\bcette nuit\b", "overnight"),
        (r"\bce matin\b", "this morning"),
        (r"\bce soir\b", "this evening"),
        (r"\bcet après-midi\b", "this afternoon"),
        (r"\baprès-midi\b", "afternoon"),
        (r"\bweek-end\b", "weekend"),
        (r"\bhier\b", "yesterday"),
        (r"\baujourd'hui\b", "today"),
        (r"\bdemain\b", "tomorrow"),
        (
            rf"\bil y a (?:(?P<about>environ|près de|plus de|quelque) )?{_N} {_U}"
            r"(?P<half> et demie?)?",
            _ago,
        ),
        (rf"\b(?:au cours )?(?:des|les|ces) {_N} derni(?:er|ère)s {_U}", _past_n),
        (rf"\b{_N} {_U} (?P<dir>plus tard|plus tôt|auparavant)", _later),
        (r"\ble lendemain\b", "the next day"),
        (r"\ble surlendemain\b", "2 days later"),
        (r"\bla veille\b", "the day before"),
        (r"\ble (?:jour même|même jour)\b", "the same day"),
        (r"\bmois-ci\b", "mois"),
        (r"\b(?P<earlier>plus tôt )?(?:cette|ce) (?P<unit>semaine|mois|année|weekend)\b",
         _this_unit),
        (rf"\b(?:la |le |l')?(?P<unit>{_UNIT}|weekend) (?P<which>{_WHICH})\b", _calendar_unit),
        (
            rf"\b(?P<day>{_WEEKDAY})(?: (?P<part>{_PART_OF_DAY}))? (?P<which>dernier|prochain)\b",
            _relative_weekday,
        ),
        (r"\b(?:dernier|prochain)\b", ""),  # "en mars dernier": the tense decides the year
        (r"(?:^|\b(?:à la|la|au|le|dès la|dès le) )(?:tout )?(?P<part>début|fin|milieu) "
         r"(?:du mois |de l'année )?(?:de |d'|du |des )?", lambda m: _PARTS_FR[m["part"]] + " "),
        (r"(?:\b(?:à la|la) )?\bmi- ?", "mid-"),
        (rf"\b(?:les |des )?années (?P<y>{_YEAR}|\d0)\b", r"the \g<y>s"),
        (rf"\b(?P<season>printemps|été|automne|hiver) (?:de |d')?(?P<y>{_YEAR})\b",
         lambda m: f"the {_SEASONS_FR[m['season']]} of {m['y']}"),
        (r"\b(?:en l'an|l'an|l'année|en|courant|le) (?=\d)", ""),
        (r"^l'(?=the )", ""),
        (r"^(?:en|le|du) ", ""),
        (r"\bl'année\b", "this year"),
        (r"\bdu mois\b", "this month"),
    )
)  # fmt: skip
_SEASONS_FR: Final = {
    "printemps": "spring",
    "été": "summer",
    "automne": "autumn",
    "hiver": "winter",
}
_WORD: Final = re.compile(r"(?P<word>[^\W\d_]+)\.?")
_WORDS: Final = {**_MONTHS_FR, **_WEEKDAYS_FR, **_PARTS_OF_DAY_FR, "et": "and"}


def _phrase(core: str) -> str:
    for pattern, target in _REWRITES:
        core = pattern.sub(target, core)
    english = _WORD.sub(lambda m: _WORDS.get(m["word"], m[0]), core)
    return " ".join(english.split())
