"""PLOVER / POLECAT JSON records: field names from the PLOVER manual, evidence kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from faultline.events.typing_rules import PLOVER_TYPES as ALL_PLOVER_TYPES
from faultline.export.plover import QUAD_CODES, polecat_records

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
PLOVER_TYPES = set(ALL_PLOVER_TYPES)
ENTITY_KEYS = {
    "code",
    "country_name",
    "sector",
    "entity_text",
    "entity_name",
    "identifier_id",
    "identifier_text",
}


@pytest.fixture(scope="module")
def demo_events() -> list[dict[str, Any]]:
    from faultline.events import extract_events

    paths = [str(DEMO / "2023-08-niamey-junta.txt"), str(DEMO / "2025-02-sanctions.html")]
    return [e for _a, events in extract_events(paths, None) for e in events]


def test_record_shape(demo_events: list[dict[str, Any]]) -> None:
    records = polecat_records(demo_events)
    assert len(records) == len(demo_events)
    assert set(QUAD_CODES) == PLOVER_TYPES
    for event, record in zip(demo_events, records, strict=True):
        assert record["id"] == event["id"]
        assert record["date"] == event["date"]["start"]
        assert record["event"] == [event["event_type"]]
        assert record["quad_code"] == QUAD_CODES[event["event_type"]]
        assert isinstance(record["mode"], list) and isinstance(record["context"], list)
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) == ENTITY_KEYS
        assert record["event_text"] and all(isinstance(t, str) for t in record["event_text"])
        assert set(record["size"]) == {"dead", "injured", "arrested"}
        json.dumps(record)  # plain JSON, ready for JSONL


def test_actor_and_location(demo_events: list[dict[str, Any]]) -> None:
    records = {r["id"]: r for r in polecat_records(demo_events)}
    with_country = [e for e in demo_events if any(a["country"] == "NER" for a in e["actors"])]
    assert with_country
    entity = next(
        a
        for a in records[with_country[0]["id"]]["actor"]
        + records[with_country[0]["id"]]["recipient"]
        if a["code"] == "NER"
    )
    assert entity["country_name"] == "Niger"
    for event in demo_events:
        loc = records[event["id"]]["event_loc"]
        precision = (event["location"] or {}).get("precision")
        if precision == "city":
            assert loc["resolution"] == 4 and loc["lat"] == event["location"]["lat"]
        elif precision == "country":
            assert loc["resolution"] == 1 and loc["lat"] is None and loc["lon"] is None


def test_auxiliary_contexts(demo_events: list[dict[str, Any]]) -> None:
    event = demo_events[0] | {"background": True, "modality": "negated"}
    [record] = polecat_records([event])
    assert record["context"][-2:] == ["historical", "negation"]
    assert record["faultline"]["modality"] == "negated"


def test_event_text_is_the_event_evidence() -> None:
    event = {
        "id": "ev_1",
        "event_type": "PROTEST",
        "mode": "demo",
        "contexts": [],
        "date": {"start": "2024-01-02", "end": "2024-01-02", "precision": "day"},
        "location": None,
        "actors": [],
        "counts": {},
        "summary": "A march",
        "evidence": [
            {"field": "event", "start": 5, "end": 20, "text": "thousands marched"},
            {"field": "date", "start": 0, "end": 4, "text": "Tuesday"},
        ],
    }
    [record] = polecat_records([event])
    assert record["event_text"] == ["thousands marched"]
    assert record["text_info"] == {"start": 5, "end": 20}
    assert record["event_loc"] is None
    assert dt.date.fromisoformat(record["date"]) == dt.date(2024, 1, 2)
