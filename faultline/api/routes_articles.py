"""``/api/articles`` (list, one with its text and events) and ``POST /api/articles`` (run the
pipeline on a pasted or uploaded article, store it, return its events)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field

from faultline.api.deps import StoreDep
from faultline.api.errors import ApiError
from faultline.errors import ExtractionError, InputError
from faultline.export.event_json import article_json, event_to_json
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_bytes
from faultline.models import Article, EventFilter, RawDocument
from faultline.store import Store

router = APIRouter(tags=["articles"])
UPLOAD = "api upload"


class ArticleIn(BaseModel):
    """An article to run through the pipeline."""

    text: str = Field(min_length=1, max_length=DEFAULT_MAX_BYTES)
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = None
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)


@router.get("/articles")
def articles(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Stored articles, newest first seen first."""
    rows = store.list_articles(limit=limit, offset=offset)
    return {
        "ok": True,
        "total": store.count_articles(),
        "articles": [_row_json(row) for row in rows],
    }


@router.get("/articles/{ref}")
def article(store: StoreDep, ref: str) -> dict[str, Any]:
    """An article's normalised text and its events, whose evidence offsets point into it."""
    found = store.get_article(ref)
    flt = EventFilter(article_id=found.id, include_background=True)
    events = [event_to_json(s.event, s.article) for s in store.iter_events(flt)]
    return {"ok": True, "article": _article_json(found), "events": events}


@router.post("/articles", status_code=201)
def post_article(store: StoreDep, body: ArticleIn) -> dict[str, Any]:
    """Run the pipeline on ``text``, store the article with its events, return them."""
    raw = _raw_document(body.text.encode("utf-8"), UPLOAD)
    raw = replace(raw, title_hint=body.title, source_hint=body.source, url=body.url)
    return _ingest(store, raw, body.published)


@router.post("/articles/upload", status_code=201)
def upload_article(
    store: StoreDep, file: Annotated[UploadFile, File(description="txt, md, html, feed")]
) -> dict[str, Any]:
    """The same for an uploaded file (its format sniffed, as for stdin)."""
    data = file.file.read(DEFAULT_MAX_BYTES + 1)
    return _ingest(store, _raw_document(data, file.filename or UPLOAD), None)


def _raw_document(data: bytes, source: str) -> RawDocument:
    for result in read_bytes(data, source, DEFAULT_MAX_BYTES):
        if isinstance(result, InputError):
            raise result
        return result
    raise ApiError(400, "no article in the request")


def _ingest(store: Store, raw: RawDocument, published: dt.date | None) -> dict[str, Any]:
    from faultline.pipeline import extract_safely

    normalised = normalise(raw, published=published)
    extraction = extract_safely([normalised])[normalised.id]
    if isinstance(extraction, ExtractionError):
        raise ApiError(422, str(extraction))
    status = store.save_article(normalised, extraction)
    store.link()
    events = [event_to_json(e, normalised) for e in extraction.events]
    return {"ok": True, "status": status, "article": _article_json(normalised), "events": events}


def _article_json(found: Article) -> dict[str, Any]:
    return {**article_json(found), "author": found.author, "url": found.url, "text": found.text}


def _row_json(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "published": row.published,
        "path": row.path,
        "word_count": row.word_count,
    }
