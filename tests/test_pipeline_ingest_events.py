"""Ingest extracts and stores events per article: once per extractor version, replaced when the
version changes, one failing article alone, and nothing half-written after kill -9."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError

import faultline.events
import faultline.events.extract
import faultline.pipeline
from faultline.errors import InputError
from faultline.export.event_json import event_to_json
from faultline.models import Article, EventFilter, Extraction, IngestSummary
from faultline.pipeline import ReadOptions, ingest, list_inputs, read_articles
from faultline.store import Store, resolve_url
from tests.store.conftest import ENGINES, database_url, dump_tables

PUBLISHED = dt.date(2024, 3, 14)
OPTIONS = ReadOptions(published=PUBLISHED)
NEXT_VERSION = "faultline 99.0.0"

GOMA = """Fighting near Goma

M23 rebels attacked army positions near Goma on Tuesday, killing at least 12 Congolese \
soldiers, a military spokesman said.

Residents fled towards Gisenyi across the Rwandan border as shells fell on the northern \
districts.
"""
BUKAVU = """Students march in Bukavu

Hundreds of students marched through Bukavu on Monday to protest against rising fuel prices. \
Police arrested 15 of them near the governor's office.
"""
POISON = """Mining deal signed

The government signed a cobalt mining agreement worth 2 billion dollars with a foreign \
company in Lubumbashi on Wednesday, the mines minister said.
"""


@pytest.fixture(params=ENGINES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database_url(request.param, tmp_path) as url, Store.open(url) as opened:
        yield opened


def write(folder: Path, **texts: str) -> list[str]:
    paths = []
    for name, body in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(str(path))
    return paths


def run(paths: list[str], store: Store, *, extract: bool = True) -> IngestSummary:
    return ingest(list_inputs(paths), store, OPTIONS, extract=extract)


def statuses(summary: IngestSummary) -> dict[str, str]:
    return {Path(o.location).stem: o.status for o in summary.outcomes}


def articles_of(paths: list[str]) -> list[Article]:
    found = []
    for _path, result in read_articles(list_inputs(paths), OPTIONS):
        assert not isinstance(result, InputError)
        found.append(result)
    return found


def extracted_directly(paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each article's events as JSON, extracted without the store."""
    return {
        article.id: [event_to_json(e, article) for e in extraction.events]
        for article, extraction in faultline.events.extract.extract_all(articles_of(paths))
    }


def stored_json(store: Store, article_id: str) -> list[dict[str, Any]]:
    page = store.events(EventFilter(article_id=article_id, include_background=True), limit=None)
    events = sorted(page.events, key=lambda e: e.event.evidence[0].span.start)
    return [event_to_json(e.event, e.article) for e in events]


def forbid_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def no(_articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction]]:
        raise AssertionError("an article already extracted at this version was extracted again")

    monkeypatch.setattr(faultline.events.extract, "extract_all", no)


def test_ingest_stores_the_events_extraction_finds(store: Store, tmp_path: Path) -> None:
    paths = write(tmp_path, goma=GOMA, bukavu=BUKAVU)
    summary = run(paths, store)

    assert statuses(summary) == {"goma": "new", "bukavu": "new"}
    expected = extracted_directly(paths)
    assert sum(len(events) for events in expected.values()) >= 2
    for outcome in summary.outcomes:
        assert outcome.article_id is not None
        assert stored_json(store, outcome.article_id) == expected[outcome.article_id]
        assert outcome.events == len(expected[outcome.article_id])
    assert summary.events == store.count_events() == sum(map(len, expected.values()))
    extractor = faultline.events.EXTRACTOR
    assert store.stored_extractors(list(expected)) == dict.fromkeys(expected, extractor)


def test_second_ingest_extracts_nothing_and_writes_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write(tmp_path, goma=GOMA, bukavu=BUKAVU)
    run(paths, store)
    before = dump_tables(store.engine)
    forbid_extraction(monkeypatch)

    again = run(paths, store)

    assert statuses(again) == {"goma": "unchanged", "bukavu": "unchanged"}
    assert again.events == 0
    assert dump_tables(store.engine) == before


def test_new_extractor_version_replaces_the_events(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write(tmp_path, goma=GOMA)
    first = run(paths, store)
    [article_id] = [o.article_id for o in first.outcomes]
    assert article_id is not None
    old_ids = {e["id"] for e in stored_json(store, article_id)}
    assert old_ids

    for module in (faultline.events, faultline.events.extract, faultline.pipeline):
        monkeypatch.setattr(module, "EXTRACTOR", NEXT_VERSION)
    second = run(paths, store)

    assert statuses(second) == {"goma": "updated"}
    events = stored_json(store, article_id)
    assert {e["extractor"] for e in events} == {NEXT_VERSION}
    assert store.stored_extractors([article_id]) == {article_id: NEXT_VERSION}
    with store.engine.connect() as connection:
        superseded = connection.execute(
            text("SELECT event_id, superseded_by, retained FROM superseded_events")
        ).all()
    # The same text gives the same events, so every old id lives on in the new version.
    assert {tuple(row) for row in superseded} == {(i, NEXT_VERSION, True) for i in old_ids}
    assert {e["id"] for e in events} == old_ids

    before = dump_tables(store.engine)
    assert statuses(run(paths, store)) == {"goma": "unchanged"}
    assert dump_tables(store.engine) == before


def test_articles_stored_without_events_get_them_on_the_next_ingest(
    store: Store, tmp_path: Path
) -> None:
    paths = write(tmp_path, goma=GOMA)
    assert statuses(run(paths, store, extract=False)) == {"goma": "new"}
    assert store.count_events() == 0
    second = run(paths, store)
    assert statuses(second) == {"goma": "updated"}
    assert store.count_events() == second.events > 0


def test_failing_extraction_fails_that_article_alone(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write(tmp_path, goma=GOMA, mining=POISON, bukavu=BUKAVU)
    real = faultline.events.extract.extract_all
    calls: list[int] = []

    def crash_on_mining(articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction]]:
        batch = list(articles)
        calls.append(len(batch))
        if any("cobalt" in a.text for a in batch):
            raise RuntimeError("tagger crashed on cobalt")
        return real(batch)

    monkeypatch.setattr(faultline.events.extract, "extract_all", crash_on_mining)
    summary = run(paths, store)

    assert calls == [3, 1, 1, 1]  # the batch, then each article alone
    assert statuses(summary) == {"goma": "new", "mining": "failed", "bukavu": "new"}
    [failed] = summary.failed
    assert failed.error_code == "E401"
    assert failed.message is not None and "tagger crashed on cobalt" in failed.message
    [recorded] = store.failures()
    assert (recorded.location, recorded.error_code) == (failed.location, "E401")
    assert store.count_articles() == 2
    assert store.count_events() == summary.events > 0

    monkeypatch.undo()
    rerun = run(paths, store)
    assert statuses(rerun) == {"goma": "unchanged", "mining": "new", "bukavu": "unchanged"}
    assert store.count_articles() == 3


# --- kill -9 mid-batch ------------------------------------------------------------------------

KILL_ARTICLES = 200
INGEST_SCRIPT = """
import collections, json, sys
import faultline.events.extract, faultline.pipeline
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store
if len(sys.argv) > 3:  # pretend to be another extractor version
    faultline.pipeline.EXTRACTOR = faultline.events.extract.EXTRACTOR = sys.argv[3]
with Store.open(sys.argv[2]) as store:
    summary = ingest(list_inputs([sys.argv[1]]), store)
print(json.dumps(collections.Counter(o.status for o in summary.outcomes)))
"""


def write_kill_batch(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(KILL_ARTICLES):
            body = (
                f"Dispatch {n}: armed men raided the market of hamlet number {n} on Sunday, "
                f"killing {n % 5 + 1} traders, the district commissioner said.\n\nThe traders' "
                f"association closed stall row {n} and asked the army for patrols."
            )
            record = {"text": body, "title": f"Market raid {n}", "published": "2024-06-02"}
            handle.write(json.dumps(record) + "\n")


def ingest_command(batch: Path, url: str, version: str | None = None) -> list[str]:
    return [sys.executable, "-c", INGEST_SCRIPT, str(batch), url, *([version] if version else [])]


def scalar(url: str, sql: str) -> int:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def count_quietly(engine: Engine) -> int:
    database = engine.url.database
    if engine.dialect.name == "sqlite" and not (database and Path(database).exists()):
        return 0  # connecting would create the file before the ingest does
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except SQLAlchemyError:  # no schema yet, or the database is busy migrating
        return 0


def assert_whole(url: str) -> int:
    """Every stored article has its extraction row and exactly that many events; returns
    how many articles are stored."""
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT a.id, x.events, "
                    "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
                    "FROM articles a LEFT JOIN extractions x ON x.article_id = a.id"
                )
            ).all()
            for article_id, expected, stored in rows:
                assert expected is not None, f"{article_id} has no extraction row"
                assert stored == expected, f"{article_id}: {stored} events, {expected} expected"
            bare = connection.execute(
                text(
                    "SELECT count(*) FROM events e WHERE NOT EXISTS "
                    "(SELECT 1 FROM evidence v WHERE v.event_id = e.id)"
                )
            ).scalar_one()
            assert bare == 0, "events without their evidence rows"
            if engine.dialect.name == "sqlite":
                # One text-index document per event row: the FTS5 triggers ran in the same
                # transactions as the rows.
                indexed = connection.execute(
                    text("SELECT count(*) FROM event_search_docsize")
                ).scalar_one()
                events = connection.execute(text("SELECT count(*) FROM events")).scalar_one()
                assert indexed == events
            return len(rows)
    finally:
        engine.dispose()


@pytest.fixture(params=ENGINES)
def kill_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def kill_when(command: list[str], url: str, ready: Callable[[Engine], bool]) -> None:
    """Run ``command`` and kill -9 it as soon as ``ready`` says the store shows progress."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    poller = create_engine(resolve_url(url))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if ready(poller):
                break
            time.sleep(0.02)
    finally:
        poller.dispose()
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before the kill"


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_whole_articles_and_rerun_completes(
    kill_url: str, tmp_path: Path
) -> None:
    batch = tmp_path / "raids.jsonl"
    write_kill_batch(batch)
    kill_when(ingest_command(batch, kill_url), kill_url, lambda e: count_quietly(e) > 0)
    partial = assert_whole(kill_url)
    assert 0 < partial < KILL_ARTICLES, "the kill should land mid-batch"

    rerun = subprocess.run(
        ingest_command(batch, kill_url), capture_output=True, text=True, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    counts = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert counts == {"new": KILL_ARTICLES - partial, "unchanged": partial}
    assert assert_whole(kill_url) == KILL_ARTICLES
    assert scalar(kill_url, "SELECT count(DISTINCT id) FROM articles") == KILL_ARTICLES
    assert scalar(kill_url, "SELECT count(*) FROM events") > 0

    engine = create_engine(resolve_url(kill_url))
    try:
        before = dump_tables(engine)
        third = subprocess.run(
            ingest_command(batch, kill_url), capture_output=True, text=True, check=False
        )
        assert third.returncode == 0, third.stderr
        assert json.loads(third.stdout.strip().splitlines()[-1]) == {"unchanged": KILL_ARTICLES}
        assert dump_tables(engine) == before
    finally:
        engine.dispose()


def count_versions(engine: Engine, version: str) -> int:
    try:
        with engine.connect() as connection:
            statement = text("SELECT count(*) FROM extractions WHERE extractor = :v")
            return connection.execute(statement, {"v": version}).scalar_one()
    except SQLAlchemyError:  # busy
        return 0


@pytest.mark.slow
def test_kill_9_mid_replacement_leaves_each_article_on_one_version(
    kill_url: str, tmp_path: Path
) -> None:
    batch = tmp_path / "raids.jsonl"
    write_kill_batch(batch)
    first = subprocess.run(ingest_command(batch, kill_url), capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    old_events = scalar(kill_url, "SELECT count(*) FROM events")

    command = ingest_command(batch, kill_url, NEXT_VERSION)
    kill_when(command, kill_url, lambda e: count_versions(e, NEXT_VERSION) > 0)
    replaced = scalar(
        kill_url, f"SELECT count(*) FROM extractions WHERE extractor = '{NEXT_VERSION}'"
    )
    assert 0 < replaced < KILL_ARTICLES, "the kill should land mid-replacement"
    assert assert_whole(kill_url) == KILL_ARTICLES
    # Old ids are recorded exactly for the articles that moved to the new version.
    moved = scalar(
        kill_url,
        "SELECT count(DISTINCT s.article_id) FROM superseded_events s JOIN extractions x "
        f"ON x.article_id = s.article_id AND x.extractor = '{NEXT_VERSION}'",
    )
    assert moved == replaced
    assert scalar(kill_url, "SELECT count(DISTINCT article_id) FROM superseded_events") == replaced

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    counts = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert counts == {"updated": KILL_ARTICLES - replaced, "unchanged": replaced}
    assert assert_whole(kill_url) == KILL_ARTICLES
    assert scalar(kill_url, "SELECT count(*) FROM events") == old_events
    assert scalar(kill_url, "SELECT count(DISTINCT extractor) FROM extractions") == 1
