"""Quotations and paragraphs in the article text, for attribution and the opinion filter.

Both are read from the characters, not the parse: spaCy's sentences can run across a paragraph
break, and a quotation can span several sentences, so neither is a unit of the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from faultline.nlp import doc_text

__all__ = [
    "paragraph_around",
    "previous_paragraph_start",
    "quote_region_of",
    "quote_regions",
]

# Straight quotes toggle; typographic ones open and close.
OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CACHE_KEY = "faultline_quote_regions"


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks; an unclosed quote ends with its paragraph."""
    regions: list[tuple[int, int]] = []
    for para_start, para_end in _paragraphs(text):
        regions.extend(_quotes_in(text, para_start, para_end))
    return regions


def quote_region_of(token: Token) -> tuple[int, int] | None:
    """The quotation ``token`` stands in, computed once per Doc."""
    doc = token.doc
    regions = doc.user_data.get(_CACHE_KEY)
    if regions is None:
        regions = quote_regions(doc_text(doc))
        doc.user_data[_CACHE_KEY] = regions
    return next((r for r in regions if r[0] <= token.idx < r[1]), None)


def paragraph_around(text: str, offset: int) -> tuple[int, int]:
    """The paragraph holding ``offset``."""
    start = max((m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, offset)), default=0)
    following = PARAGRAPH_BREAK.search(text, offset)
    return start, following.start() if following else len(text)


def previous_paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph before the one holding ``offset`` starts (0 at the top)."""
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, offset)]
    return breaks[-2] if len(breaks) >= 2 else 0


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _quotes_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    opened: int | None = None
    for i in range(start, end):
        char = text[i]
        if opened is None and (char in OPEN_QUOTES or char == '"'):
            opened = i + 1
        elif opened is not None and (char in CLOSE_QUOTES or char == '"'):
            yield opened, i
            opened = None
    if opened is not None:
        yield opened, end
