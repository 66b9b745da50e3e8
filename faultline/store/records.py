"""Small read-only results the store returns for listings (full articles are ``Article``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

SaveStatus = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of an article listing: enough to choose an article, not its text."""

    id: str
    title: str | None
    author: str | None
    source: str | None
    published: str | None
    published_precision: str | None
    published_method: str
    language: str | None
    word_count: int
    path: str
    first_seen_at: dt.datetime


@dataclass(frozen=True, slots=True)
class FailureRow:
    """An input that failed to ingest, newest first in listings."""

    id: int
    location: str
    error_code: str
    message: str
    occurred_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A place an article was read from; ``record`` is None for single-article files."""

    path: str
    record: str | None
    seen_at: dt.datetime
