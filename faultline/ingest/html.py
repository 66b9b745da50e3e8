"""HTML pages to RawDocuments, with trafilatura doing the article extraction."""

from __future__ import annotations

import re

import trafilatura

from faultline.errors import NoArticleError
from faultline.ingest.decode import decode_text
from faultline.models import RawDocument

_LINE_BREAKS = re.compile(r"\n+")
# Below this, what trafilatura finds is a menu or a caption, not an article.
MIN_ARTICLE_WORDS = 10


def read_html(data: bytes, source: str, *, url: str | None = None) -> RawDocument:
    """The main article of an HTML page, with the page's title, author, date and site name."""
    html, encoding = decode_text(data, source)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml/ValueError types on bad markup
        raise NoArticleError(f"HTML could not be parsed: {exc}", source=source) from exc
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    words = len(text.split())
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(
            f"HTML page has no article text ({words} words outside menus and footers)",
            source=source,
        )
    return RawDocument(
        path=source,
        format="html",
        # trafilatura separates paragraphs with one newline; ours are blank-line separated.
        text=_LINE_BREAKS.sub("\n\n", text.strip()),
        encoding=encoding,
        title_hint=doc.title or None,
        author_hint=doc.author or None,
        published_hint=doc.date or None,
        url=doc.url or url,
        source_hint=doc.sitename or doc.hostname or None,
    )
