"""``/api/articles`` (list, one with its text and events) and ``POST /api/articles`` (run the
pipeline on a pasted or uploaded article, store it, return its events)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, Field, field_validator

from faultline.api.deps import StoreDep
from faultline.api.errors import ApiError
from faultline.api.routes_events import MAX_INT
from faultline.api.schemas import Articles, OneArticle, PostedArticle, responses
from faultline.errors import ExtractionError, InputError
from faultline.export.event_json import article_json, event_to_json
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_bytes
from faultline.models import Article, EventFilter, RawDocument
from faultline.store import Store

router = APIRouter(tags=["articles"])
UPLOAD = "api upload"
POST_ERRORS = responses(413, 422)
# One posted article at a time through the pipeline and into the store: the spaCy pipeline and
# the models load once and are not safe to run from two threads at once, and the linker must
# see the incidents the previous article made (SQLite has one writer at a time anyway).
_WRITING = threading.Lock()


class ArticleIn(BaseModel):
    """An article to run through the pipeline."""

    # At most DEFAULT_MAX_BYTES of UTF-8, as ingest takes from a file: checked in bytes by
    # _raw_document (413), the whole body capped before it is read (guards.py).
    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = None
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)

    @field_validator("text", "title", "source", "url")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        # PostgreSQL refuses NUL in text (a 503 for what is the request's fault).
        if value is not None and "\x00" in value:
            raise ValueError("holds a NUL character")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        # Lax validation would read a number as seconds since 1970: a date is text, as documented.
        if value is not None and not isinstance(value, str | dt.date):
            raise ValueError("give a date like 2024-05-19")
        return value


@router.get("/articles", responses={200: {"model": Articles}, **responses()})
def articles(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> dict[str, Any]:
    """Stored articles, newest first seen first."""
    rows = store.list_articles(limit=limit, offset=offset)
    return {
        "ok": True,
        "total": store.count_articles(),
        "articles": [_row_json(row) for row in rows],
    }


@router.get("/articles/{ref}", responses={200: {"model": OneArticle}, **responses(404)})
def article(store: StoreDep, ref: str) -> dict[str, Any]:
    """An article's normalised text and its events, whose evidence offsets point into it."""
    found = store.get_article(ref)
    flt = EventFilter(article_id=found.id, include_background=True)
    events = [event_to_json(s.event, s.article) for s in store.iter_events(flt)]
    return {"ok": True, "article": _article_json(found), "events": events}


@router.post("/articles", status_code=201, responses={201: {"model": PostedArticle}, **POST_ERRORS})
def post_article(store: StoreDep, body: ArticleIn) -> dict[str, Any]:
    """Run the pipeline on ``text``, store the article with its events, return them."""
    raw = _raw_document(body.text.encode("utf-8"), UPLOAD)
    raw = replace(raw, title_hint=body.title, source_hint=body.source, url=body.url)
    return _ingest(store, raw, body.published)


@router.post(
    "/articles/upload", status_code=201, responses={201: {"model": PostedArticle}, **POST_ERRORS}
)
def upload_article(
    store: StoreDep, file: Annotated[UploadFile, File(description="txt, md, html, feed")]
) -> dict[str, Any]:
    """The same for an uploaded file (its format sniffed, as for stdin)."""
    data = file.file.read(DEFAULT_MAX_BYTES + 1)
    return _ingest(store, _raw_document(data, file.filename or UPLOAD), None)


def _raw_document(data: bytes, source: str) -> RawDocument:
    if len(data) > DEFAULT_MAX_BYTES:
        limit = DEFAULT_MAX_BYTES / 1024 / 1024
        raise ApiError(413, f"the article is over the {limit:.0f} MB limit for one article")
    for result in read_bytes(data, source, DEFAULT_MAX_BYTES):
        if isinstance(result, InputError):
            raise result
        return result
    raise ApiError(400, "no article in the request")


def _ingest(store: Store, raw: RawDocument, published: dt.date | None) -> dict[str, Any]:
    from faultline.pipeline import extract_safely

    normalised = normalise(raw, published=published)
    with _WRITING:
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
