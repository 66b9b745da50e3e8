"""Fixtures for store tests: hand-built articles and events, one database per test, on each engine.

SQLite always runs, on a real file. PostgreSQL runs when ``FAULTLINE_TEST_PG_URL`` points at
a server; each test gets a schema of its own, dropped afterwards. Without that variable the
PostgreSQL cases skip, except under ``CI=true``, where they fail: a CI job must either
provide the server or deselect them with ``-m "not pg"``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SAWarning
from sqlalchemy.schema import CreateSchema, DropSchema

from faultline.models import (
    AcledCode,
    ActorKind,
    ActorRole,
    Article,
    Attribution,
    Counts,
    Coup,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    Evidence,
    Extraction,
    Mentions,
    Modality,
    OffsetMap,
    PlacePrecision,
    PloverType,
    PublishedDate,
    RemovedText,
    Span,
    Typing,
)
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
            stale = inspect(connection).has_table("alembic_version", schema="public")
            connection.execute(CreateSchema(schema))
        if stale:
            # Alembic looks its version table up through search_path, so one left in
            # ``public`` (by a store once opened on the bare URL) would make it skip every
            # migration of the test's empty schema.
            pytest.fail(
                "public.alembic_version exists in the PostgreSQL test database; the test "
                "schemas would see it through search_path. Drop it (and any store tables in "
                "public) and run again"
            )
        # search_path puts every table, alembic_version included, into the test's schema;
        # ``public`` comes after it because PostGIS lives there, and migration 0002's
        # generated ``events.geog`` column needs its ``geography`` type and functions.
        options = f"-csearch_path={schema},public"
        url = make_url(resolve_url(base)).update_query_dict({"options": options})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(DropSchema(schema, cascade=True, if_exists=True))
        admin.dispose()


@contextmanager
def database_url(engine: str, directory: Path) -> Iterator[str]:
    """A fresh database on ``engine`` ("sqlite" in ``directory``, or a PostgreSQL schema), for
    fixtures of other scopes and for tests outside tests/store."""
    if engine == "sqlite":
        yield f"sqlite:///{directory / 'store.db'}"
    else:
        with contextmanager(_pg_schema_url)(pg_base_url()) as url:
            yield url


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


# --- Hand-built events (no spaCy): what an extractor would hand the store --------------------

TEST_EXTRACTOR = "faultline test-1"


def span_of(text: str, phrase: str) -> Span:
    """The span of the first ``phrase`` in ``text``."""
    at = text.index(phrase)
    return Span(at, at + len(phrase))


def place(
    text: str,
    phrase: str,
    *,
    name: str | None = None,
    precision: PlacePrecision = "city",
    country: str | None = None,
    admin1: str | None = None,
    geonames_id: int | None = None,
    point: tuple[float, float] | None = None,
) -> EventLocation:
    lat, lon = point if point is not None else (None, None)
    return EventLocation(
        text=phrase,
        name=name or phrase,
        precision=precision,
        span=span_of(text, phrase),
        country=country,
        admin1=admin1,
        geonames_id=geonames_id,
        lat=lat,
        lon=lon,
    )


def actor(
    text: str,
    phrase: str,
    *,
    role: ActorRole = "actor",
    name: str | None = None,
    kind: ActorKind = "group",
    sector: str | None = None,
    country: str | None = None,
    entity_id: str | None = None,
) -> EventActor:
    return EventActor(
        role=role,
        text=phrase,
        name=name or phrase,
        kind=kind,
        span=span_of(text, phrase),
        sector=sector,
        country=country,
        entity_id=entity_id,
    )


def day(value: dt.date, text: str | None = None, span: Span | None = None) -> EventDate:
    return EventDate(value, value, "day", "explicit", text, span)


UNDATED = EventDate(None, None, None, "inferred")
NO_COUNTS = Counts()


def build_event(
    article: Article,
    event_id: str,
    clause: str,
    *,
    event_type: PloverType = "ASSAULT",
    mode: str | None = None,
    contexts: tuple[str, ...] = (),
    acled: AcledCode | None = None,
    date: EventDate = UNDATED,
    location: EventLocation | None = None,
    actors: tuple[EventActor, ...] = (),
    counts: Counts = NO_COUNTS,
    modality: Modality = "asserted",
    attribution: Attribution | None = None,
    background: bool = False,
    coup: Coup | None = None,
    evidence: tuple[Evidence, ...] = (),
    confidence: float = 0.75,
    extractor: str = TEST_EXTRACTOR,
) -> Event:
    """An event about ``clause`` (a phrase of the article's text, also its summary).

    ``typing.confidence`` equals the event's confidence, as the extractor makes it (the store
    keeps one confidence; see test_event_codec.py).
    """
    clause_span = span_of(article.text, clause)
    return Event(
        id=event_id,
        article_id=article.id,
        typing=Typing(event_type, mode, contexts, acled, confidence, "rules"),
        summary=clause,
        date=date,
        location=location,
        actors=actors,
        counts=counts,
        modality=modality,
        attribution=attribution,
        background=background,
        coup=coup,
        evidence=(Evidence("event", clause_span, clause), *evidence),
        confidence=confidence,
        extractor=extractor,
    )


def build_extraction(
    article: Article,
    events: tuple[Event, ...] | list[Event],
    *,
    extractor: str = TEST_EXTRACTOR,
    mentions: Mentions | None = None,
) -> Extraction:
    """The extraction of ``events``, every one stamped with ``extractor``, with the relations
    their actors and recipients state (as extraction gives them)."""
    from faultline.events.relations import event_relations

    stamped = tuple(replace(event, extractor=extractor) for event in events)
    relations = tuple(event_relations(stamped))
    return Extraction(article.id, extractor, mentions or Mentions(article.id), stamped, relations)


def own_tables(engine: Engine) -> set[str]:
    """The tables in the store's own schema.

    On PostgreSQL the test schema's search_path ends in ``public``, and SQLAlchemy lists every
    table visible through it, PostGIS's ``spatial_ref_sys`` included; only the first schema
    (``current_schema()``, the inspector's default) is the store's.
    """
    inspector = inspect(engine)
    return set(inspector.get_table_names(schema=inspector.default_schema_name))


def dump_tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (alembic_version too), for before/after comparisons."""
    metadata = MetaData()
    with warnings.catch_warnings():
        # PostgreSQL's generated ``events.geog`` is a PostGIS geography, a type SQLAlchemy
        # reflects as NullType (with a warning); its values still compare as they are.
        warnings.filterwarnings("ignore", "Did not recognize type 'geography'", SAWarning)
        metadata.reflect(bind=engine, only=sorted(own_tables(engine)))
    with engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for name, table in sorted(metadata.tables.items())
        }


@pytest.fixture
def dump() -> Callable[[Store], dict[str, list[tuple[Any, ...]]]]:
    return lambda opened: dump_tables(opened.engine)


@pytest.fixture(scope="module", params=ENGINES)
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """One store per engine holding the dataset (event_dataset.py), shared by read-only tests."""
    with (
        database_url(request.param, tmp_path_factory.mktemp("events")) as url,
        Store.open(url) as opened,
    ):
        from tests.store.event_dataset import save_dataset  # the dataset imports this module

        save_dataset(opened)
        yield opened
