"""Write a stream of event records in each output shape, without holding them all in memory.

Every writer takes the event JSON objects of EVENT_SCHEMA.md one at a time (exports of a
million events stream from the store) and returns how many it wrote. Text formats write to a
text handle; Parquet needs a path.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from os import PathLike
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from faultline.export.acled import write_acled_csv
from faultline.export.geo import flatten, to_feature
from faultline.export.parquet import SCHEMA, events_table
from faultline.export.plover import polecat_record

# Rows per Parquet row group: large enough for good compression, small enough to stream.
PARQUET_CHUNK = 5000

# The flat CSV of our own schema: nested objects become dotted columns (as in GeoJSON), in
# this order; lists are written as JSON.
FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "date.start",
    "date.end",
    "date.precision",
    "event_type",
    "mode",
    "acled.event_type",
    "acled.sub_event_type",
    "acled.disorder_type",
    "acled.interaction",
    "location.name",
    "location.admin1",
    "location.country",
    "location.precision",
    "location.lat",
    "location.lon",
    "location.geonames_id",
    "counts.killed",
    "counts.injured",
    "counts.arrested",
    "counts.displaced",
    "counts.abducted",
    "counts.people",
    "counts.money_usd",
    "modality",
    "background",
    "coup.outcome",
    "coup.perpetrator",
    "coup.leader",
    "coup.target",
    "attribution.speaker",
    "attribution.cue",
    "summary",
    "actors",
    "contexts",
    "confidence",
    "article.id",
    "article.title",
    "article.source",
    "article.published",
    "article.url",
    "article.path",
    "extractor",
)


class EventFormat(StrEnum):
    """Shapes of our own event schema."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


class ExportSchema(StrEnum):
    """``faultline export --schema``: other projects' shapes, and ours."""

    acled = "acled"
    plover = "plover"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def write_jsonl(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    return _write_lines((json.dumps(e, ensure_ascii=False) for e in events), handle)


def write_json_array(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """A JSON array, written item by item."""
    count = 0
    handle.write("[")
    for event in events:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps(event, ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def write_plover(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """POLECAT-shaped records as a JSON array."""
    return write_json_array((polecat_record(e) for e in events), handle)


def write_geojson(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """A FeatureCollection written feature by feature."""
    handle.write('{"type": "FeatureCollection", "features": ')
    count = write_json_array((to_feature(e) for e in events), handle)
    handle.write("}\n")
    return count


def write_flat_csv(events: Iterable[dict[str, Any]], handle: TextIO) -> int:
    writer = csv.DictWriter(handle, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(flat_row(event))
        count += 1
    return count


def flat_row(event: dict[str, Any]) -> dict[str, Any]:
    flat = flatten(event)
    return {
        key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for key, value in flat.items()
    }


def write_parquet_stream(events: Iterable[dict[str, Any]], path: str | PathLike[str]) -> int:
    """Parquet with the explicit schema of ``export.parquet``, a row group per chunk."""
    count = 0
    with pq.ParquetWriter(path, SCHEMA) as writer:
        for chunk in _chunks(events, PARQUET_CHUNK):
            writer.write_table(events_table(chunk))
            count += len(chunk)
        if count == 0:
            writer.write_table(pa.Table.from_pylist([], schema=SCHEMA))
    return count


TEXT_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "jsonl": write_jsonl,
    "json": write_json_array,
    "csv": write_flat_csv,
    "geojson": write_geojson,
    "acled": write_acled_csv,
    "plover": write_plover,
}


def _write_lines(lines: Iterator[str], handle: TextIO) -> int:
    count = 0
    for line in lines:
        handle.write(line + "\n")
        count += 1
    return count


def _chunks(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
