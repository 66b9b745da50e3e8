"""Migrations: run from the package on open, idempotent, and matching the table classes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from faultline.models import Article
from faultline.store import Store, create_engine_for, upgrade_to_head
from faultline.store.migrate import MIGRATIONS_DIR, alembic_config, current_revision, head_revision
from faultline.store.tables import Base

TABLES = {"alembic_version", "articles", "article_sources", "boilerplate", "ingest_failures"}


def test_migrations_ship_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert head_revision() == "0001"


def test_open_migrates_an_empty_database(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) == set()
        with Store.open(db_url):
            pass
        assert set(inspect(engine).get_table_names()) == TABLES
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrated_schema_matches_table_classes(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


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
    assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    upgrade_to_head(store.engine)
    assert set(inspect(store.engine).get_table_names()) == TABLES


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
