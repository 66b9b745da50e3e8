"""Lines, paragraphs and sentences.

The body text is rebuilt from the stripped lines: whitespace collapses to single spaces, the
lines of a paragraph join with a space, and paragraphs are separated by one blank line. A
paragraph that a copy-paste broke mid-sentence ("claimed to have taken power" / "and waved the
flag") is joined to the next one with a single space, which maps back to the original break.

Sentences come from a rule-based splitter that knows titles ("Gen.", "Lt."), initials,
dotted acronyms ("U.S."), decimals and closing quotes after a full stop.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from faultline.ingest.offsets import MappedText, TextBuilder
from faultline.models import Span


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text, ``[start, end)`` without its newline."""

    index: int
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Body:
    """Normalised body text with its paragraph and sentence spans (over ``mapped.text``)."""

    mapped: MappedText
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]


def _words(text: str) -> frozenset[str]:
    """A word set written as one string, which reads better than a long list literal."""
    return frozenset(text.split())


# A paragraph ending in one of these is finished; anything else may continue on the next one.
_TERMINAL = frozenset(".!?:\"”’')]»…")
# Words that cannot end a sentence: a paragraph ending in one was cut mid-phrase.
_CONNECTORS = _words(
    "a an and are as at but by for from in is of on or that the to was were which who with "
    "à au aux de des du en et la le les ou par pour que qui sur un une "
    "com da das do dos e em na nas no nos o os para pelo pela um uma "
    "con del el los las por y"
)
_MULTISPACE_RE = re.compile(r"  +")
_NON_SPACE_RE = re.compile(r"\S")


def split_lines(text: str) -> list[Line]:
    """All lines of ``text``, in order (a final newline does not start an extra line)."""
    lines: list[Line] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        lines.append(Line(len(lines), start, end))
        start = end + 1
    return lines


def is_blank(text: str, line: Line) -> bool:
    return _NON_SPACE_RE.search(text, line.start, line.end) is None


def build_body(
    source: MappedText,
    lines: Sequence[Line],
    removed: Collection[int],
    headings: Collection[int] = frozenset(),
) -> Body:
    """Rebuild the body from ``lines`` minus the ``removed`` line indices.

    ``headings`` holds line-start offsets of heading lines: a heading never joins the paragraph
    after it, however unpunctuated it is.
    """
    text = source.text
    paragraphs = _group_paragraphs(text, lines, removed)
    builder = TextBuilder(source)
    spans: list[Span] = []
    block_start = 0
    for i, paragraph in enumerate(paragraphs):
        if i > 0:
            previous = paragraphs[i - 1]
            gap = previous[-1].end
            if _should_join(text, previous, paragraph, headings):
                builder.insert(" ", gap)
            else:
                spans.append(Span(block_start, builder.length))
                _separate(builder, text, gap)
                block_start = builder.length
        _emit_paragraph(builder, text, paragraph)
    if paragraphs:
        spans.append(Span(block_start, builder.length))
    mapped = builder.build()
    sentences = tuple(s for span in spans for s in split_sentences(mapped.text, span))
    return Body(mapped, tuple(spans), sentences)


def _group_paragraphs(
    text: str, lines: Sequence[Line], removed: Collection[int]
) -> list[list[Line]]:
    """Runs of non-blank lines; a removed line separates paragraphs like a blank one."""
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.index in removed or is_blank(text, line):
            if current:
                paragraphs.append(current)
                current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def _separate(builder: TextBuilder, text: str, gap: int) -> None:
    # Reuse the original blank line where there is one, so the separator maps to itself.
    if text.startswith("\n\n", gap):
        builder.keep(gap, gap + 2)
    else:
        builder.insert("\n\n", gap)


def _emit_paragraph(builder: TextBuilder, text: str, paragraph: list[Line]) -> None:
    for j, line in enumerate(paragraph):
        if j > 0:
            # A single newline inside a paragraph is a soft wrap: it reads as a space.
            builder.insert(" ", paragraph[j - 1].end)
        _emit_line(builder, text, line)


def _emit_line(builder: TextBuilder, text: str, line: Line) -> None:
    """Copy a line without its outer spaces and with inner space runs cut to one space."""
    start, end = line.start, line.end
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    pos = start
    for m in _MULTISPACE_RE.finditer(text, start, end):
        builder.keep(pos, m.start() + 1)
        pos = m.end()
    builder.keep(pos, end)


def _should_join(
    text: str, previous: list[Line], paragraph: list[Line], headings: Collection[int]
) -> bool:
    if previous[0].start in headings or paragraph[0].start in headings:
        return False
    tail = previous[-1].of(text).rstrip()
    head = paragraph[0].of(text).lstrip()
    if not tail or not head or tail[-1] in _TERMINAL:
        return False
    if head[0].islower():
        return True
    last_word = tail.rsplit(None, 1)[-1].lower()
    return last_word in _CONNECTORS and head[0].isalnum()


# Words that end with a full stop without ending the sentence: titles and ranks always; month
# and number abbreviations only before a digit ("Jan. 5", "No. 3").
_TITLES = _words(
    "mr mrs ms dr prof gen lt col capt cpt sgt maj adm brig cmdr cdr gov sen rep pres st jr sr "
    "rev hon mt ft vs fig approx dept est mme mlle mm sra srta dra av pe"
)
_BEFORE_DIGIT = _words("jan feb mar apr jun jul aug sep sept oct nov dec no nos nr art p pp")
_CANDIDATE_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
_OPENERS = "\"'“‘«([—–-"
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def split_sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentence spans of ``text`` (or of its ``within`` range), trimmed of outer whitespace."""
    start, end = (within.start, within.end) if within else (0, len(text))
    spans: list[Span] = []
    sentence_start = start
    for m in _CANDIDATE_RE.finditer(text, start, end):
        if m.end() >= end or not _is_boundary(text, m.start(), m.end()):
            continue
        boundary = m.end() - len(m.group()) + len(m.group().rstrip())
        spans.append(Span(sentence_start, boundary))
        sentence_start = m.end()
    while end > sentence_start and text[end - 1].isspace():
        end -= 1
    spans.append(Span(sentence_start, end))
    return [span for span in spans if span.end > span.start]


def _is_boundary(text: str, punct: int, next_start: int) -> bool:
    if text.startswith("[", next_start):
        return True  # an editorial insertion opens the sentence: "[al-Qaeda] is stronger"
    following = text[next_start : next_start + 4].lstrip(_OPENERS)
    if not following or not (following[0].isupper() or following[0].isdigit()):
        return False
    if text[punct] != "." or text[punct + 1 : punct + 2] == ".":
        return True
    word = _word_before(text, punct)
    if not word:
        return True
    lowered = word.lower()
    if lowered in _TITLES or _ACRONYM_RE.fullmatch(word):
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    return not (lowered in _BEFORE_DIGIT and following[0].isdigit())


def _word_before(text: str, end: int) -> str:
    # Words longer than 40 characters are no abbreviation, so looking further back is pointless.
    low = max(0, end - 40)
    space = max(text.rfind(" ", low, end), text.rfind("\n", low, end))
    return text[low if space < 0 else space + 1 : end].lstrip(_OPENERS)
