"""Reading numbers: number phrases in a parsed Doc, with their value, hedge and currency.

This module knows what a number *is* ("6.9 million", "several dozen", "at least twelve",
"$3 billion", "70 percent"); :mod:`faultline.mentions.quantities` decides what it *counts*.
``text2num`` reads exact number words ("forty", "one hundred and five"); numerals, scale words
and vague amounts are ours.

Vague amounts follow ACLED's conservative convention of coding the lower bound: a plural scale
word alone is one unit ("dozens" → 12, "hundreds" → 100, "tens of thousands" → 10,000),
"several"/"a few" count as two units ("several dozen" → 24) and a range is its lower bound
("20-30" → 20). All of these are marked approximate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_TYPE, LIKE_NUM, LOWER, PREFIX
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from text_to_num import text2num

__all__ = [
    "NumberPhrase",
    "NumberValue",
    "counted_noun",
    "number_phrases",
    "numeral_value",
    "parse_number",
    "partitive_noun",
]

# No report gives a figure above a quadrillion (world output is about 1e14 US dollars a year);
# a phrase worth more is noise ("999999999999999999999", "billion billion billion"), and reading
# it would overflow the store's 64-bit integer columns, or reach infinity.
LARGEST_FIGURE = 1e15

_NUMERAL = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|k)$")
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12.0, "score": 20.0, "bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3,
}  # fmt: skip
_PLURAL_UNITS = {
    "dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}  # fmt: skip
_VAGUE_MULTIPLIERS = {"several": 2.0, "few": 2.0, "many": 2.0}
_EXACT_MULTIPLIERS = {"a": 1.0, "an": 1.0, "half": 0.5}
_SMALL = frozenset(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
)  # fmt: skip
_LARGE_PLURALS = frozenset(("thousands", "millions", "billions", "trillions"))
_SCALE_WORDS = frozenset(("dozen", "hundred", "thousand", "million", "billion", "trillion"))
_WORDS = _SMALL | _SCALE_WORDS | frozenset(_PLURAL_UNITS)

_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₦": "NGN"}
_CURRENCY_CODES = frozenset(("usd", "eur", "gbp"))
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
    "eur": "EUR", "sterling": "GBP", "gbp": "GBP", "yuan": "CNY", "renminbi": "CNY",
    "rand": "ZAR", "naira": "NGN", "francs": "francs", "shillings": "shillings",
}  # fmt: skip
_PERCENT_WORDS = frozenset(("percent", "%", "pct", "per"))
_HEDGE_ALIASES = {
    "no fewer than": "at least", "no less than": "at least", "upwards of": "more than",
    "in excess of": "more than", "well over": "more than", "just over": "over",
    "an estimated": "estimated",
}  # fmt: skip
_PREFIX_HEDGES = {
    **{h: h for h in (
        "at least", "more than", "up to", "as many as", "fewer than", "less than", "close to",
        "estimated", "some", "about", "around", "roughly", "approximately", "nearly",
        "almost", "over", "at most", "under",
    )},
    **_HEDGE_ALIASES,
}  # fmt: skip
_SUFFIX_HEDGES = {"or more": "or more", "or so": "about"}
_NAME_ENTS = frozenset(
    ("ORG", "PERSON", "GPE", "LOC", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "NORP")
)
_LABEL_WORDS = frozenset(("aged", "age", "no.", "#", "number"))
_TIME_UNITS = frozenset(
    ("second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century",
     "a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc")
)  # fmt: skip
_MODIFIER_DEPS = frozenset(("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "advmod"))
# Adjectives a bare count can stand for: "30 dead", "dozens wounded".
_STATE_ADJECTIVES = frozenset(("dead", "wounded", "injured", "displaced", "homeless"))


# One numpy pass over token hashes picks the few tokens worth a look: walking every Token in
# Python would cost more than all the rest of the quantity stage.
def _hashes(words: Iterable[str]) -> numpy.ndarray:
    return numpy.array(sorted({hash_string(w) for w in words}), dtype=numpy.uint64)


_LEADS = (*_VAGUE_MULTIPLIERS, *_EXACT_MULTIPLIERS)
_OPENER_ARRAY = _hashes((*"0123456789", *_PLURAL_UNITS, "dozen"))
_LEAD_ARRAY = _hashes(_LEADS)
_AFTER_LEAD_ARRAY = _hashes((*_LEADS, *_SCALE_WORDS))
_SKIP_ENT_ARRAY = _hashes(("DATE", "TIME", "ORDINAL"))
_HEDGE_LAST_WORDS = frozenset(h.split()[-1] for h in _PREFIX_HEDGES)


@dataclass(frozen=True, slots=True)
class NumberValue:
    value: float
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A number in a Doc: its tokens ``[start, end)``, the token the parse hangs it from, and
    the wider ``[outer_start, outer_end)`` that takes in its hedge, currency and percent sign.
    """

    start: int
    end: int
    root: Token
    value: float
    approximate: bool
    outer_start: int
    outer_end: int
    hedge: str | None = None  # number-level only: "at least", "some", "estimated"
    currency: str | None = None  # ISO 4217 code, or the currency word when it has none
    percent: bool = False
    noun: Token | None = None  # what it modifies: "15 guards", "several dozen armed men"
    partitive: Token | None = None  # what it is part of: "two of the guards", "dozens of people"
    head: Token | None = None  # for money and percentages: "invest", "a ... deal", "the vote"


def number_phrases(doc: Doc) -> Iterator[NumberPhrase]:
    """Every number phrase in ``doc`` that may count something, in text order.

    Dates, times, ordinals, years, ages, durations and numbers in names ("M23",
    "Resolution 2098") are left out.
    """
    n, after = len(doc), 0
    if not n:
        return
    table = doc.to_array([LOWER, LIKE_NUM, PREFIX, ENT_TYPE])
    lowers = table[:, 0]
    # "a dozen", "several hundred": a lead word opens a phrase only before its scale word.
    leads = _member(lowers, _LEAD_ARRAY) & _member(numpy.roll(lowers, -1), _AFTER_LEAD_ARRAY)
    opens = (table[:, 1] != 0) | _member(lowers, _OPENER_ARRAY) | leads
    mask = (opens | _member(table[:, 2], _OPENER_ARRAY)) & ~_member(table[:, 3], _SKIP_ENT_ARRAY)
    for i in numpy.flatnonzero(mask).tolist():
        if i < after or not _opens_phrase(doc, i):
            continue
        end = i + 1
        while end < n and _continues_phrase(doc, end):
            end += 1
        after = end
        phrase = _read_phrase(doc, i, end)
        if phrase is not None:
            yield phrase


def numeral_value(text: str) -> float | None:
    """``"206,000"`` → 206000.0, ``"6.9"`` → 6.9, ``"3bn"`` → 3e9; None for anything else."""
    if _NUMERAL.match(text):
        return float(text.replace(",", ""))
    suffixed = _SUFFIXED.match(text.lower())
    if suffixed:
        return float(suffixed.group(1)) * _SCALES[suffixed.group(2)]
    return None


def parse_number(words: Sequence[str]) -> NumberValue | None:
    """The value of a number phrase given as lower-cased tokens, or None when it is not one.

    Accepts ``["6.9", "million"]``, ``["forty"]``, ``["twenty", "-", "five"]``,
    ``["several", "dozen"]``, ``["tens", "of", "thousands"]``, ``["half", "a", "dozen"]``.
    """
    number = _range_lower_bound(words) or _amount(words)
    if number is None or not 0 <= number.value <= LARGEST_FIGURE:
        return None  # also NaN and infinity: "1e400", "billion billion ... billion"
    return number


def _amount(words: Sequence[str]) -> NumberValue | None:
    tokens = [w for w in words if w not in ("-", "of")]
    factor, approximate, i = 1.0, False, 0
    while i < len(tokens) and (tokens[i] in _VAGUE_MULTIPLIERS or tokens[i] in _EXACT_MULTIPLIERS):
        vague = _VAGUE_MULTIPLIERS.get(tokens[i])
        factor = vague if vague is not None else factor * _EXACT_MULTIPLIERS[tokens[i]]
        approximate = approximate or vague is not None
        i += 1
    base = _read_amount(tokens[i:]) if i < len(tokens) else None
    if base is None:
        return None
    return NumberValue(factor * base.value, approximate or base.approximate)


# --- phrase boundaries -------------------------------------------------------------------------


def _member(values: numpy.ndarray, sorted_hashes: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin`` against a small sorted table, without sorting ``values`` each time."""
    at = numpy.searchsorted(sorted_hashes, values).clip(max=len(sorted_hashes) - 1)
    return numpy.asarray(sorted_hashes[at] == values)


def _is_number_word(lower: str) -> bool:
    return lower in _WORDS or numeral_value(lower) is not None


def _opens_phrase(doc: Doc, i: int) -> bool:
    lower, following = doc[i].lower_, _next_lower(doc, i)
    if lower == "one" and i > 0 and doc[i - 1].lower_ in ("no", "any", "every", "each", "the"):
        return False
    if lower == "scores":
        return following == "of"
    if _is_number_word(lower):
        return True
    return lower in _LEADS and (following in _LEADS or following in _SCALE_WORDS)


def _continues_phrase(doc: Doc, i: int) -> bool:
    lower, prev, following = doc[i].lower_, doc[i - 1].lower_, _next_lower(doc, i) or ""
    if lower == "-" and not doc[i - 1].whitespace_:
        return _is_number_word(following)  # "twenty-five", "20-30"
    if lower == "and":  # "one hundred and five"
        return prev in ("hundred", "thousand", "million") and following in _SMALL
    if lower == "of":  # "tens of thousands", not "dozens of people"
        return prev in _PLURAL_UNITS and following in _LARGE_PLURALS
    if lower in ("bn", "mn"):
        return numeral_value(prev) is not None
    if lower in ("m", "k"):  # "$300 m", never "100 m" of distance
        return i >= 2 and doc[i - 2].lower_ in _CURRENCY_SYMBOLS
    if lower in ("a", "an"):
        return prev == "half"  # "half a dozen"
    return _is_number_word(lower)


def _next_lower(doc: Doc, i: int) -> str | None:
    return doc[i + 1].lower_ if i + 1 < len(doc) else None


def _read_phrase(doc: Doc, start: int, end: int) -> NumberPhrase | None:
    tokens = doc[start:end]
    number = parse_number([t.lower_ for t in tokens])
    if number is None:
        return None
    inside = [t for t in tokens if not start <= t.head.i < end or t.head.i == t.i]
    outer_start, hedge = _prefix_hedge(doc, start)
    suffix = _SUFFIX_HEDGES.get(" ".join(t.lower_ for t in doc[end : end + 2]))
    currency, outer_end = _currency_after(doc, start, end)
    symbol = doc[start - 1].lower_ if start > 0 else ""
    if symbol in _CURRENCY_SYMBOLS or symbol in _CURRENCY_CODES:
        currency = _CURRENCY_SYMBOLS.get(symbol) or symbol.upper()
    percent = currency is None and end < len(doc) and doc[end].lower_ in _PERCENT_WORDS
    if percent:
        outer_end = end + (2 if doc[end].lower_ == "per" else 1)
    root = inside[-1] if inside else tokens[-1]
    noun = counted_noun(root)
    if _is_not_a_count(doc, start, end, root, noun):
        return None
    head = _percent_head(doc[end]) if percent else _money_head(root) if currency else None
    return NumberPhrase(
        start, end, root, number.value,
        number.approximate or hedge is not None or suffix is not None,
        outer_start, outer_end, hedge or suffix, currency, percent, noun, partitive_noun(root),
        head,
    )  # fmt: skip


def _money_head(root: Token) -> Token | None:
    """A deal's noun ("a $4.5 billion deal") or the nearest verb ("agreed to invest $3 billion")."""
    if root.dep_ in ("nummod", "compound", "amod", "nmod") and root.head.pos_ == "NOUN":
        return root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        return root.head.head  # "a GDP of $1,300"
    return next((t for t in root.ancestors if t.pos_ == "VERB"), None)


def _percent_head(percent_tok: Token) -> Token | None:
    """ "73 percent of the vote" → vote: tells a vote share from a share of production."""
    partitive = partitive_noun(percent_tok)
    if partitive is not None:
        return partitive
    return next((t for t in percent_tok.ancestors if t.pos_ in ("NOUN", "VERB")), None)


def counted_noun(root: Token) -> Token | None:
    """The noun a number modifies: "15 guards", "several dozen heavily armed men", "30 dead"."""
    tok = root
    for _ in range(3):
        if tok.dep_ not in _MODIFIER_DEPS or tok.head.i <= tok.i:
            return None
        parent = tok.head
        if parent.pos_ in ("NOUN", "PROPN", "PRON") or parent.lower_ in _STATE_ADJECTIVES:
            return parent
        if parent.pos_ not in ("ADJ", "VERB", "ADV", "NUM"):
            return None
        tok = parent
    return None


def partitive_noun(root: Token) -> Token | None:
    """ "two of ... 15 guards", "dozens of people", "70 percent of global production"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_not_a_count(doc: Doc, start: int, end: int, root: Token, noun: Token | None) -> bool:
    """Names, labels, ages, durations and years: numbers that count nothing."""
    tokens = doc[start:end]
    if any(t.ent_type_ in _NAME_ENTS for t in tokens):
        return True
    if root.dep_ in ("nummod", "compound", "appos") and root.head.i < start and root.head.is_title:
        return True  # a label after its name: "Resolution 2098", "Flight 17"
    if start > 0 and doc[start - 1].lower_ in _LABEL_WORDS:
        return True
    hyphenated = end < len(doc) and doc[end].lower_ == "-" and not tokens[-1].whitespace_
    if hyphenated and _next_lower(doc, end) != "strong":
        return True  # a compound modifier: "21-year-old", "four-wheel drive"; not "3,000-strong"
    if noun is not None and (noun.lemma_.lower() in _TIME_UNITS or noun.lower_ in _TIME_UNITS):
        return True  # a duration: "for about three hours"
    if tokens.text.lower() == "one" and noun is None and partitive_noun(root) is None:
        return True  # the pronoun: "One should not judge us"
    years = [t.text for t in tokens if t.text != "-"]
    is_year = all(len(y) == 4 and y.isdigit() and 1800 <= int(y) <= 2100 for y in years)
    # "in 2011", "1994-1995", "the 2011 elections": news writes counts this size "2,000".
    return is_year


def _prefix_hedge(doc: Doc, start: int) -> tuple[int, str | None]:
    """ "at least 12", "some 50", "an estimated 5.6 million", "nearly $3 billion"."""
    if start > 0 and doc[start - 1].lower_ in _CURRENCY_SYMBOLS:
        start -= 1
    if start == 0 or doc[start - 1].lower_ not in _HEDGE_LAST_WORDS:
        return start, None
    for size in (3, 2, 1):
        if start - size >= 0:
            words = " ".join(t.lower_ for t in doc[start - size : start])
            if words in _PREFIX_HEDGES:
                return start - size, _PREFIX_HEDGES[words]
    return start, None


def _currency_after(doc: Doc, start: int, end: int) -> tuple[str | None, int]:
    """ "300 million dollars", "tens of trillions of dollars"; not "600 pounds of" explosives."""
    at = end + 1 if end < len(doc) and doc[end].lower_ == "of" else end
    word = doc[at].lower_ if at < len(doc) else ""
    if word in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[word], at + 1
    if word == "pounds" and _next_lower(doc, at) != "of":
        return "GBP", at + 1
    return None, end


# --- values ------------------------------------------------------------------------------------


def _range_lower_bound(words: Sequence[str]) -> NumberValue | None:
    """ "20-30" reads as its lower bound, as ACLED codes ranges."""
    for i in range(1, len(words) - 1):
        if words[i] in ("-", "to"):
            low, high = numeral_value(words[i - 1]), numeral_value(words[i + 1])
            if low is not None and high is not None and low < high:
                return NumberValue(low, approximate=True)
    return None


def _read_amount(tokens: list[str]) -> NumberValue | None:
    if tokens[0] in _PLURAL_UNITS:  # "dozens", "tens of thousands": lower bounds
        value = 1.0
        for word in tokens:
            value *= _PLURAL_UNITS.get(word) or _SCALES.get(word) or 1.0
        return NumberValue(value, approximate=True)
    # Trailing scale words multiply what precedes them: "6.9 million", "two hundred thousand".
    split, scale = len(tokens), 1.0
    while split > 0 and tokens[split - 1] in _SCALES:
        split -= 1
        scale *= _SCALES[tokens[split]]
    if split == 0:
        return NumberValue(scale)  # "a dozen", "a million": the multiplier was peeled off
    base = _read_exact(tokens[:split])
    return NumberValue(base * scale) if base is not None else None


def _read_exact(tokens: list[str]) -> float | None:
    if len(tokens) == 1 and numeral_value(tokens[0]) is not None:
        return numeral_value(tokens[0])
    if any(numeral_value(t) is not None for t in tokens):
        return None  # "3 and 4" is a list of numerals, not one number
    try:
        return float(text2num(" ".join(tokens), "en"))
    except ValueError:
        return None
