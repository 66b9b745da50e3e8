"""Bring a database to the current schema, from code, with the migrations in the package."""

from __future__ import annotations

import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import SQLAlchemyError

from faultline.errors import StorageError
from faultline.store.engine import describe, mask_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any fixed 64-bit number works; it only has to be the same for every Faultline process.
_PG_LOCK_KEY = zlib.crc32(b"faultline.store.migrate")


def alembic_config() -> Config:
    """An Alembic config for the packaged migrations; no ``alembic.ini`` is read."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Path lists are not used, but newer Alembic warns unless the separator is stated.
    config.set_main_option("path_separator", "os")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StorageError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    url = engine.url.render_as_string(hide_password=False)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StorageError(
            f"cannot read schema version of {mask_url(url)}: {describe(exc)}"
        ) from exc


def upgrade_to_head(engine: Engine) -> None:
    """Apply any missing migrations in one transaction; does nothing when already current.

    Safe to call from several processes at once: they take turns, and the later ones find
    nothing left to do.
    """
    url = engine.url.render_as_string(hide_password=False)
    config = alembic_config()
    try:
        with engine.connect() as connection:
            _lock_for_migration(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
    except (SQLAlchemyError, CommandError) as exc:
        raise StorageError(
            f"cannot bring {mask_url(url)} to the current schema: {describe(exc)}"
        ) from exc


def require_head(engine: Engine, url: str) -> None:
    """Refuse a store we may only read unless it already has the current schema."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        held = f"schema {current}" if current else "no Faultline tables"
        raise StorageError(
            f"{mask_url(url)} is read-only and has {held}, not schema {head}: open it once "
            "where it can be written, to bring it up to date"
        )


def _lock_for_migration(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # pysqlite runs DDL outside any transaction unless one is open; an explicit
        # IMMEDIATE transaction makes the whole migration atomic and makes a second process
        # wait (busy_timeout) rather than create the same tables concurrently.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        # Released at commit; serialises concurrent first opens of an empty database.
        connection.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
