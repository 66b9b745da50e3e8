"""Incidents depend on the stored events only: ingesting again changes nothing, and ingesting
in another order gives the same incidents under the same ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from faultline.pipeline import ingest, list_inputs
from faultline.store import Store
from tests.store.conftest import database_url

CORPUS = Path(__file__).parent / "corpus"
LINK_TABLES = ("incidents", "incident_events", "event_links", "entity_links", "relations")

pytestmark = pytest.mark.slow


def inputs(corpus_dir: Path) -> list[str]:
    seeds = sorted(str(p) for p in (corpus_dir / "seeds").iterdir() if p.is_file())
    return seeds + sorted(str(p) for p in CORPUS.glob("*.md"))


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as connection:
        return {
            table: sorted(
                (
                    tuple(str(v) for v in row)
                    for row in connection.execute(text(f"SELECT * FROM {table}"))
                ),
            )
            for table in LINK_TABLES
            if table != "relations"
        } | {
            "relations": sorted(
                tuple(str(v) for v in row)
                for row in connection.execute(
                    text(
                        "SELECT article_id, subject_id, predicate, object_id, start FROM relations"
                    )
                )
            )
        }


def clustering(store: Store) -> set[tuple[str, frozenset[str]]]:
    query = text("SELECT incident_id, event_id FROM incident_events WHERE incident_id IS NOT NULL")
    groups: dict[str, set[str]] = {}
    with store.engine.connect() as connection:
        for incident_id, event_id in connection.execute(query):
            groups.setdefault(incident_id, set()).add(event_id)
    return {(key, frozenset(members)) for key, members in groups.items()}


def test_ingesting_twice_changes_nothing_and_order_does_not_matter(
    corpus_dir: Path, tmp_path: Path
) -> None:
    paths = inputs(corpus_dir)
    with Store.open(f"sqlite:///{tmp_path / 'forward.db'}") as forward:
        ingest(list_inputs(paths), forward)
        first = dump(forward)
        assert first["incidents"], "nothing was linked"
        again = ingest(list_inputs(paths), forward)
        assert {o.status for o in again.outcomes} == {"unchanged"}
        assert dump(forward) == first
        forward_clusters = clustering(forward)
    with Store.open(f"sqlite:///{tmp_path / 'backward.db'}") as backward:
        # One article at a time, newest path first: every link is made incrementally.
        for path in reversed(paths):
            ingest(list_inputs([path]), backward)
        assert clustering(backward) == forward_clusters
        assert dump(backward)["incidents"] == first["incidents"]


@pytest.mark.pg
def test_postgresql_builds_the_same_incidents_entities_and_graph(
    corpus_dir: Path, tmp_path: Path
) -> None:
    paths = inputs(corpus_dir)
    with Store.open(f"sqlite:///{tmp_path / 'lite.db'}") as lite:
        ingest(list_inputs(paths), lite)
        expected = (dump(lite), clustering(lite), lite.graph_edges())
    with database_url("postgresql", tmp_path) as url, Store.open(url) as pg:
        ingest(list_inputs(paths), pg)
        assert clustering(pg) == expected[1]
        assert dump(pg)["entity_links"] == expected[0]["entity_links"]
        assert pg.graph_edges() == expected[2]
        found, _ = pg.incidents()
        assert {i.id for i in found} <= {row[0] for row in expected[0]["incidents"]}


def test_re_extracting_an_article_rebuilds_its_incidents_from_what_remains(
    corpus_dir: Path, tmp_path: Path
) -> None:
    from dataclasses import replace

    from faultline.events.extract import extract_all
    from faultline.pipeline import read_articles

    paths = sorted(str(p) for p in CORPUS.glob("mangina-camp-attack-*.md"))
    with Store.open(f"sqlite:///{tmp_path / 'redo.db'}") as store:
        ingest(list_inputs(paths), store)
        before = clustering(store)
        assert any(len(members) > 2 for _, members in before)
        [(_, article)] = list(read_articles(list_inputs(paths[:1])))
        [(_, extraction)] = list(extract_all([article]))
        newer = replace(
            extraction,
            extractor="faultline 99.0.0",
            events=tuple(replace(e, extractor="faultline 99.0.0") for e in extraction.events),
        )
        assert store.save_article(article, newer) == "updated"
        with store.engine.connect() as connection:
            queued = connection.execute(text("SELECT count(*) FROM link_queue")).scalar()
        assert queued and queued >= len(newer.events)
        store.link()
        assert clustering(store) == before
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM link_queue")).scalar() == 0
