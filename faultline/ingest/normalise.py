"""Turn a :class:`~faultline.models.RawDocument` into a normalised :class:`Article`.

Stages, each in its own module:

1. ``markup``: strip Markdown/HTML syntax and escapes, keeping the offset map.
2. ``boilerplate``: find site lines (footers, share/subscribe prompts, reading times).
3. ``metadata``: find the title, byline and date lines at the head.
4. ``segment``: rebuild the body from the remaining lines, join broken paragraphs, split
   paragraphs and sentences.
5. ``language``: identify the language of the body.

The article text is the *body only*: title, byline and date lines are removed from it and
recorded, like boilerplate, as :class:`RemovedText` (reasons ``title``, ``byline``,
``dateline``), so downstream extraction never mistakes a headline or a byline for a sentence
and every removed character can still be found in ``original_text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import urlsplit

from faultline.errors import EmptyInputError, TooLargeError
from faultline.ingest.boilerplate import Cut, find_boilerplate, removed_lines
from faultline.ingest.language import detect_language
from faultline.ingest.markup import strip_markup
from faultline.ingest.metadata import read_head, resolve_published
from faultline.ingest.offsets import MappedText
from faultline.ingest.segment import Line, build_body, split_lines
from faultline.models import Article, RawDocument, RemovedText, Span

# spaCy's own limit for one document (``nlp.max_length``, which ``faultline.nlp`` sets to this):
# a longer text fails inside the parser, so it is refused here, naming the input. Within the
# byte limit only a few unusual inputs reach it (a 5 MB article of one-byte characters).
MAX_ARTICLE_CHARS = 1_000_000


def normalise(raw: RawDocument, *, published: dt.date | None = None) -> Article:
    """Normalise ``raw``; ``published`` (from the command line) overrides any found date.

    Raises :class:`EmptyInputError` when no body text is left.
    """
    marked = strip_markup(raw.text)
    text = marked.mapped.text
    lines = split_lines(text)
    boilerplate = find_boilerplate(text, lines)
    head = read_head(
        marked.mapped,
        lines,
        skip=removed_lines(boilerplate.cuts),
        headings=marked.headings,
        bullets=marked.bullets,
        title_hint=raw.title_hint,
    )
    cuts = sorted((*boilerplate.cuts, *head.cuts), key=lambda cut: cut.first)
    body = build_body(marked.mapped, lines, removed_lines(cuts), marked.headings)
    if not body.mapped.text.strip():
        raise EmptyInputError("no article text left after normalisation", source=raw.location)
    if len(body.mapped.text) > MAX_ARTICLE_CHARS:
        raise TooLargeError(
            f"{len(body.mapped.text):,} characters of text is over the {MAX_ARTICLE_CHARS:,} "
            "the NLP parses as one article (split it into several)",
            source=raw.location,
        )
    return Article(
        id=article_id(body.mapped.text),
        text=body.mapped.text,
        title=head.title,
        author=raw.author_hint or head.author,
        source=raw.source_hint or boilerplate.site or _host(raw.url),
        published=resolve_published(head.date, hint=raw.published_hint, cli=published),
        url=raw.url,
        path=raw.path,
        record=raw.record,
        format=raw.format,
        language=detect_language(body.mapped.text),
        paragraphs=body.paragraphs,
        sentences=body.sentences,
        boilerplate=_removed_texts(raw.text, marked.mapped, lines, cuts),
        original_text=raw.text,
        offset_map=body.mapped.offset_map,
        encoding=raw.encoding,
    )


def article_id(text: str) -> str:
    """``ar_`` plus the first 16 hex digits of the SHA-256 of the normalised text."""
    return "ar_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _removed_texts(
    original: str, mapped: MappedText, lines: list[Line], cuts: list[Cut]
) -> tuple[RemovedText, ...]:
    removed = []
    for cut in cuts:
        span = _original_lines(original, mapped, lines[cut.first], lines[cut.last])
        removed.append(RemovedText(cut.reason, span.of(original), span))
    return tuple(removed)


def _original_lines(original: str, mapped: MappedText, first: Line, last: Line) -> Span:
    """The original span of whole lines ``first..last``, markup included.

    Markup stripping never removes a newline, so the original lines around the mapped ends are
    exactly the lines cut; this recovers syntax such as ``# `` or ``](http://...)**`` that no
    kept character maps to.
    """
    start = mapped.offset_map.to_original(first.start)
    end = mapped.offset_map.to_original(max(last.end - 1, last.start))
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", end)
    if line_end < 0:
        line_end = len(original)
    if line_end > line_start and original[line_end - 1] == "\r":
        line_end -= 1
    return Span(line_start, line_end)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # "http://[::1" and other URLs urllib cannot split have no host
        return None
    if not host:
        return None
    return host.removeprefix("www.")
