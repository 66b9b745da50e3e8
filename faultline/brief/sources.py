"""What each source a brief cites says about itself: the article behind an event (title,
outlet, date, URL, a short quote of the evidence), or a reference row's publication."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from faultline.brief.minerals import MineralData
from faultline.minerals.reference import ReferenceRow
from faultline.models import (
    ArticleRef,
    BriefData,
    ProductionShare,
    RegionProvinces,
    Source,
    SourceRef,
    StoredEvent,
)
from faultline.store import Store

QUOTE_CHARS = 90


def gather_sources(
    store: Store, brief: BriefData, events: Sequence[StoredEvent], reference: MineralData
) -> BriefData:
    """``brief`` with a ``Source`` for every reference its claims cite, in first-cited order.

    Events outside the period's own (an exposure driver in another country) are read from
    the store; a reference row that does not exist is the reference's NotFoundError.
    """
    known = {e.event.id: e for e in events}
    articles = {e.article.id: e.article for e in events}
    quotes = {
        ref: quote
        for relation in reversed(brief.relations)
        for ref, quote in zip(relation.sources, relation.quotes, strict=False)
    }
    sources = []
    for ref in dict.fromkeys(cited_refs(brief)):
        if ref.kind == "event":
            stored = known.get(ref.id) or store.get_event(ref.id)
            sources.append(event_source(stored))
        elif ref.kind == "article":
            sources.append(_article_source(ref, articles[ref.id], quotes.get(ref, "")))
        else:
            sources.append(reference_source(reference.row(ref.id)))
    return dataclasses.replace(brief, sources=tuple(sources))


def cited_refs(brief: BriefData) -> Iterator[SourceRef]:
    """Every source the brief's claims cite, in the order the page shows them."""
    for province in brief.minerals.provinces:
        yield from (SourceRef("reference", row) for row in province.rows)
    for coup in brief.coups:
        yield from coup.sources
    for key_event in brief.key_events:
        yield from key_event.sources
    for relation in brief.relations:
        yield from relation.sources
    for line in brief.minerals.shares:
        yield SourceRef("reference", line.share.row_id)
        yield from (SourceRef("reference", area.row_id) for area in line.areas)
    for deal in brief.minerals.deals:
        yield from deal.sources
    for exposure in brief.minerals.exposure:
        for driver in exposure.drivers:
            yield SourceRef("event", driver.event_id)
            yield SourceRef("reference", driver.share_row)
            for row in (driver.area_row, driver.region_row):
                if row:
                    yield SourceRef("reference", row)


def event_source(stored: StoredEvent) -> Source:
    return _article_source(
        SourceRef("event", stored.event.id), stored.article, stored.event.wording
    )


def _article_source(ref: SourceRef, article: ArticleRef, quote: str) -> Source:
    return Source(
        ref=ref,
        title=article.title,
        outlet=article.source,
        published=article.published.iso,
        url=article.url,
        quote=short_quote(quote),
        article_id=article.id,
    )


def reference_source(row: ReferenceRow) -> Source:
    year = str(row.year) if isinstance(row, ProductionShare) else None
    return Source(
        ref=SourceRef("reference", row.row_id),
        title=row.source,
        outlet=None,
        published=year,
        url=None if isinstance(row, RegionProvinces) else row.source_url,
    )


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str | None:
    """The evidence, cut at a word boundary to fit a line of the sources list."""
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
