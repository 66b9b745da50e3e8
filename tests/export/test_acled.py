"""ACLED CSV export: codebook columns and codes, checked by hand on a realistic event."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from faultline.export.acled import (
    ACLED_COLUMNS,
    UNREALISED_MODALITIES,
    acled_rows,
    event_id_cnty,
    write_acled_csv,
)

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


def kivu_attack() -> dict[str, Any]:
    """Rebels attack a village in North Kivu and kill 12 civilians, as event_to_json writes it."""
    return {
        "schema_version": "1",
        "id": "ev_0123456789abcdef",
        "article": {
            "id": "ar_kivu",
            "title": "Rebels kill 12 in Kalengera",
            "source": "greatlakesdispatch.example",
            "author": None,
            "published": "2024-11-14",
            "published_precision": "day",
            "url": None,
            "path": "kivu.md",
        },
        "event_type": "ASSAULT",
        "mode": "firearms",
        "contexts": [],
        "acled": {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "disorder_type": "Political violence",
            "interaction": 27,
        },
        "summary": "M23 rebels attacked Kalengera village, killing 12 civilians",
        "date": {
            "start": "2024-11-12",
            "end": "2024-11-12",
            "precision": "day",
            "text": "on Tuesday",
            "method": "relative_to_published",
        },
        "location": {
            "text": "Kalengera",
            "name": "Kalengera",
            "geonames_id": 214567,
            "lat": -1.25,
            "lon": 29.4,
            "country": "COD",
            "admin1": "Nord-Kivu",
            "precision": "city",
            "start": 30,
            "end": 39,
        },
        "actors": [
            {
                "role": "actor",
                "text": "M23 rebels",
                "name": "M23",
                "kind": "rebel",
                "sector": "REB",
                "country": "COD",
                "entity_id": "org_m23",
                "start": 0,
                "end": 10,
            },
            {
                "role": "actor",
                "text": "Rwandan troops",
                "name": "Rwanda Defence Force",
                "kind": "military",
                "sector": "MIL",
                "country": "RWA",
                "entity_id": None,
                "start": 60,
                "end": 74,
            },
            {
                "role": "recipient",
                "text": "12 civilians",
                "name": "Civilians",
                "kind": "civilians",
                "sector": "CVL",
                "country": "COD",
                "entity_id": None,
                "start": 50,
                "end": 62,
            },
        ],
        "counts": {
            "killed": 12,
            "injured": None,
            "arrested": None,
            "displaced": None,
            "abducted": None,
            "people": None,
            "money_usd": None,
        },
        "modality": "asserted",
        "attribution": None,
        "background": False,
        "coup": None,
        "evidence": [{"field": "event", "start": 0, "end": 60, "text": "M23 rebels attacked"}],
        "confidence": 0.9,
        "extractor": "faultline test",
    }


def test_hand_checked_row() -> None:
    # Expected values written by hand from the ACLED codebook: rebels (inter 2) against
    # civilians (7) → interaction 27; DRC's ISO 3166 numeric code is 180, region Middle Africa.
    expected = {
        "event_id_cnty": "COD158725305640022",
        "event_date": "2024-11-12",
        "year": 2024,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "M23",
        "assoc_actor_1": "Rwanda Defence Force",
        "inter1": 2,
        "actor2": "Civilians",
        "assoc_actor_2": "",
        "inter2": 7,
        "interaction": 27,
        "iso": 180,
        "region": "Middle Africa",
        "country": "Democratic Republic of the Congo",
        "admin1": "Nord-Kivu",
        "location": "Kalengera",
        "latitude": -1.25,
        "longitude": 29.4,
        "geo_precision": 1,
        "source": "greatlakesdispatch.example",
        "source_scale": "",
        "notes": "M23 rebels attacked Kalengera village, killing 12 civilians",
        "fatalities": 12,
    }
    [row] = list(acled_rows([kivu_attack()]))
    assert row == expected
    assert tuple(row) == ACLED_COLUMNS


def test_csv_header_and_round_trip() -> None:
    buffer = io.StringIO()
    assert write_acled_csv([kivu_attack()], buffer) == 1
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows[0]["interaction"] == "27"
    assert rows[0]["event_date"] == "2024-11-12"


def test_interaction_computed_when_missing() -> None:
    event = kivu_attack()
    event["acled"]["interaction"] = None
    [row] = list(acled_rows([event]))
    assert row["interaction"] == 27


def test_country_level_event_is_not_a_pin() -> None:
    event = kivu_attack()
    event["location"] = {
        "text": "Congo",
        "name": "Democratic Republic of the Congo",
        "geonames_id": 203312,
        "lat": -2.5,
        "lon": 23.5,
        "country": "COD",
        "admin1": None,
        "precision": "country",
        "start": 0,
        "end": 5,
    }
    event["date"]["precision"] = "month"
    [row] = list(acled_rows([event]))
    assert row["geo_precision"] == 3
    assert row["latitude"] == "" and row["longitude"] == ""
    assert row["time_precision"] == 3
    assert row["iso"] == 180


def test_excluded_events() -> None:
    sanction = kivu_attack() | {"event_type": "SANCTION", "acled": None}
    background = kivu_attack() | {"background": True}
    nowhere = kivu_attack() | {"location": None}
    undated = kivu_attack() | {"date": {"start": None, "end": None, "precision": None}}
    assert list(acled_rows([sanction, background, nowhere, undated])) == []


@pytest.mark.parametrize(
    ("modality", "rows"),
    [
        pytest.param("asserted", 1, id="asserted"),
        pytest.param("claimed", 1, id="claimed"),
        pytest.param("hedged", 1, id="hedged"),
        pytest.param("planned", 0, id="planned"),
        pytest.param("proposed", 0, id="proposed"),
        pytest.param("threatened", 0, id="threatened"),
        pytest.param("hypothetical", 0, id="hypothetical"),
        pytest.param("negated", 0, id="negated"),
    ],
)
def test_only_events_said_to_have_happened_get_a_row(modality: str, rows: int) -> None:
    assert len(list(acled_rows([kivu_attack() | {"modality": modality}]))) == rows


def test_attribution_in_notes_and_week_precision() -> None:
    event = kivu_attack()
    event["modality"] = "claimed"
    event["attribution"] = {
        "speaker": "Civil society",
        "speaker_text": "a local collective",
        "cue": "said",
        "entity_id": None,
        "evidence": {"start": 1, "end": 2},
        "cue_evidence": {"start": 3, "end": 4},
    }
    event["date"]["precision"] = "week"
    [row] = list(acled_rows([event]))
    assert row["notes"].endswith("(according to Civil society)")
    assert row["time_precision"] == 2


def test_event_id_is_stable() -> None:
    assert event_id_cnty("ev_x", "NER") == event_id_cnty("ev_x", "NER")
    assert event_id_cnty("ev_x", None).startswith("XXX")


@pytest.fixture(scope="module")
def demo_events() -> list[dict[str, Any]]:
    from faultline.events import extract_events

    paths = [str(DEMO / "2024-11-kivu-clashes.md"), str(DEMO / "2025-02-sanctions.html")]
    return [e for _a, events in extract_events(paths, dt.date(2024, 11, 14)) for e in events]


def test_demo_articles(demo_events: list[dict[str, Any]]) -> None:
    rows = list(acled_rows(demo_events))
    eligible = [
        e
        for e in demo_events
        if e["acled"]
        and e["location"]
        and e["date"]["start"]
        and not e["background"]
        and e["modality"] not in UNREALISED_MODALITIES
    ]
    assert len(rows) == len(eligible) > 0
    assert any(e["acled"] is None for e in demo_events)  # the sanctions are left out
    for row, event in zip(rows, eligible, strict=True):
        assert row["time_precision"] in (1, 2, 3, "")
        assert row["geo_precision"] in (1, 2, 3, "")
        assert isinstance(row["inter1"], int) or row["inter1"] == ""
        if (event["location"] or {}).get("precision") == "country":
            assert row["geo_precision"] == 3 and row["latitude"] == ""
        assert row["event_id_cnty"][:3].isalpha()
