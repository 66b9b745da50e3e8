"""The candidate query stays an index range scan on the date, whatever the store's size."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from faultline.link.loading import candidate_ids, candidate_query, load_link_events
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('candidates') / 'x.db'}"
    with Store.open(url) as store:
        ingest(list_inputs(sorted(str(p) for p in CORPUS.glob("mangina-*.md"))), store)
        yield store


# A placed event that linking joined with other reports, and those reports.
LINKED = text(
    "SELECT m.event_id, o.event_id FROM incident_events m "
    "JOIN incident_events o ON o.incident_id = m.incident_id AND o.event_id != m.event_id "
    "JOIN events e ON e.id = m.event_id WHERE e.country IS NOT NULL ORDER BY m.event_id"
)


def placed_event(store: Store):
    with Session(store.engine) as session:
        pairs = session.execute(LINKED).all()
        first = pairs[0][0]
        others = {other for event_id, other in pairs if event_id == first}
        return load_link_events(session, [first])[first], others


def test_a_placed_event_finds_the_reports_it_was_linked_with(store):
    event, others = placed_event(store)
    with Session(store.engine) as session:
        found = candidate_ids(session, event)
    assert others <= set(found) and event.id not in found


def test_sqlite_reads_only_the_date_window_of_the_country_and_of_unplaced_events(store):
    """Regression (issue 8): "country = ? OR country IS NULL" made SQLite read every event of
    the country, whatever its date: 20 ms a query at 100,000 events, two thirds of the writer's
    time, and growing with the store."""
    event, _ = placed_event(store)
    compiled = candidate_query(event).compile(
        dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}
    )
    with store.engine.connect() as connection:
        plan = [row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    searches = [step for step in plan if step.startswith("SEARCH events")]
    assert len(searches) == 2, plan
    assert all("date_start>" in step for step in searches), plan
