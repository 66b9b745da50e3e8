"""Storage layer: articles and ingest failures in SQLite or PostgreSQL.

Open with :meth:`Store.open`; the URL comes from the argument, else ``$FAULTLINE_DB``, else
``faultline.db`` in the current directory. Every database problem raises
:class:`~faultline.errors.StorageError`.
"""

from faultline.store.engine import ENV_VAR, create_engine_for, mask_url, resolve_url
from faultline.store.migrate import upgrade_to_head
from faultline.store.records import ArticleRow, FailureRow, SaveStatus, SourceRow
from faultline.store.repository import Store

__all__ = [
    "ENV_VAR",
    "ArticleRow",
    "FailureRow",
    "SaveStatus",
    "SourceRow",
    "Store",
    "create_engine_for",
    "mask_url",
    "resolve_url",
    "upgrade_to_head",
]
