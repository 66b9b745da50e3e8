"""Events as a GeoJSON FeatureCollection (RFC 7946) that GIS tools and geopandas open.

* Only a point- or city-precision place with coordinates becomes a Point. Coarser places
  (admin2, admin1, region, country) and unknown places get ``"geometry": null``, which
  RFC 7946 §3.2 allows: a pin on a province or country centroid would read as a located event.
* Properties keep every field of the event record. Nested objects are flattened to dotted keys
  (``location.lat``, ``counts.killed``, ``attribution.evidence.start``) so GIS tables get one
  column per field; lists (``contexts``, ``actors``, ``evidence``) stay JSON arrays. A null
  nested object (``acled``, ``coup``, ...) stays a single null property under its own name.
* The feature ``id`` is the event id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

POINT_PRECISIONS = frozenset({"point", "city"})


def to_geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [to_feature(e) for e in events]}


def to_feature(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": _geometry(event.get("location")),
        "properties": flatten(event),
    }


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted keys; everything else (lists included) is kept as is."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _geometry(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if not location or location.get("precision") not in POINT_PRECISIONS:
        return None
    lat, lon = location.get("lat"), location.get("lon")
    if lat is None or lon is None:
        return None
    # GeoJSON positions are [longitude, latitude].
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}
