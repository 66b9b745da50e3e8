"""Alembic environment: runs only with a connection handed over by ``faultline.store.migrate``.

The store opens (and, on SQLite, locks) the connection and owns its transaction, so this
script neither creates engines nor commits.
"""

from __future__ import annotations

from alembic import context

from faultline.store.tables import Base


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "Faultline migrations run from faultline.store.migrate.upgrade_to_head(), "
            "which passes a connection in config.attributes['connection']"
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables in later migrations.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("Faultline migrations do not support offline (--sql) mode")
run_migrations_online()
