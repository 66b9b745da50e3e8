"""Minerals an article names: "cobalt", "coltan" (tantalum), "3T" (tin, tantalum, tungsten),
"rare earth metals", and stakes that name no one mineral ("critical minerals").

The words come from the reference data (``faultline/minerals/data``: names, aliases, group
terms), so adding a mineral there teaches the reader its name. Matching is on the normalised
text, longest term first, so "rare earth metals" is one mention and not "rare earth" plus a
stray word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from faultline.models import GENERIC_MINERALS, Article, MineralMention, Span

# Bare "minerals" names a stake too ("military support in exchange for minerals"); bare
# "mineral" does not ("mineral water"), so only the plural and a few set phrases count.
_GENERIC_PHRASES = (
    "minerals",
    "mineral resources",
    "mineral wealth",
    "mineral riches",
    "mineral deposits",
    "mineral rights",
    "mineral trade",
    "mineral sector",
    "mining sector",
)
# Idioms in which a mineral word is not the commodity: "a gold medal", "the gold standard of
# reporting", "tin-roofed houses" (common in displacement reports), "diamond jubilee".
_NOT_COMMODITY_NEXT = re.compile(
    r"[\s-]*(?:medal(?:ist)?s?|standard|roof(?:s|ed|ing)?|sheets?|cans?|shacks?|pots?|"
    r"jubilee|anniversary|wedding|star|coast)\b",
    re.IGNORECASE,
)


def find_minerals(article: Article, terms: Mapping[str, tuple[str, ...]] | None = None) -> tuple[
    MineralMention, ...
]:  # fmt: skip
    """Every mention of minerals in ``article.text``, in text order."""
    pattern, table = _matcher(_frozen(terms))
    found: list[MineralMention] = []
    text = article.text
    for match in pattern.finditer(text):
        if _NOT_COMMODITY_NEXT.match(text, match.end()):
            continue
        key = _key(match.group(0))
        minerals = next(
            (table[k] for k in (key, key.removesuffix("s"), key.removesuffix("es"), key + "s")
             if k in table),
            None,
        )  # fmt: skip
        if minerals:
            found.append(MineralMention(Span(match.start(), match.end()), match.group(0), minerals))
    return tuple(found)


def minerals_in(mentions: tuple[MineralMention, ...], span: Span) -> tuple[MineralMention, ...]:
    """The mentions that lie inside ``span``."""
    return tuple(m for m in mentions if span.start <= m.span.start and m.span.end <= span.end)


def _frozen(terms: Mapping[str, tuple[str, ...]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return _reference_terms() if terms is None else _merged(terms)


@cache
def _reference_terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The shipped reference's terms, merged and sorted once per process, not per article."""
    from faultline.minerals.reference import load_reference

    return _merged(load_reference().terms())


def _merged(terms: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    merged = {**{p: (GENERIC_MINERALS,) for p in _GENERIC_PHRASES}, **terms}
    return tuple(sorted((_key(k), v) for k, v in merged.items()))


@cache
def _matcher(
    terms: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    table = dict(terms)
    # A plural term names the commodity in the singular too ("rare earths", "a rare-earth
    # mine"); not a generic one ("minerals" is a stake, "mineral water" is not).
    singular = {
        word[:-1]
        for word, ids in table.items()
        if word.endswith("s") and GENERIC_MINERALS not in ids
    }
    # Longest first: a regex alternation takes the first alternative that matches.
    words = sorted(set(table) | singular, key=len, reverse=True)
    body = "|".join(_flexible(word) for word in words)
    # "(?<![\w-])" rather than \b: "Copperbelt" and "goldsmith" must not match, nor "13T".
    pattern = re.compile(rf"(?<![\w]){'(?:' + body + ')'}(?:s|es)?(?![\w])", re.IGNORECASE)
    return pattern, table


def _flexible(word: str) -> str:
    """A term as a regex in which spaces and hyphens are interchangeable ("rare-earth")."""
    return r"[\s-]+".join(re.escape(part) for part in word.split())


def _key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())
