"""Migrations: run from the package on open, idempotent, and matching the table classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from faultline.models import Article
from faultline.store import Store, create_engine_for, upgrade_to_head
from faultline.store.migrate import MIGRATIONS_DIR, alembic_config, current_revision, head_revision
from faultline.store.tables import Base
from tests.store.conftest import own_tables

TABLES = {
    "alembic_version",
    # 0001
    "articles",
    "article_sources",
    "boilerplate",
    "ingest_failures",
    # 0002
    "extractions",
    "entities",
    "entity_mentions",
    "places",
    "place_mentions",
    "events",
    "event_actors",
    "evidence",
    "event_counts",
    "claims",
    "relations",
    "superseded_events",
    # 0003
    "incidents",
    "incident_events",
    "event_links",
    "event_vectors",
    "entity_links",
    "link_queue",
    # 0004
    "event_minerals",
    "event_deals",
    "mineral_mentions",
}
# SQLite's FTS5 index over events.search_text: the virtual table and its shadow tables.
SQLITE_SEARCH_TABLES = {
    "event_search",
    "event_search_config",
    "event_search_data",
    "event_search_docsize",
    "event_search_idx",
}
# Columns and indexes PostgreSQL's migration adds to ``events`` for --text and --near.
PG_GENERATED_COLUMNS = {"search", "geog"}
PG_GENERATED_INDEXES = {"ix_events_search", "ix_events_geog"}


def expected_tables(engine: Engine) -> set[str]:
    return TABLES | (SQLITE_SEARCH_TABLES if engine.dialect.name == "sqlite" else set())


def only_declared_schema(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """``include_name`` for compare_metadata: skip the search machinery migration 0002 builds
    outside the table classes on purpose.

    The classes describe the portable schema; the engine-specific parts cannot be declared
    there. SQLite's FTS5 virtual table ``event_search`` (and the shadow tables FTS5 creates)
    is raw DDL kept in step by triggers; PostgreSQL's ``events.search`` (tsvector) and
    ``events.geog`` (PostGIS geography) are generated columns whose expressions, types and
    GiST/GIN indexes only exist there. PostGIS's own ``spatial_ref_sys`` lives in ``public``,
    visible through the test schema's search_path, and is not ours at all.
    """
    if type_ == "table":
        return not (name or "").startswith("event_search") and name != "spatial_ref_sys"
    if type_ == "column" and parent_names.get("table_name") == "events":
        return name not in PG_GENERATED_COLUMNS
    if type_ == "index":
        return name not in PG_GENERATED_INDEXES
    return True


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert head_revision() == "0004"


def test_open_migrates_an_empty_database(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        assert current_revision(engine) is None
        assert own_tables(engine) == set()
        with Store.open(db_url):
            pass
        assert own_tables(engine) == expected_tables(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


# Reflecting PostgreSQL's events.geog warns that "geography" is unknown; the hook skips it.
@pytest.mark.filterwarnings("ignore:Did not recognize type 'geography'")
def test_migrated_schema_matches_table_classes(store: Store) -> None:
    opts = {"compare_type": True, "include_name": only_declared_schema}
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=opts)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


@pytest.mark.filterwarnings("ignore:Did not recognize type 'geography'")
def test_search_machinery_exists_where_the_hook_skips_it(store: Store) -> None:
    """The names ``only_declared_schema`` filters out are really there (no stale filter)."""
    inspector = inspect(store.engine)
    if store.engine.dialect.name == "sqlite":
        assert own_tables(store.engine) >= SQLITE_SEARCH_TABLES
        return
    columns = {c["name"] for c in inspector.get_columns("events")}
    indexes = {i["name"] for i in inspector.get_indexes("events")}
    assert columns >= PG_GENERATED_COLUMNS
    assert indexes >= PG_GENERATED_INDEXES


def test_reopening_keeps_data_and_does_not_migrate_again(
    db_url: str, make_article: Callable[..., Article], dump: Callable[[Store], Any]
) -> None:
    with Store.open(db_url) as first:
        first.save_article(make_article())
        before = dump(first)
    with Store.open(db_url) as second:
        assert dump(second) == before
        assert second.count_articles() == 1


def test_upgrade_to_head_is_idempotent(store: Store, dump: Callable[[Store], Any]) -> None:
    before = dump(store)
    upgrade_to_head(store.engine)
    upgrade_to_head(store.engine)
    assert dump(store) == before


def test_downgrade_then_upgrade_round_trips(store: Store) -> None:
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert own_tables(store.engine) == {"alembic_version"}
    upgrade_to_head(store.engine)
    assert own_tables(store.engine) == expected_tables(store.engine)


@pytest.mark.parametrize("name", ["articles", "article_sources", "boilerplate"])
def test_foreign_keys_and_unique_source_constraint_exist(store: Store, name: str) -> None:
    inspector = inspect(store.engine)
    if name == "articles":
        assert inspector.get_pk_constraint(name)["constrained_columns"] == ["id"]
        return
    assert [fk["referred_table"] for fk in inspector.get_foreign_keys(name)] == ["articles"]
    if name == "article_sources":
        uniques = [set(u["column_names"]) for u in inspector.get_unique_constraints(name)]
        assert {"article_id", "path", "record"} in uniques
