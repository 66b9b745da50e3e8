"""What "the store stays consistent" means after a fault, as checks on the database itself.

* The file is sound (SQLite: ``integrity_check``, ``foreign_key_check``).
* Every stored article is whole: its sources, boilerplate, events and everything hanging off
  them (actors, evidence, counts, claims, relations) and its entity and place mentions number
  exactly what a clean, uninterrupted run stored for it. An article is atomic, so a fault can
  only ever leave all of it or none.
* Linking is sane: every event is either waiting in the link queue or has its incident row,
  never both and never neither; every incident named exists and has members.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from faultline.store import resolve_url
from tests.store.faults.harness import digest, ingest_command, run, summary_of, watch_engine

Fingerprint = dict[str, int]

# One figure per article and table: (name, query giving article_id and the figure).
_EVENT_CHILD = (
    "SELECT e.article_id, count(*) FROM {table} x JOIN events e ON e.id = x.event_id "
    "GROUP BY e.article_id"
)
_PER_ARTICLE = {
    "sources": "SELECT article_id, count(*) FROM article_sources GROUP BY article_id",
    "boilerplate": "SELECT article_id, count(*) FROM boilerplate GROUP BY article_id",
    "extractions": "SELECT article_id, count(*) FROM extractions GROUP BY article_id",
    "extracted_events": "SELECT article_id, events FROM extractions",
    "events": "SELECT article_id, count(*) FROM events GROUP BY article_id",
    "actors": _EVENT_CHILD.format(table="event_actors"),
    "evidence": _EVENT_CHILD.format(table="evidence"),
    "counts": _EVENT_CHILD.format(table="event_counts"),
    "claims": "SELECT article_id, count(*) FROM claims GROUP BY article_id",
    "relations": "SELECT article_id, count(*) FROM relations GROUP BY article_id",
    "entity_mentions": "SELECT article_id, count(*) FROM entity_mentions GROUP BY article_id",
    "place_mentions": "SELECT article_id, count(*) FROM place_mentions GROUP BY article_id",
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A store's per-article fingerprints and its link state."""

    articles: dict[str, Fingerprint]
    pending: int  # events in the link queue


def snapshot(url: str) -> Snapshot:
    """Check the store at ``url`` is sound and sane, and fingerprint its articles."""
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            _assert_sound(connection)
            pending = _assert_link_state(connection)
            return Snapshot(_fingerprints(connection), pending)
    finally:
        engine.dispose()


@dataclass(frozen=True, slots=True)
class CleanRun:
    """The corpus ingested in one uninterrupted run: what every faulted store must become."""

    digest: dict[str, object]
    snapshot: Snapshot

    @property
    def articles(self) -> int:
        return len(self.snapshot.articles)


@dataclass(frozen=True, slots=True)
class Prefilled:
    """A closed SQLite store holding the corpus's demo folder only: copy it, then fault."""

    path: Path
    digest: dict[str, object]
    snapshot: Snapshot

    def copy_to(self, folder: Path) -> Path:
        target = folder / "store.db"
        shutil.copyfile(self.path, target)
        return target


def finish_and_compare(corpus: Path, url: str, clean: CleanRun, *, stored_before: int) -> None:
    """A rerun stores exactly what is missing, and the store then equals the clean run's."""
    rerun = run(ingest_command(corpus, url))
    assert rerun.returncode == 0, rerun.stderr
    summary = summary_of(rerun)
    assert summary.failed == 0 and summary.updated == 0
    assert summary.read == clean.articles
    assert summary.new == clean.articles - stored_before
    assert_consistent(url, clean.snapshot, complete=True)
    assert digest(url) == clean.digest


def assert_consistent(url: str, clean: Snapshot, *, complete: bool = False) -> Snapshot:
    """The store holds whole articles only, each as the clean run stored it; ``complete``:
    all of them, with nothing left to link."""
    found = snapshot(url)
    unknown = set(found.articles) - set(clean.articles)
    assert not unknown, f"articles a clean run never stored: {sorted(unknown)[:5]}"
    torn = {
        article_id: (figures, clean.articles[article_id])
        for article_id, figures in found.articles.items()
        if figures != clean.articles[article_id]
    }
    assert not torn, f"articles stored in part (found, clean): {_first(torn)}"
    if complete:
        assert set(found.articles) == set(clean.articles)
        assert found.pending == 0, f"{found.pending} events still waiting to be linked"
    return found


def _first(torn: dict[str, object]) -> dict[str, object]:
    return dict(list(torn.items())[:3])


def _engine(url: str) -> Engine:
    # Read-only on SQLite, so that checking a store on a full or read-only disk works too.
    return watch_engine(resolve_url(url))


def _assert_sound(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL recovers its own files; the checks below cover our rows
    assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
    assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def _assert_link_state(connection: Connection) -> int:
    """Every event is pending or linked, exactly one of the two; returns how many pend."""
    neither = _scalar(
        connection,
        "SELECT count(*) FROM events e WHERE NOT EXISTS "
        "(SELECT 1 FROM link_queue q WHERE q.event_id = e.id) AND NOT EXISTS "
        "(SELECT 1 FROM incident_events i WHERE i.event_id = e.id)",
    )
    both = _scalar(
        connection,
        "SELECT count(*) FROM link_queue q JOIN incident_events i ON i.event_id = q.event_id",
    )
    assert (neither, both) == (0, 0), f"{neither} events neither pending nor linked, {both} both"
    missing = _scalar(
        connection,
        "SELECT count(*) FROM incident_events i WHERE i.incident_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM incidents n WHERE n.id = i.incident_id)",
    )
    empty = _scalar(
        connection,
        "SELECT count(*) FROM incidents n WHERE NOT EXISTS "
        "(SELECT 1 FROM incident_events i WHERE i.incident_id = n.id)",
    )
    assert (missing, empty) == (0, 0), f"{missing} memberships of no incident, {empty} empty"
    return _scalar(connection, "SELECT count(*) FROM link_queue")


def _fingerprints(connection: Connection) -> dict[str, Fingerprint]:
    ids = connection.execute(text("SELECT id FROM articles")).scalars().all()
    figures: dict[str, Fingerprint] = defaultdict(dict)
    for article_id in ids:
        figures[article_id] = dict.fromkeys(_PER_ARTICLE, 0)
    for name, query in _PER_ARTICLE.items():
        for article_id, value in connection.execute(text(query)):
            assert article_id in figures, f"{name} rows for an article not stored: {article_id}"
            figures[article_id][name] = value
    return dict(figures)


def _scalar(connection: Connection, query: str) -> int:
    return connection.execute(text(query)).scalar_one()
