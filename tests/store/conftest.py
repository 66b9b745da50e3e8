"""Fixtures for store tests: hand-built articles and one database per test, on each engine.

SQLite always runs, on a real file. PostgreSQL runs when ``FAULTLINE_TEST_PG_URL`` points at
a server; each test gets a schema of its own, dropped afterwards. Without that variable the
PostgreSQL cases skip, except under ``CI=true``, where they fail: a CI job must either
provide the server or deselect them with ``-m "not pg"``.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from faultline.models import Article, OffsetMap, PublishedDate, RemovedText, Span
from faultline.store import Store, resolve_url

PG_ENV = "FAULTLINE_TEST_PG_URL"

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]

HEADLINE = "Coup attempt in the capital"
BODY = (
    "Soldiers seized the radio station in the capital on Tuesday.\n\n"
    "The army said the president was safe, and a curfew began at dusk."
)
NAV = "Home | World | Africa"
FOOTER = "Subscribe to our newsletter"


def pg_base_url() -> str:
    """The PostgreSQL test server URL, or skip (fail under CI) when none is configured."""
    url = os.environ.get(PG_ENV, "").strip()
    if url:
        return url
    reason = f"{PG_ENV} is not set; PostgreSQL store tests need a server (see tests/store)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}. Under CI=true this is an error: set it or use -m 'not pg'")
    pytest.skip(reason)


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    yield from _pg_schema_url(pg_base_url())


def _pg_schema_url(base: str) -> Iterator[str]:
    schema = f"faultline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(resolve_url(base))
    try:
        with admin.begin() as connection:
            connection.execute(CreateSchema(schema))
        # search_path puts every table, alembic_version included, into the test's schema.
        url = make_url(resolve_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(DropSchema(schema, cascade=True, if_exists=True))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as opened:
        yield opened


def build_article(
    text: str = BODY,
    *,
    path: str = "reports/coup.txt",
    record: str | None = None,
    title: str | None = HEADLINE,
    published: PublishedDate | None = None,
    with_boilerplate: bool = True,
) -> Article:
    """An Article as the normaliser would produce it: ``NAV`` + text + ``FOOTER`` stripped."""
    original = f"{NAV}\n{text}\n{FOOTER}" if with_boilerplate else text
    start = len(NAV) + 1 if with_boilerplate else 0
    removed: tuple[RemovedText, ...] = ()
    if with_boilerplate:
        footer_start = start + len(text) + 1
        removed = (
            RemovedText("navigation", NAV, Span(0, len(NAV))),
            RemovedText("footer", FOOTER, Span(footer_start, footer_start + len(FOOTER))),
        )
    if published is None:
        published = _tuesday(text)
    return Article(
        id="ar_" + hashlib.sha256(text.encode()).hexdigest()[:16],
        text=text,
        title=title,
        author="Amina Diallo",
        source="Sahel Wire",
        published=published,
        url="https://example.org/coup",
        path=path,
        record=record,
        format="txt",
        language="en",
        paragraphs=_paragraphs(text),
        sentences=_sentences(text),
        boilerplate=removed,
        original_text=original,
        offset_map=OffsetMap((0,), (start,), len(text), len(original)),
        encoding="utf-8",
    )


def _tuesday(text: str) -> PublishedDate:
    at = text.find("Tuesday")
    span = Span(at, at + len("Tuesday")) if at >= 0 else None
    return PublishedDate(2024, 3, 12, "day", "text", "Tuesday" if span else None, span)


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append(Span(start, start + len(block)))
        start += len(block) + 2
    return tuple(spans)


def _sentences(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == ".":
            spans.append(Span(start, index + 1))
            start = index + 1
            while start < len(text) and text[start].isspace():
                start += 1
    return tuple(spans)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return build_article


def dump_tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (alembic_version too), for before/after comparisons."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    with engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for name, table in sorted(metadata.tables.items())
        }


@pytest.fixture
def dump() -> Callable[[Store], dict[str, list[tuple[Any, ...]]]]:
    return lambda opened: dump_tables(opened.engine)
