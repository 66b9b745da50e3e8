"""The two engine-specific conditions: full text and distance.

* Full text: SQLite's FTS5 index ``event_search`` (rowid = ``events.search_key``) or the
  PostgreSQL ``events.search`` tsvector column, both filled from ``events.search_text``, both
  stemming English (porter / snowball), folding case and accents, and keeping every word.
  The query is read the same way on both: its English stop words (spaCy's list) are dropped
  unless nothing else is left, and every other word must appear. Words are quoted, so FTS5
  operators in user input are read as plain words.
* Case-insensitive substring matching (``--actor``): PostgreSQL's ``lower()`` knows Unicode,
  SQLite's only ASCII, so a non-ASCII pattern on SQLite goes through ``faultline_fold``
  (Python's ``casefold``, registered on every SQLite connection) — slower, so ASCII patterns
  keep ``lower()``, which is exact for them.
* Distance: a bounding box on the covering ``(lat, lon, background, date_start, id)`` index,
  refined by the exact distance computed from the indexed coordinates: PostGIS
  ``ST_DWithin`` on a geography point on PostgreSQL, the great-circle distance on SQLite
  (``faultline_km``, a function registered on every SQLite connection). Counting and choosing
  a page then read the index alone. ``ST_DWithin`` on the GiST-indexed ``events.geog`` column
  was measured slower at a million events (it must read every candidate's table row for the
  other filters; benchmarks/store_events.py), so that column and index serve analysts' own
  spatial SQL. Only events with a point (city precision or finer) have coordinates, so only
  they can be near anything.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, literal_column, select, text
from sqlalchemy.types import UserDefinedType

from faultline.errors import ConfigError
from faultline.store.tables import EventTable

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
SQLITE_DISTANCE_FUNCTION = "faultline_km"
SQLITE_FOLD_FUNCTION = "faultline_fold"
# Created by migration 0002: unaccent + an English snowball stemmer without stop words.
PG_TEXT_CONFIG = "faultline_text"

_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The words a text query must match: all but the stop words, or all when only stop
    words were given."""
    words = _WORD.findall(query)
    if not words:
        raise ConfigError(f"the text query {query!r} has no words to search for")
    stop_words = _stop_words()
    content = [w for w in words if w.casefold() not in stop_words]
    return content or words


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # the word list only, no model

    return frozenset(STOP_WORDS)


def text_condition(query: str, dialect: str) -> ColumnElement[bool]:
    words = query_words(query)
    if dialect == "postgresql":
        tsquery = func.plainto_tsquery(literal_column(f"'{PG_TEXT_CONFIG}'"), " ".join(words))
        return literal_column("events.search").op("@@")(tsquery)
    match = " ".join(f'"{word}"' for word in words)
    matching = (
        select(literal_column("rowid"))
        .select_from(text("event_search"))
        .where(text("event_search MATCH :fts_query").bindparams(fts_query=match))
    )
    return EventTable.search_key.in_(matching)


def escape_like(value: str) -> str:
    """``value`` as a literal inside a LIKE pattern with ``escape="\\"``: a ``%`` or ``_``
    from user input matches only itself."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def folded(column: Any, dialect: str, *, ascii_only: bool) -> ColumnElement[str]:
    """``column`` in lower case for comparing with a casefolded pattern."""
    if dialect == "sqlite" and not ascii_only:
        return getattr(func, SQLITE_FOLD_FUNCTION)(column)
    return func.lower(column)


def casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def near_condition(
    point: tuple[float, float],
    km: float,
    dialect: str,
    columns: tuple[Any, Any] = (EventTable.lat, EventTable.lon),
) -> ColumnElement[bool]:
    """Rows whose (lat, lon) ``columns`` lie within ``km`` of ``point``: a bounding box on
    the indexed columns, then the exact great-circle distance."""
    lat, lon = point
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ConfigError(f"({lat}, {lon}) is not a latitude/longitude point")
    if km <= 0:
        raise ConfigError(f"the radius must be positive, not {km} km")
    return and_(*_bounding_box(lat, lon, km, columns), _within(lat, lon, km, dialect, columns))


def _bounding_box(
    lat: float, lon: float, km: float, columns: tuple[Any, Any]
) -> list[ColumnElement[bool]]:
    lat_column, lon_column = columns
    dlat = km / KM_PER_DEGREE
    box = [lat_column.between(lat - dlat, lat + dlat)]
    cos_lat = math.cos(math.radians(lat))
    # Near a pole or across the antimeridian a longitude box would be wrong; the exact
    # distance alone is then the test.
    if cos_lat > 1e-6:
        dlon = km / (KM_PER_DEGREE * cos_lat)
        if lon - dlon >= -180 and lon + dlon <= 180:
            box.append(lon_column.between(lon - dlon, lon + dlon))
    return box


def _within(
    lat: float, lon: float, km: float, dialect: str, columns: tuple[Any, Any]
) -> ColumnElement[bool]:
    lat_column, lon_column = columns
    if dialect == "postgresql":
        origin = func.ST_SetSRID(func.ST_MakePoint(lon, lat), 4326).cast(_Geography())
        here = func.ST_SetSRID(func.ST_MakePoint(lon_column, lat_column), 4326)
        return func.ST_DWithin(here.cast(_Geography()), origin, km * 1000.0)
    distance = getattr(func, SQLITE_DISTANCE_FUNCTION)(
        lat_column, lon_column, bindparam("near_lat", lat), bindparam("near_lon", lon)
    )
    return distance <= km


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
