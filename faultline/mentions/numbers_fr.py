"""French number phrases, read into the same ``NumberPhrase`` records as English ones.

The English reader keys on English words ("forty", "dozens", "at least"); French says
"quarante", "une cinquantaine", "au moins", writes thousands with a space ("8 000") and puts
"de" between an amount and what it counts ("des dizaines de blessés"). Exact words go to
``text2num`` in French; vague amounts follow the same ACLED lower-bound convention as English
(numbers.py): "une cinquantaine" → 50, "des dizaines" → 10, "des centaines" → 100,
"des milliers" → 1,000, "plusieurs dizaines" → 20; all approximate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Token
from text_to_num import text2num

from faultline.mentions.numbers import LARGEST_FIGURE, NumberPhrase

_DIGITS = re.compile(r"^\d{1,3}$|^\d+(?:[.,]\d+)?$")
_GROUP = re.compile(r"^\d{3}$")
_UNITS = "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze"
_TENS = "quinze seize vingt vingts trente quarante cinquante soixante septante huitante nonante"
_WORDS = frozenset((*_UNITS.split(" "), *_TENS.split(" "), "cent", "cents", "mille", "et"))
_SCALES = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}
# "une cinquantaine": about fifty; plural "des dizaines": the lower bound, as in English.
_ROUND_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}  # fmt: skip
_VAGUE_LEADS = {"plusieurs": 2.0, "quelques": 2.0}
_HEDGES = {
    "au moins": "at least", "plus de": "more than", "près de": "nearly", "environ": "about",
    "quelque": "some", "jusqu'à": "up to", "jusqu’à": "up to", "moins de": "fewer than",
    "pas moins de": "at least", "au total": "about", "une estimation de": "estimated",
    "presque": "almost", "quelques": "some",
}  # fmt: skip
_CURRENCIES = {"dollars": "USD", "dollar": "USD", "$": "USD", "euros": "EUR", "€": "EUR"}
_PERCENT = frozenset({"%", "pourcent"})
_LINKS = frozenset({"de", "d'", "d’"})
_YEARS = range(1800, 2101)


def number_phrases_fr(doc: Doc) -> Iterator[NumberPhrase]:
    """Every French number phrase in ``doc`` that may count something, in text order."""
    i, n = 0, len(doc)
    while i < n:
        found = _phrase_at(doc, i)
        if found is None:
            i += 1
            continue
        yield found
        i = max(found.outer_end, found.end, i + 1)


def _phrase_at(doc: Doc, start: int) -> NumberPhrase | None:
    exact = _exact(doc, start)
    read = exact or _round(doc, start)
    if read is None:
        return None
    end, value, approximate, root = read
    if not 0 <= value <= LARGEST_FIGURE or _is_year_or_label(doc, start, end, value):
        return None
    scale_end, value = _scaled(doc, end, value)
    currency, outer_end = _currency(doc, scale_end)
    percent = currency is None and scale_end < len(doc) and doc[scale_end].lower_ in _PERCENT
    if percent:
        outer_end = scale_end + 1
    outer_start, hedge = _hedge_before(doc, start)
    counted = None if currency or percent else _counted(doc, scale_end)
    # "une cinquantaine de personnes", "trois de ses hommes": the amount is what the verb
    # governs, as "dozens" in "dozens of people"; the people are what it is a part of.
    whole = exact is None or (counted is not None and counted.i - scale_end > 1)
    noun, partitive = (None, counted) if whole else (counted, None)
    return NumberPhrase(
        start, scale_end, doc[scale_end - 1] if scale_end > end else root, value,
        approximate or hedge is not None, outer_start, max(outer_end, scale_end), hedge,
        currency, percent, noun, partitive, _money_head(doc, start) if currency else None,
    )  # fmt: skip


def _exact(doc: Doc, start: int) -> tuple[int, float, bool, Token] | None:
    first = doc[start].lower_
    if _DIGITS.match(first):
        end = start + 1
        digits = first
        # "8 000", "1 200 000": French groups thousands with spaces (split into tokens).
        while end < len(doc) and _GROUP.match(doc[end].text) and doc[end - 1].whitespace_:
            digits += doc[end].text
            end += 1
        return end, float(digits.replace(",", ".")), False, doc[end - 1]
    if not _is_number_word(first) or first in {"un", "une", "et"}:
        return None
    end = start
    while end < len(doc) and _is_number_word(doc[end].lower_):
        end += 1
    words = " ".join(doc[start:end].text.lower().split())
    try:
        value = float(text2num(words.replace("-", " "), "fr"))
    except ValueError:
        return None
    return end, value, False, doc[end - 1]


def _round(doc: Doc, start: int) -> tuple[int, float, bool, Token] | None:
    """ "une cinquantaine", "des dizaines", "plusieurs centaines", "des milliers"."""
    lead = doc[start].lower_
    # "la cinquantaine de personnes arrêtées": the definite article refers back to a round
    # figure the article gave before, and still counts.
    if start + 1 >= len(doc) or lead not in {"une", "un", "la", "des", *_VAGUE_LEADS}:
        return None
    noun = doc[start + 1].lower_
    base = _ROUND_NOUNS.get(noun.rstrip("s"))
    if base is None:
        return None
    return start + 2, base * _VAGUE_LEADS.get(lead, 1.0), True, doc[start + 1]


def _is_number_word(lower: str) -> bool:
    return all(part in _WORDS for part in lower.split("-")) and bool(lower.strip("-"))


def _scaled(doc: Doc, end: int, value: float) -> tuple[int, float]:
    """ "6 milliards", "1,5 million": a scale word after the number multiplies it."""
    if end < len(doc) and doc[end].lower_ in _SCALES:
        return end + 1, value * _SCALES[doc[end].lower_]
    return end, value


def _currency(doc: Doc, end: int) -> tuple[str | None, int]:
    """ "6 milliards de dollars", "300 000 dollars", "50 $"."""
    at = end + 1 if end < len(doc) and doc[end].lower_ in _LINKS else end
    if at < len(doc) and doc[at].lower_ in _CURRENCIES:
        return _CURRENCIES[doc[at].lower_], at + 1
    return None, end


def _hedge_before(doc: Doc, start: int) -> tuple[int, str | None]:
    for size in (3, 2, 1):
        if start - size >= 0:
            words = " ".join(t.lower_ for t in doc[start - size : start])
            if words in _HEDGES:
                return start - size, _HEDGES[words]
    return start, None


def _counted(doc: Doc, end: int) -> Token | None:
    """What the amount counts: the noun right after it, after "de" ("de personnes"), or
    after "de" and a determiner ("trois de ses hommes", "deux des otages")."""
    at = end + 1 if end < len(doc) and doc[end].lower_ in _LINKS else end
    if at < len(doc) and (doc[at].lower_ == "des" or (at > end and doc[at].pos_ == "DET")):
        at += 1
    if at < len(doc) and doc[at].pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        word = doc[at]
        if word.pos_ == "ADJ" and word.dep_ == "amod" and 0 < word.head.i - at <= 2:
            return word.head  # "trois autres assaillants": the noun, not its adjective
        return word
    return None


def _money_head(doc: Doc, start: int) -> Token | None:
    return next((t for t in doc[start].ancestors if t.pos_ in ("VERB", "NOUN")), None)


def _is_year_or_label(doc: Doc, start: int, end: int, value: float) -> bool:
    """Years ("en 2012"), names and labels ("M23", "Résolution 2098") count nothing."""
    text = doc[start:end].text
    if end - start == 1 and text.isdigit() and len(text) == 4 and int(text) in _YEARS:
        return True
    if any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in doc[start:end]):
        return True
    return start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN"
