"""Alembic migrations for the store, shipped inside the package and run from code.

See :func:`faultline.store.migrate.upgrade_to_head`; there is no ``alembic.ini``.
"""
