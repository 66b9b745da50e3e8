"""Database tables, as SQLAlchemy 2 declarative classes.

These classes are the source of truth that migrations are checked against (a test compares
them with the migrated schema), but the schema itself is created only by the migrations in
``faultline/store/migrations``: change both together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Explicit constraint names so the hand-written migrations and these classes agree, and so
# a later migration can drop or alter a constraint by name on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute as is
        str: Text(),
        int: Integer(),
        dt.datetime: DateTime(timezone=True),
        list[Any]: JSON(),
        dict[str, Any]: JSON(),
    }


class ArticleTable(Base):
    """One normalised article; ``path``/``record`` say where it was first seen."""

    __tablename__ = "articles"
    __table_args__ = (Index(None, "published"),)

    id: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str]
    original_text: Mapped[str]
    title: Mapped[str | None]
    author: Mapped[str | None]
    source: Mapped[str | None]
    url: Mapped[str | None]
    path: Mapped[str]
    record: Mapped[str | None]
    format: Mapped[str]
    language: Mapped[str | None]
    encoding: Mapped[str]
    # ISO text truncated to the precision ("2024-03", or "--03-10" without a year), so that
    # listing by date needs no parsing; the parts below rebuild the PublishedDate exactly.
    published: Mapped[str | None]
    published_year: Mapped[int | None]
    published_month: Mapped[int | None]
    published_day: Mapped[int | None]
    published_precision: Mapped[str | None]
    published_method: Mapped[str]
    published_text: Mapped[str | None]
    published_start: Mapped[int | None]
    published_end: Mapped[int | None]
    paragraphs: Mapped[list[Any]]
    sentences: Mapped[list[Any]]
    offset_map: Mapped[dict[str, Any]]
    word_count: Mapped[int]
    first_seen_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]


class ArticleSourceTable(Base):
    """Every place an article was read from; the same text may arrive from many files."""

    __tablename__ = "article_sources"
    __table_args__ = (
        UniqueConstraint("article_id", "path", "record"),
        Index(None, "path"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    path: Mapped[str]
    # "" rather than NULL for "no record": NULLs never collide in a unique constraint, which
    # would let the same file be recorded twice.
    record: Mapped[str] = mapped_column(default="", server_default="")
    seen_at: Mapped[dt.datetime]


class BoilerplateTable(Base):
    """Text the normaliser removed from an article, in order, with the reason."""

    __tablename__ = "boilerplate"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str]
    text: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]


class IngestFailureTable(Base):
    """An input that could not become an article, kept so failures can be reviewed later."""

    __tablename__ = "ingest_failures"
    __table_args__ = (Index(None, "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    location: Mapped[str]
    error_code: Mapped[str]
    message: Mapped[str]
    occurred_at: Mapped[dt.datetime]
