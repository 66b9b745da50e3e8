"""The two engine-specific conditions: full text and distance.

* Full text: SQLite's FTS5 index ``event_search`` (rowid = ``events.search_key``) or the
  PostgreSQL ``events.search`` tsvector column, both filled from ``events.search_text`` and
  both stemming English (porter / ``english``). Every word of the query must appear; the
  query's words are quoted, so FTS5 operators in user input are read as plain words.
* Distance: PostGIS ``ST_DWithin`` on the ``events.geog`` geography column (GiST index) or,
  on SQLite, a bounding box on the ``(lat, lon)`` index refined by the great-circle distance
  (``faultline_km``, a function registered on every SQLite connection). Only events with a
  point (city precision or finer) have coordinates, so only they can be near anything.
"""

from __future__ import annotations

import math
import re

from sqlalchemy import ColumnElement, and_, bindparam, func, literal_column, select, text
from sqlalchemy.types import UserDefinedType

from faultline.errors import ConfigError
from faultline.store.tables import EventTable

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
SQLITE_DISTANCE_FUNCTION = "faultline_km"
PG_TEXT_CONFIG = "english"

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    words = _WORD.findall(query)
    if not words:
        raise ConfigError(f"the text query {query!r} has no words to search for")
    return words


def text_condition(query: str, dialect: str) -> ColumnElement[bool]:
    words = query_words(query)
    if dialect == "postgresql":
        tsquery = func.plainto_tsquery(PG_TEXT_CONFIG, " ".join(words))
        return literal_column("events.search").op("@@")(tsquery)
    match = " ".join(f'"{word}"' for word in words)
    matching = (
        select(literal_column("rowid"))
        .select_from(text("event_search"))
        .where(text("event_search MATCH :fts_query").bindparams(fts_query=match))
    )
    return EventTable.search_key.in_(matching)


def near_condition(point: tuple[float, float], km: float, dialect: str) -> ColumnElement[bool]:
    lat, lon = point
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ConfigError(f"({lat}, {lon}) is not a latitude/longitude point")
    if km <= 0:
        raise ConfigError(f"the radius must be positive, not {km} km")
    if dialect == "postgresql":
        origin = func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326).cast(_Geography())
        return func.ST_DWithin(literal_column("events.geog"), origin, km * 1000.0)
    return _sqlite_near(lat, lon, km)


def _sqlite_near(lat: float, lon: float, km: float) -> ColumnElement[bool]:
    dlat = km / KM_PER_DEGREE
    box = [EventTable.lat.between(lat - dlat, lat + dlat)]
    cos_lat = math.cos(math.radians(lat))
    # Near a pole or across the antimeridian a longitude box would be wrong; the exact
    # distance alone is then the test.
    if cos_lat > 1e-6:
        dlon = km / (KM_PER_DEGREE * cos_lat)
        if lon - dlon >= -180 and lon + dlon <= 180:
            box.append(EventTable.lon.between(lon - dlon, lon + dlon))
    distance = getattr(func, SQLITE_DISTANCE_FUNCTION)(
        EventTable.lat, EventTable.lon, bindparam("near_lat", lat), bindparam("near_lon", lon)
    )
    return and_(*box, distance <= km)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float | None:
    """Haversine distance in km; None when a coordinate is missing (SQL NULL)."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class _Geography(UserDefinedType[object]):
    """PostGIS ``geography``, only as the target of a cast."""

    cache_ok = True

    def get_col_spec(self) -> str:
        return "geography"
