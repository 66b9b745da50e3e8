"""RSS and Atom feeds: one RawDocument per entry, parsed by feedparser."""

from __future__ import annotations

import email.utils
import io
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.etree
import lxml.html

from faultline.errors import InputError, MalformedRecordError, NoArticleError
from faultline.models import RawDocument


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputError]:
    try:
        # A file object, never the bytes: feedparser treats bytes it can open() as a file
        # name, so a feed file holding "/etc/passwd" would read that file instead.
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is lenient; anything it raises is a broken feed
        yield MalformedRecordError(f"feed could not be parsed: {exc}", source=source)
        return
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        detail = f": {reason}" if reason else ""
        yield NoArticleError(f"feed has no entries{detail}", source=source)
        return
    site = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"entry {number}"
        text = _entry_text(entry)
        if not text:
            yield NoArticleError("feed entry has no text", source=f"{source} ({where})")
            continue
        yield RawDocument(
            path=source,
            format="feed",
            text=text,
            record=where,
            title_hint=entry.get("title") or None,
            author_hint=_author(entry),
            published_hint=entry.get("published") or entry.get("updated") or None,
            url=entry.get("link") or None,
            source_hint=site,
        )


def _author(entry: Any) -> str | None:
    """The author's name; RSS writes "desk@site.example (Jane Doe)"."""
    author = (entry.get("author") or "").strip()
    if "@" in author:
        name, _address = email.utils.parseaddr(author)
        return name or None
    return author or None


def _entry_text(entry: Any) -> str:
    """The fullest body the entry has (content over summary), as plain paragraphs."""
    bodies = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    body = max(bodies, key=len).strip()
    if not body:
        return ""
    if "<" not in body:
        return body
    return _html_to_paragraphs(body)


def _html_to_paragraphs(fragment: str) -> str:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    blocks = root.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//blockquote")
    parts = [" ".join(b.text_content().split()) for b in blocks] or [root.text_content()]
    return "\n\n".join(p for p in parts if p.strip())
