"""Find the one article a user means: by id, path, ``path (record)`` location, or id prefix."""

from __future__ import annotations

import os
import re

from sqlalchemy import ColumnElement, distinct, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from faultline.errors import AmbiguousRefError, NotFoundError
from faultline.store.tables import ArticleSourceTable, ArticleTable

MIN_PREFIX = 4
ID_PREFIX = "ar_"
_SHOWN = 5
# ``Article.location`` renders as "path (record)"; accept what the CLI printed.
_LOCATION = re.compile(r"^(?P<path>.+) \((?P<record>[^()]+)\)$")


def resolve_ref(session: Session, ref: str) -> str:
    """The id of the single article ``ref`` names, or a NotFoundError or AmbiguousRefError
    saying why not."""
    ref = ref.strip()
    if not ref:
        raise NotFoundError("empty article reference: give an id, an id prefix or a path")
    for finder in (_by_id, _by_path, _by_location, _by_prefix):
        ids = finder(session, ref)
        if ids:
            return ids[0]
    raise NotFoundError(f"no article matches {ref!r}{_short_hint(ref)}")


def _by_id(session: Session, ref: str) -> list[str] | None:
    found = session.scalar(select(ArticleTable.id).where(ArticleTable.id == ref))
    return [found] if found else None


def _by_path(session: Session, ref: str) -> list[str] | None:
    # Paths are stored as the ingest was given them, which may be relative or absolute.
    paths = {ref, os.path.abspath(ref)}
    return _unique(session, ref, ArticleSourceTable.article_id, ArticleSourceTable.path.in_(paths))


def _by_location(session: Session, ref: str) -> list[str] | None:
    match = _LOCATION.match(ref)
    if not match:
        return None
    condition = (ArticleSourceTable.path == match["path"]) & (
        ArticleSourceTable.record == match["record"]
    )
    return _unique(session, ref, ArticleSourceTable.article_id, condition)


def _by_prefix(session: Session, ref: str) -> list[str] | None:
    if len(ref) < MIN_PREFIX:
        return None
    prefix = ref.lower()
    # autoescape: "ar_" has a LIKE wildcard in it; the underscore must match only itself.
    condition = or_(
        ArticleTable.id.startswith(prefix, autoescape=True),
        ArticleTable.id.startswith(ID_PREFIX + prefix, autoescape=True),
    )
    return _unique(session, ref, ArticleTable.id, condition)


def _unique(
    session: Session,
    ref: str,
    id_column: InstrumentedAttribute[str],
    condition: ColumnElement[bool],
) -> list[str] | None:
    """The matching id when there is exactly one; raise when several match."""
    ids = list(
        session.scalars(
            select(id_column).where(condition).distinct().order_by(id_column).limit(_SHOWN + 1)
        )
    )
    if len(ids) <= 1:
        return ids or None
    total = session.scalar(select(func.count(distinct(id_column))).where(condition)) or len(ids)
    raise AmbiguousRefError(_ambiguous_message(ref, ids[:_SHOWN], total))


def _ambiguous_message(ref: str, shown: list[str], total: int) -> str:
    listed = ", ".join(shown)
    more = f" and {total - len(shown)} more" if total > len(shown) else ""
    return f"{ref!r} matches {total} articles: {listed}{more}; give more of the id"


def _short_hint(ref: str) -> str:
    if len(ref) < MIN_PREFIX:
        return f" (id prefixes need at least {MIN_PREFIX} characters)"
    return ""
