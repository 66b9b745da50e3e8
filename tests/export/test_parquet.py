"""Parquet export read back by DuckDB and pandas with the right types."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from faultline.export.parquet import SCHEMA, write_parquet

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture(scope="module")
def demo_events() -> list[dict[str, Any]]:
    from faultline.events import extract_events

    paths = [str(DEMO / "2024-11-kivu-clashes.md"), str(DEMO / "2023-08-niamey-junta.txt")]
    return [e for _a, events in extract_events(paths, None) for e in events]


@pytest.fixture(scope="module")
def parquet_path(
    demo_events: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("parquet") / "events.parquet"
    assert write_parquet(demo_events, path) == len(demo_events)
    return path


def test_duckdb_types(parquet_path: Path) -> None:
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{parquet_path}'").fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["date_start"] == "DATE"
    assert types["location_lat"] == "DOUBLE"
    assert types["counts_killed"] == "BIGINT"
    assert types["contexts"] == "VARCHAR[]"
    assert types["background"] == "BOOLEAN"
    assert types["actors"].startswith("STRUCT(") and types["actors"].endswith(")[]")
    assert types["coup_foreign_nationals_involved"] == "VARCHAR[]"


def test_duckdb_values(parquet_path: Path, demo_events: list[dict[str, Any]]) -> None:
    rows = duckdb.sql(
        f"SELECT id, date_start, counts_killed, actors[1].name, len(evidence) "
        f"FROM '{parquet_path}' ORDER BY id"
    ).fetchall()
    by_id = {e["id"]: e for e in demo_events}
    for event_id, start, killed, first_actor, n_evidence in rows:
        event = by_id[event_id]
        assert start == (
            dt.date.fromisoformat(event["date"]["start"]) if event["date"]["start"] else None
        )
        assert killed == event["counts"]["killed"]
        assert first_actor == (event["actors"][0]["name"] if event["actors"] else None)
        assert n_evidence == len(event["evidence"])


def test_pandas_dtypes(parquet_path: Path) -> None:
    frame = pd.read_parquet(parquet_path, dtype_backend="numpy_nullable")
    assert str(frame["counts_killed"].dtype) == "Int64"
    assert str(frame["location_lat"].dtype) == "Float64"
    assert str(frame["background"].dtype) == "boolean"
    assert isinstance(frame["date_start"].dropna().iloc[0], dt.date)


def test_every_field_kept(demo_events: list[dict[str, Any]], tmp_path: Path) -> None:
    event = demo_events[0] | {"new_field": {"x": 1}}
    event["location"] = dict(event["location"] or {}) | {"timezone": "Africa/Goma"}
    path = tmp_path / "one.parquet"
    write_parquet([event], path)
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMA)
    extra = json.loads(table.column("extra")[0].as_py())
    assert extra == {"new_field": {"x": 1}, "location": {"timezone": "Africa/Goma"}}
    assert pq.read_table(tmp_path / "one.parquet").num_rows == 1
