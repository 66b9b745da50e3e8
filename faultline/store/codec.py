"""Conversions between :class:`~faultline.models.Article` records and table rows.

Kept apart from the repository so the mapping can be read (and tested) in one place: every
Article field must survive a save and a load unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from faultline.models import (
    Article,
    DateMethod,
    DatePrecision,
    InputFormat,
    OffsetMap,
    PublishedDate,
    RemovedText,
    Span,
)
from faultline.store.records import ArticleRow, FailureRow, SourceRow
from faultline.store.tables import (
    ArticleSourceTable,
    ArticleTable,
    BoilerplateTable,
    IngestFailureTable,
)


def article_values(article: Article, now: dt.datetime) -> dict[str, Any]:
    """Column values for a new ``articles`` row."""
    return {
        "id": article.id,
        "text": article.text,
        "original_text": article.original_text,
        "title": article.title,
        "author": article.author,
        "source": article.source,
        "url": article.url,
        "path": article.path,
        "record": article.record,
        "format": article.format,
        "language": article.language,
        "encoding": article.encoding,
        **published_values(article.published),
        "paragraphs": spans_to_json(article.paragraphs),
        "sentences": spans_to_json(article.sentences),
        "offset_map": offset_map_to_json(article.offset_map),
        "word_count": article.word_count(),
        "first_seen_at": now,
        "last_seen_at": now,
    }


def published_values(published: PublishedDate) -> dict[str, Any]:
    span = published.span
    return {
        "published": published.iso,
        "published_year": published.year,
        "published_month": published.month,
        "published_day": published.day,
        "published_precision": published.precision,
        "published_method": published.method,
        "published_text": published.text,
        "published_start": span.start if span else None,
        "published_end": span.end if span else None,
    }


def boilerplate_values(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article.id,
            "ordinal": ordinal,
            "reason": removed.reason,
            "text": removed.text,
            "start": removed.span.start,
            "end": removed.span.end,
        }
        for ordinal, removed in enumerate(article.boilerplate)
    ]


def record_key(record: str | None) -> str:
    """``article_sources.record`` value: "" stands for "no record" (see the table)."""
    return record or ""


def article_from_rows(row: ArticleTable, removed: Iterable[BoilerplateTable]) -> Article:
    """Rebuild the exact Article that was saved."""
    ordered = sorted(removed, key=lambda item: item.ordinal)
    return Article(
        id=row.id,
        text=row.text,
        title=row.title,
        author=row.author,
        source=row.source,
        published=published_from_row(row),
        url=row.url,
        path=row.path,
        record=row.record,
        format=cast(InputFormat, row.format),
        language=row.language,
        paragraphs=spans_from_json(row.paragraphs),
        sentences=spans_from_json(row.sentences),
        boilerplate=tuple(
            RemovedText(item.reason, item.text, Span(item.start, item.end)) for item in ordered
        ),
        original_text=row.original_text,
        offset_map=offset_map_from_json(row.offset_map),
        encoding=row.encoding,
    )


# The columns ``published_from_row`` reads, for queries that select columns, not whole rows.
PUBLISHED_COLUMNS = (
    ArticleTable.published_year,
    ArticleTable.published_month,
    ArticleTable.published_day,
    ArticleTable.published_precision,
    ArticleTable.published_method,
    ArticleTable.published_text,
    ArticleTable.published_start,
    ArticleTable.published_end,
)


def published_from_row(row: Any) -> PublishedDate:
    """The PublishedDate of an ``articles`` row, or of any row with its published columns."""
    span = None
    if row.published_start is not None and row.published_end is not None:
        span = Span(row.published_start, row.published_end)
    return PublishedDate(
        year=row.published_year,
        month=row.published_month,
        day=row.published_day,
        precision=cast("DatePrecision | None", row.published_precision),
        method=cast(DateMethod, row.published_method),
        text=row.published_text,
        span=span,
    )


def article_row(row: ArticleTable) -> ArticleRow:
    return ArticleRow(
        id=row.id,
        title=row.title,
        author=row.author,
        source=row.source,
        published=row.published,
        published_precision=row.published_precision,
        published_method=row.published_method,
        language=row.language,
        word_count=row.word_count,
        path=row.path,
        first_seen_at=as_utc(row.first_seen_at),
    )


def source_row(row: ArticleSourceTable) -> SourceRow:
    return SourceRow(path=row.path, record=row.record or None, seen_at=as_utc(row.seen_at))


def failure_row(row: IngestFailureTable) -> FailureRow:
    return FailureRow(
        id=row.id,
        location=row.location,
        error_code=row.error_code,
        message=row.message,
        occurred_at=as_utc(row.occurred_at),
    )


def as_utc(value: dt.datetime) -> dt.datetime:
    # SQLite keeps no time zone; everything we write is UTC, so naive values are UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def spans_to_json(spans: Sequence[Span]) -> list[list[int]]:
    return [[span.start, span.end] for span in spans]


def spans_from_json(data: Sequence[Sequence[int]]) -> tuple[Span, ...]:
    return tuple(Span(int(start), int(end)) for start, end in data)


def offset_map_to_json(offsets: OffsetMap) -> dict[str, Any]:
    return {
        "normalised": list(offsets.normalised),
        "original": list(offsets.original),
        "normalised_length": offsets.normalised_length,
        "original_length": offsets.original_length,
    }


def offset_map_from_json(data: dict[str, Any]) -> OffsetMap:
    return OffsetMap(
        normalised=tuple(int(value) for value in data["normalised"]),
        original=tuple(int(value) for value in data["original"]),
        normalised_length=int(data["normalised_length"]),
        original_length=int(data["original_length"]),
    )
