"""Incidents, entities and edges on a corpus we wrote: several outlets reporting the same
events with conflicting counts and spellings, beside distinct events nearby in place and time.

The corpus and its gold are in ``tests/link/corpus`` (gold.yaml). An extracted event stands
for a gold incident when its article reports that incident and its type, date and country
agree; pairwise precision and recall of the clustering over those events are printed and
pinned.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

CORPUS = Path(__file__).parent / "corpus"
GOLD = yaml.safe_load((CORPUS / "gold.yaml").read_text(encoding="utf-8"))
ARTICLES = sorted(str(p) for p in CORPUS.glob("*.md"))
MIN_PRECISION = 0.9
MIN_RECALL = 0.9


def _ingest(paths: list[str], url: str) -> Store:
    store = Store.open(url)
    summary = ingest(list_inputs(paths), store)
    assert not summary.failed, summary.failed
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    with _ingest(ARTICLES, url) as opened:
        yield opened


def stored_events(store: Store) -> list[dict[str, Any]]:
    query = text(
        "SELECT e.id, e.event_type, e.date_start, e.date_end, e.country, a.path, "
        "i.incident_id FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN incident_events i ON i.event_id = e.id"
    )
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def gold_incident_of(event: dict[str, Any]) -> str | None:
    """The gold incident an extracted event stands for, if any."""
    name = Path(event["path"]).name
    start = _day(event["date_start"])
    end = _day(event["date_end"]) or start
    for incident in GOLD["incidents"]:
        if name not in incident["reports"] or event["event_type"] not in incident["types"]:
            continue
        if start is None or (event["country"] and event["country"] != incident["country"]):
            continue
        low = _day(incident["date"]) - dt.timedelta(days=1)
        high = _day(incident.get("date_end") or incident["date"]) + dt.timedelta(days=1)
        if start <= high and end >= low:
            return incident["key"]
    return None


def pairwise_scores(events: list[dict[str, Any]]) -> tuple[float, float, int]:
    labelled = [(e["incident_id"], gold) for e in events if (gold := gold_incident_of(e))]
    true_pos = false_pos = false_neg = 0
    for (pred_a, gold_a), (pred_b, gold_b) in itertools.combinations(labelled, 2):
        same_pred = pred_a is not None and pred_a == pred_b
        same_gold = gold_a == gold_b
        true_pos += same_pred and same_gold
        false_pos += same_pred and not same_gold
        false_neg += same_gold and not same_pred
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, len(labelled)


def test_gold_covers_the_corpus() -> None:
    assert len(ARTICLES) >= 12
    reported = {name for incident in GOLD["incidents"] for name in incident["reports"]}
    assert reported == {Path(p).name for p in ARTICLES}
    assert sum(len(i["reports"]) > 1 for i in GOLD["incidents"]) >= 4
    assert len(GOLD["must_not_merge"]) >= 4


def test_clustering_precision_and_recall_are_pinned(store: Store) -> None:
    precision, recall, labelled = pairwise_scores(stored_events(store))
    print(f"\nincident clustering: {labelled} events labelled, pairwise precision "
          f"{precision:.3f}, recall {recall:.3f}")  # fmt: skip
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


def test_every_report_of_a_gold_incident_is_in_its_incident(store: Store) -> None:
    by_gold: dict[str, set[str]] = defaultdict(set)
    files: dict[str, set[str]] = defaultdict(set)
    for event in stored_events(store):
        gold = gold_incident_of(event)
        if gold and event["incident_id"]:
            by_gold[gold].add(event["incident_id"])
            files[event["incident_id"]].add(Path(event["path"]).name)
    for incident in GOLD["incidents"]:
        found = by_gold[incident["key"]]
        assert found, f"{incident['key']}: no extracted event"
        reported = set().union(*(files[i] for i in found))
        assert reported == set(incident["reports"]), incident["key"]


def test_distinct_incidents_nearby_never_share_an_incident(store: Store) -> None:
    incidents_of: dict[str, set[str]] = defaultdict(set)
    for event in stored_events(store):
        gold = gold_incident_of(event)
        if gold and event["incident_id"]:
            incidents_of[gold].add(event["incident_id"])
    for first, second in GOLD["must_not_merge"]:
        assert not incidents_of[first] & incidents_of[second], (first, second)


def test_conflicting_counts_are_reconciled_into_the_gold_range(store: Store) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    for event in stored_events(store):
        gold = gold_incident_of(event)
        if gold and event["incident_id"]:
            ids[gold].add(event["incident_id"])
    checked = 0
    for incident in GOLD["incidents"]:
        for name, (low, high) in (incident.get("counts") or {}).items():
            found = [store.get_incident(i) for i in ids[incident["key"]]]
            counts = [c for f in found for c in f.counts if c.name == name]
            assert counts, f"{incident['key']}: no {name} figure"
            best = max(counts, key=lambda c: len(c.reports))
            assert (best.low, best.high) == (low, high), incident["key"]
            assert best.best in {r.value for r in best.reports}
            assert len({r.source for r in best.reports}) == len(best.reports)  # one per outlet
            checked += 1
    assert checked >= 2


def test_name_variants_resolve_to_one_entity(store: Store) -> None:
    for entity in GOLD.get("entities", []):
        ids = {store.entity(variant).id for variant in entity["variants"]}
        assert len(ids) == 1, (entity["name"], ids)


def test_expected_edges_are_in_the_graph(store: Store) -> None:
    edges = {(e.subject_id, e.predicate, e.object_id) for e in store.graph_edges()}
    missing = []
    for relation in GOLD.get("relations", []):
        subject = store.entity(relation["subject"]).id
        obj = store.entity(relation["object"]).id
        pair = {(subject, relation["predicate"], obj), (obj, relation["predicate"], subject)}
        if not pair & edges:
            missing.append(relation)
    found = len(GOLD.get("relations", [])) - len(missing)
    print(f"\nknowledge graph: {found} of {len(GOLD.get('relations', []))} expected edges")
    assert not missing


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
