"""Strip Markdown (and stray HTML) from article text while keeping the offset map.

Each rule finds *edits* in the original text: a range to delete, or to replace with a few
characters. Edits never delete a newline, so the stripped text keeps the original's lines, which
later stages read line by line. Every regex quantifier is bounded, so a pathological input (a
2 MB line of ``[[[[``) costs linear time instead of backtracking for minutes.

Typographic quotes and dashes are kept as written: they are the article's text, not markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from faultline.ingest.offsets import MappedText, TextBuilder


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of the source with ``text`` (empty: delete)."""

    start: int
    end: int
    text: str = ""
    kind: str = "inline"


@dataclass(frozen=True, slots=True)
class MarkupResult:
    """Stripped text plus which of its lines were Markdown headings or list items.

    ``headings`` and ``bullets`` hold line-start offsets in the stripped text; the head reader
    uses them (a ``#`` line is a strong title signal, a ``- Name`` bullet a byline signal).
    """

    mapped: MappedText
    headings: frozenset[int]
    bullets: frozenset[int]


# Characters that are encoding artefacts rather than text: invisible ones and control characters
# go, odd spaces become plain spaces so later whitespace rules see one kind of space.
_CHAR_RE = re.compile(
    r"\r\n?|[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]"
    r"|[\t\x0b\x0c\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)

# Block prefixes at a line start: blockquote markers, then an ATX heading or a list bullet.
_PREFIX_RE = re.compile(
    r"^\ufeff?(?:[ ]{0,3}(?:>[ ]?)+)?"
    r"(?:(?P<heading>[ ]{0,3}\#{1,6}(?:[ ]+|(?=\n)|\Z))|(?P<bullet>[ ]*[-*+•▪◦‣][ ]+(?=\S)))?",
    re.MULTILINE,
)
_HEADING_CLOSE_RE = re.compile(r"[ ]+\#+[ ]*$", re.MULTILINE)
_RULE_LINE_RE = re.compile(
    r"^[ ]{0,3}(?:(?:[-*_][ ]*){3,}|={3,}|`{3,}[^\n`]{0,40}"
    r"|\[[^\]\n]{1,100}\]:[ ]*\S{1,2000})[ ]*$",
    re.MULTILINE,
)
# The lookbehind starts a match only where a run of spaces starts: without it a long run
# followed by a word is rescanned from each of its characters (quadratic; 100 KB of spaces
# took minutes).
_TRAILING_SPACE_RE = re.compile(r"(?<![^\S\n])[^\S\n]+$", re.MULTILINE)

# Patterns start with their literal delimiter and check what precedes it with a lookbehind
# placed after it: a leading lookbehind would stop the regex engine from skipping ahead to the
# next delimiter, making each pattern several times slower.
_ESCAPE_RE = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,300}\]\([^()\s]{0,2000}(?:[ ]+\"[^\"\n]{0,300}\")?\)")
_LINK_RE = re.compile(
    r"\[(?<![\\!]\[)(?P<text>[^\[\]\n]{1,500})\]"
    r"(?P<target>\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:[ ]+\"[^\"\n]{0,300}\")?\)"
    r"|\[[^\[\]\n]{0,100}\])"
)
_AUTOLINK_RE = re.compile(r"<(?:https?://|mailto:|www\.)[^<>\s]{1,2000}>")
# (pattern, delimiter length): pairs of delimiters around non-space text on one line.
_PAIRED_RES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\*\*(?<![\\*]\*\*)(?=\S)[^*\n]{1,500}?(?<=[^\s\\])\*\*(?!\*)"), 2),
    (re.compile(r"__(?<![\\\w]__)(?=\S)[^_\n]{1,500}?(?<=[^\s\\])__(?!\w)"), 2),
    (re.compile(r"\*(?<![\\*\w]\*)(?=[^\s*])[^*\n]{1,500}?(?<=[^\s*\\])\*(?![*\w])"), 1),
    (re.compile(r"_(?<![\\\w]_)(?=[^\s_])[^_\n]{1,500}?(?<=[^\s_\\])_(?!\w)"), 1),
    (re.compile(r"`(?<![`\\]`)[^`\n]{1,500}`(?!`)"), 1),
)
_ENTITY_RE = re.compile(r"&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Only tags that turn up in pasted article text; "<y and z>" in prose must survive.
_TAG_RE = re.compile(
    r"<!--.{0,2000}?-->"
    r"|</?(?:a|b|i|u|em|strong|span|p|br|hr|div|sup|sub|small|font|img|ul|ol|li|h[1-6]"
    r"|figure|figcaption|blockquote|section|article|header|footer)\b(?:[^<>\n]{0,500})?/?>",
    re.IGNORECASE,
)


def strip_markup(text: str) -> MarkupResult:
    """Remove Markdown syntax, HTML tags and entities; return the text mapped to ``text``."""
    edits = _resolve_overlaps(_find_edits(text))
    builder = TextBuilder(text)
    headings: set[int] = set()
    bullets: set[int] = set()
    pos = 0
    for edit in edits:
        builder.keep(pos, edit.start)
        if edit.kind == "heading":
            headings.add(builder.length)
        elif edit.kind == "bullet":
            bullets.add(builder.length)
        builder.insert(edit.text, edit.start)
        pos = edit.end
    builder.keep(pos, len(text))
    return MarkupResult(builder.build(), frozenset(headings), frozenset(bullets))


def _find_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    edits.extend(_char_edits(text))
    edits.extend(_prefix_edits(text))
    edits.extend(_line_edits(text))
    edits.extend(_link_edits(text))
    edits.extend(_delimiter_edits(text))
    edits.extend(_entity_edits(text))
    return edits


def _char_edits(text: str) -> list[Edit]:
    edits = []
    for m in _CHAR_RE.finditer(text):
        char = m.group()
        if char == "\r\n":
            edits.append(Edit(m.start(), m.start() + 1))
        elif char == "\r":
            edits.append(Edit(m.start(), m.end(), "\n"))
        elif char.isspace():
            edits.append(Edit(m.start(), m.end(), " "))
        else:
            edits.append(Edit(m.start(), m.end()))
    return edits


def _prefix_edits(text: str) -> list[Edit]:
    edits = []
    for m in _PREFIX_RE.finditer(text):
        if m.end() == m.start():
            continue
        kind = "heading" if m.group("heading") else "bullet" if m.group("bullet") else "block"
        edits.append(Edit(m.start(), m.end(), kind=kind))
        if kind == "heading":
            close = _HEADING_CLOSE_RE.search(text, m.end(), _line_end(text, m.end()))
            if close:
                edits.append(Edit(close.start(), close.end()))
    return edits


def _line_edits(text: str) -> list[Edit]:
    """Whole-line markup (rules, fences, link definitions) and hard-break trailing spaces."""
    edits = [Edit(m.start(), m.end(), kind="block") for m in _RULE_LINE_RE.finditer(text)]
    edits.extend(Edit(m.start(), m.end()) for m in _TRAILING_SPACE_RE.finditer(text))
    return edits


def _link_edits(text: str) -> list[Edit]:
    edits = [Edit(m.start(), m.end()) for m in _IMAGE_RE.finditer(text)]
    for m in _LINK_RE.finditer(text):
        # Keep the link text, drop the brackets and the target: "[text](url)" reads "text".
        edits.append(Edit(m.start(), m.start() + 1))
        edits.append(Edit(m.end("text"), m.end()))
    for m in _AUTOLINK_RE.finditer(text):
        edits.append(Edit(m.start(), m.start() + 1))
        edits.append(Edit(m.end() - 1, m.end()))
    return edits


def _delimiter_edits(text: str) -> list[Edit]:
    """Emphasis and code delimiters go in pairs, so only matched pairs are removed."""
    edits = [Edit(m.start(), m.end()) for m in _ESCAPE_RE.finditer(text)]
    for pattern, width in _PAIRED_RES:
        for m in pattern.finditer(text):
            edits.append(Edit(m.start(), m.start() + width))
            edits.append(Edit(m.end() - width, m.end()))
    edits.extend(Edit(m.start(), m.end()) for m in _TAG_RE.finditer(text))
    return edits


def _entity_edits(text: str) -> list[Edit]:
    edits = []
    for m in _ENTITY_RE.finditer(text):
        value = html.unescape(m.group())
        if value != m.group():
            edits.append(Edit(m.start(), m.end(), " " if value == "\u00a0" else value))
    return edits


def _resolve_overlaps(edits: list[Edit]) -> list[Edit]:
    """Sort edits and drop any that overlap an earlier (or, at one start, a longer) edit."""
    edits.sort(key=lambda e: (e.start, -e.end))
    kept: list[Edit] = []
    last_end = 0
    for edit in edits:
        if edit.start >= last_end and (edit.end > edit.start or edit.text):
            kept.append(edit)
            last_end = edit.end
    return kept


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end
