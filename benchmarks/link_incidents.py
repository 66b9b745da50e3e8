"""Incremental linking at scale: the cost of adding one real article as the store grows.

    .venv/bin/python benchmarks/link_incidents.py [--sizes 1000,100000] [--articles 5]
        [--year 2025] [--seed 7] [--batch 500]

For each size N a fresh SQLite store (temporary directory) gets N synthetic events
(``synthetic_events.py``, ``Store.save_many``), then the rows linking them all would leave,
without running the linker over N events: a random unit float16 vector per realised dated event,
a singleton incident per realised event, an ``incident_events`` row per event (NULL incident when
not realised), an ``entity_links`` self row per NER entity. The generator spreads dates over
2015-2025; ``--year`` folds them into one year (same month and day; 0: no) so the candidate
search meets synthetic events near the corpus's 2025 articles. The first ``--articles`` files of
``tests/link/corpus``, extracted once up front, are then added in turn: ``Store.save_article``
and ``Store.link()`` (real MiniLM) timed apiece, the events the linker examined counted with
``candidate_ids``. Added articles stay, so a later one may link to an earlier one. No ANALYZE:
the application never runs it.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table
from sqlalchemy import delete, func, insert, literal, select
from sqlalchemy.orm import Session
from store_events import database_mb
from synthetic_events import EventGenerator

from faultline.events.embed import embed
from faultline.link.incidents import incident_id_for
from faultline.link.loading import candidate_ids, load_link_events, pending_event_ids
from faultline.link.rules import REALISED
from faultline.models import Article, CountReport, Extraction, ReconciledCount
from faultline.pipeline import list_inputs, read_articles
from faultline.store import Store
from faultline.store import tables as t

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "link" / "corpus"
DIMS = 384  # MiniLM
ROWS_PER_INSERT = 5000
NEAR_DAYS = 3
Item = tuple[Article, Extraction]
_E = t.EventTable
# What a singleton incident's row is derived from.
INCIDENT_COLUMNS = (_E.id, _E.article_id, _E.event_type, _E.modality, _E.date_start,
                    _E.date_end, _E.date_precision, _E.country, _E.location_name,
                    _E.location_precision, _E.lat, _E.lon, _E.coup_outcome, _E.summary,
                    _E.fatalities, _E.background, t.ArticleTable.source)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Added:
    """One corpus article added to one store."""

    name: str
    save_ms: float
    link_ms: float
    events: int  # the article's linkable events
    candidates: int  # stored events candidate_ids gave the linker for them
    links: int
    cod_near: int  # COD events stored within ±NEAR_DAYS of its publication date, before adding


@dataclass(slots=True)
class SizeRun:
    size: int
    load_s: float = 0.0
    mark_s: float = 0.0
    size_mb: float = 0.0
    added: list[Added] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[1000, 100_000], help="events: a,b,...")
    parser.add_argument("--articles", type=int, default=5, help="corpus articles to add")
    parser.add_argument("--year", type=int, default=2025, help="fold synthetic dates (0: no)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="articles per save_many")
    args = parser.parse_args()
    console = Console(width=None if sys.stdout.isatty() else 150)
    corpus = extract_corpus(read_corpus(args.articles), console)
    embed(["warm-up"])  # MiniLM loaded before the first timed link()
    console.print(f"engine: SQLite {sqlite3.sqlite_version}, a temporary file per size")
    runs: list[SizeRun] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            with Store.open(f"sqlite:///{tmp}/link-{size}.db") as store:
                runs.append(measure(store, size, corpus, args, console))
    report(runs, args, console)


# --- the new articles ---------------------------------------------------------------------------


def read_corpus(count: int) -> list[Article]:
    paths = sorted(str(p) for p in CORPUS.glob("*.md"))[:count]
    articles: list[Article] = []
    for path, result in read_articles(list_inputs(paths)):
        if not isinstance(result, Article):
            sys.exit(f"{path}: {result}")
        articles.append(result)
    return articles


def extract_corpus(articles: list[Article], console: Console) -> list[Item]:
    """Each article's extraction, timed once: a cold call (loads the NLP), then one by one."""
    from faultline.events.extract import extract_all

    start = time.perf_counter()
    list(extract_all(articles[:1]))
    cold = time.perf_counter() - start
    found: list[Item] = []
    warm: list[float] = []
    for article in articles:
        start = time.perf_counter()
        found += extract_all([article])
        warm.append(_ms(start))
    console.print(
        f"extraction (NLP, independent of store size): first call {cold:.1f} s (loads spaCy), "
        f"then per article median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms"
    )
    return found


# --- a store of N synthetic events, as if linked ------------------------------------------------


def load(store: Store, size: int, seed: int, year: int, batch_size: int) -> float:
    start = time.perf_counter()
    batch: list[Item] = []
    for item in EventGenerator(seed).generate(size):
        batch.append(fold(item, year))
        if len(batch) >= batch_size:
            store.save_many(batch)
            batch.clear()
    store.save_many(batch)
    return time.perf_counter() - start


def fold(item: Item, year: int) -> Item:
    """Every event date moved into ``year`` (same month and day)."""
    article, extraction = item
    if not year:
        return item
    events = tuple(
        replace(e, date=replace(e.date, start=_in(e.date.start, year), end=_in(e.date.end, year)))
        for e in extraction.events
    )
    return article, replace(extraction, events=events)


def _in(day: dt.date | None, year: int) -> dt.date | None:
    if day is None:
        return None
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def mark_linked(store: Store, seed: int) -> float:
    """Vectors, singleton incidents, memberships and entity self-links for every stored row,
    and an empty link queue."""
    start = time.perf_counter()
    joined = select(*INCIDENT_COLUMNS).join(t.ArticleTable, t.ArticleTable.id == _E.article_id)
    with store.engine.begin() as connection:
        rows = connection.execute(joined.order_by(_E.id)).all()
        realised = [r for r in rows if r.modality in REALISED]
        rng = np.random.default_rng(seed)
        for chunk in _chunks([r.id for r in realised if r.date_start is not None]):
            vectors = rng.standard_normal((len(chunk), DIMS))
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            values = [{"event_id": i, "vector": v.astype(np.float16).tobytes()}
                      for i, v in zip(chunk, vectors, strict=True)]  # fmt: skip
            connection.execute(insert(t.EventVectorTable), values)
        for chunk in _chunks(realised):
            connection.execute(insert(t.IncidentTable), [_incident(r) for r in chunk])
        members = [{"event_id": r.id, "incident_id": incident_id_for([r.id])
                    if r.modality in REALISED else None} for r in rows]  # fmt: skip
        for chunk in _chunks(members):
            connection.execute(insert(t.IncidentEventTable), chunk)
        selves = select(t.EntityTable.id, t.EntityTable.id, literal("self"), literal(1.0))
        columns = ["entity_id", "canonical_id", "rule", "score"]
        ner = selves.where(t.EntityTable.source == "ner")
        connection.execute(insert(t.EntityLinkTable).from_select(columns, ner))
        connection.execute(delete(t.LinkQueueTable))  # every event above counts as linked
    return time.perf_counter() - start


def _incident(row: Any) -> dict[str, object]:
    """The row ``_write_incidents`` would write for an incident of this one event (its only
    reconciled count: the killed that ``events.fatalities`` repeats)."""
    killed: int | None = row.fatalities
    counts: list[dict[str, Any]] = []
    if killed is not None:
        report = CountReport(killed, row.article_id, row.source, row.id, row.modality)
        counts.append(asdict(ReconciledCount("killed", killed, killed, killed, (report,))))
    return {"id": incident_id_for([row.id]), "event_type": row.event_type,
            "date_start": row.date_start, "date_end": row.date_end,
            "date_precision": row.date_precision, "country": row.country,
            "location": row.location_name, "location_precision": row.location_precision,
            "lat": row.lat, "lon": row.lon, "coup": row.coup_outcome, "events": 1,
            "articles": 1, "sources": 1, "summary": row.summary, "background": row.background,
            "killed_best": killed,
            "killed_low": killed, "killed_high": killed, "counts": counts,
            "coup_status": None, "coup_ref": None, "coup_days_apart": None}  # fmt: skip


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), ROWS_PER_INSERT):
        yield items[start : start + ROWS_PER_INSERT]


# --- adding the articles ------------------------------------------------------------------------


def measure(store: Store, size: int, corpus: list[Item], args: Any, console: Console) -> SizeRun:
    run = SizeRun(size)
    run.load_s = load(store, size, args.seed, args.year, args.batch)
    run.mark_s = mark_linked(store, args.seed)
    with Session(store.engine) as session:
        if pending_event_ids(session):
            sys.exit("events still pending after marking the store linked")
        near = [cod_near(session, article) for article, _ in corpus]
    console.print(f"{size:,} events: loaded in {run.load_s:.1f} s, linked state {run.mark_s:.1f} s")
    for (article, extraction), cod in zip(corpus, near, strict=True):
        start = time.perf_counter()
        store.save_article(article, extraction)
        save_ms = _ms(start)
        start = time.perf_counter()
        links = store.link().links
        link_ms = _ms(start)
        events, candidates = examined(store, [e.id for e in extraction.events])
        name = Path(article.path).stem
        run.added.append(Added(name, save_ms, link_ms, events, candidates, links, cod))
    run.size_mb = database_mb(store)
    return run


def cod_near(session: Session, article: Article) -> int:
    day = article.published.as_date()
    if day is None:
        return 0
    slack = dt.timedelta(days=NEAR_DAYS)
    return session.scalar(
        select(func.count()).where(
            _E.country == "COD", _E.date_start <= day + slack, _E.date_end >= day - slack
        )
    ) or 0  # fmt: skip


def examined(store: Store, event_ids: list[str]) -> tuple[int, int]:
    """The article's linkable events, and the candidates the linker examined for them."""
    with Session(store.engine) as session:
        events = [e for e in load_link_events(session, event_ids).values() if e.linkable]
        return len(events), sum(len(candidate_ids(session, e)) for e in events)


# --- report -------------------------------------------------------------------------------------


def report(runs: list[SizeRun], args: Any, console: Console) -> None:
    folded = f"event dates folded into {args.year}" if args.year else "event dates 2015-2025"
    stores = Table(title=f"stores: synthetic events ({folded}, seed {args.seed})")
    near = f"COD events ±{NEAR_DAYS} d of an article (median, range)"
    for column in ("events", "load s", "linked state s", "MB at end", near):
        stores.add_column(column, justify="right")
    for run in runs:
        near = sorted(a.cod_near for a in run.added)
        density = f"{statistics.median(near):g} ({near[0]}-{near[-1]})"
        stores.add_row(f"{run.size:,}", f"{run.load_s:.1f}", f"{run.mark_s:.1f}",
                       f"{run.size_mb:.1f}", density)  # fmt: skip
    console.print(stores)
    table = Table(title=f"adding one article: {len(runs[0].added)} corpus articles, in turn")
    table.add_column("per article")
    for run in runs:
        table.add_column(f"{run.size:,}", justify="right")
    table.add_column(f"{runs[-1].size:,}/{runs[0].size:,}", justify="right")
    for label, value in (("save_article ms", "save_ms"), ("link() ms", "link_ms"),
                         ("candidates", "candidates"), ("links found", "links")):  # fmt: skip
        for how, pick in (("median", statistics.median), ("max", max)):
            cells = [float(pick(getattr(a, value) for a in run.added)) for run in runs]
            ratio = f"{cells[-1] / cells[0]:.1f}" if cells[0] else "-"
            table.add_row(f"{label} ({how})", *(f"{c:,.1f}" for c in cells), ratio)
    console.print(table)
    per = Table(title=f"each article: link() ms / candidates / COD events ±{NEAR_DAYS} d")
    per.add_column("article")
    per.add_column("events", justify="right")
    for run in runs:
        per.add_column(f"{run.size:,}", justify="right")
    for index, first in enumerate(runs[0].added):
        cells = [f"{a.link_ms:.0f} / {a.candidates:,} / {a.cod_near:,}"
                 for a in (r.added[index] for r in runs)]  # fmt: skip
        per.add_row(first.name, str(first.events), *cells)
    console.print(per)


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    main()
