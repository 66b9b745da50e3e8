"""GeoJSON export, loaded by geopandas (through GDAL/pyogrio and from the dict) and shapely."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import Point, shape

from faultline.export.geo import flatten, to_geojson

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture(scope="module")
def demo_events() -> list[dict[str, Any]]:
    from faultline.events import extract_events

    paths = [str(DEMO / "2024-11-kivu-clashes.md"), str(DEMO / "2025-02-sanctions.html")]
    return [e for _a, events in extract_events(paths, dt.date(2024, 11, 14)) for e in events]


def _precision(event: dict[str, Any]) -> str | None:
    return (event["location"] or {}).get("precision")


def test_geometry_only_for_city_or_point(demo_events: list[dict[str, Any]]) -> None:
    collection = to_geojson(demo_events)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(demo_events)
    kinds = {_precision(e) for e in demo_events}
    assert {"city", "country"} <= kinds  # the demo covers both cases
    for event, feature in zip(demo_events, collection["features"], strict=True):
        assert feature["id"] == event["id"]
        if _precision(event) in ("city", "point"):
            point = shape(feature["geometry"])
            assert isinstance(point, Point)
            assert (point.x, point.y) == (event["location"]["lon"], event["location"]["lat"])
        else:
            assert feature["geometry"] is None


def test_properties_keep_every_field(demo_events: list[dict[str, Any]]) -> None:
    event = demo_events[0]
    props = to_geojson([event])["features"][0]["properties"]
    assert props["article.title"] == event["article"]["title"]
    assert props["counts.killed"] == event["counts"]["killed"]
    assert props["actors"] == event["actors"]
    assert props["acled.event_type"] == event["acled"]["event_type"]
    assert flatten({"a": {"b": {"c": 1}}, "d": None, "e": [1]}) == {"a.b.c": 1, "d": None, "e": [1]}


def test_geopandas_reads_file(demo_events: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(to_geojson(demo_events)), encoding="utf-8")
    frame = gpd.read_file(path)
    assert len(frame) == len(demo_events)
    by_id = {row["id"]: row for _, row in frame.iterrows()}
    for event in demo_events:
        geometry = by_id[event["id"]].geometry
        if _precision(event) == "country":
            assert geometry is None or geometry.is_empty
        elif _precision(event) == "city":
            assert geometry.geom_type == "Point"
    assert "location.precision" in frame.columns
    assert frame.crs is not None and frame.crs.to_epsg() == 4326


def test_geopandas_from_features(demo_events: list[dict[str, Any]]) -> None:
    frame = gpd.GeoDataFrame.from_features(to_geojson(demo_events))
    country = frame[frame["location.precision"] == "country"]
    assert len(country) > 0
    assert country.geometry.isna().all()
