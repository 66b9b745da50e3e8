"""Events as a Parquet file with an explicit schema (DuckDB, pandas, Spark read it typed).

Layout, chosen so analysts can filter without unnesting:

* Objects (article, date, location, acled, counts, attribution, coup, deal) are flattened into
  ``<object>_<field>`` columns: ``date_start`` (date32), ``location_lat`` (float64),
  ``counts_killed`` (nullable int64), ``acled_interaction`` (nullable int64), ...
* Lists stay lists: ``contexts`` and ``coup_foreign_nationals_involved`` are list<string>;
  ``actors``, ``minerals``, ``evidence`` and ``deal_parties`` are list<struct> with the
  record's own field names; ``deal_minerals`` is list<string>.
* ``article_published`` stays a string: it may be a month (``2024-05``) or year only, which a
  date column cannot say; ``article_published_precision`` comes beside it.
* Anything the record carries that this schema does not know yet (a field added to the event
  schema later) goes, as JSON, to ``extra`` rather than being dropped.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable
from os import PathLike
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

_PARTY = pa.struct(
    [(n, _S) for n in ("name", "text", "entity_id")] + [("start", pa.int64()), ("end", pa.int64())]
)
# (object, field, type): the flattened columns, in output order.
_OBJECT_FIELDS: dict[str, list[tuple[str, pa.DataType]]] = {
    "article": [
        ("id", _S),
        ("title", _S),
        ("source", _S),
        ("author", _S),
        ("published", _S),
        ("published_precision", _S),
        ("url", _S),
        ("path", _S),
    ],
    "acled": [
        ("event_type", _S),
        ("sub_event_type", _S),
        ("disorder_type", _S),
        ("interaction", _I),
    ],
    "date": [
        ("start", pa.date32()),
        ("end", pa.date32()),
        ("precision", _S),
        ("text", _S),
        ("method", _S),
    ],
    "location": [
        ("text", _S),
        ("name", _S),
        ("geonames_id", _I),
        ("lat", _F),
        ("lon", _F),
        ("country", _S),
        ("admin1", _S),
        ("precision", _S),
        ("start", _I),
        ("end", _I),
    ],
    "counts": [
        (name, _I)
        for name in (
            "killed",
            "injured",
            "arrested",
            "displaced",
            "abducted",
            "people",
            "money_usd",
        )
    ],
    "attribution": [
        ("speaker", _S),
        ("speaker_text", _S),
        ("cue", _S),
        ("entity_id", _S),
        ("evidence.start", _I),
        ("evidence.end", _I),
        ("cue_evidence.start", _I),
        ("cue_evidence.end", _I),
    ],
    "coup": [
        ("outcome", _S),
        ("perpetrator", _S),
        ("leader", _S),
        ("target", _S),
        ("foreign_nationals_involved", pa.list_(_S)),
    ],
    "deal": [
        ("kind", _S),
        ("parties", pa.list_(_PARTY)),
        ("minerals", pa.list_(_S)),
        ("money_usd", _I),
    ],
}
_ACTOR = pa.struct(
    [(n, _S) for n in ("role", "text", "name", "kind", "sector", "country", "entity_id")]
    + [("start", _I), ("end", _I)]
)
_EVIDENCE = pa.struct([("field", _S), ("start", _I), ("end", _I), ("text", _S)])
_MINERAL = pa.struct([("mineral", _S), ("text", _S), ("start", _I), ("end", _I)])
_TOP: list[tuple[str, pa.DataType]] = [
    ("schema_version", _S),
    ("id", _S),
    ("event_type", _S),
    ("mode", _S),
    ("contexts", pa.list_(_S)),
    ("summary", _S),
    ("actors", pa.list_(_ACTOR)),
    ("modality", _S),
    ("background", _B),
    ("minerals", pa.list_(_MINERAL)),
    ("evidence", pa.list_(_EVIDENCE)),
    ("confidence", _F),
    ("extractor", _S),
]


def _column(obj: str, field: str) -> str:
    return f"{obj}_{field.replace('.', '_')}"


SCHEMA = pa.schema(
    [pa.field("id", _S, nullable=False)]
    + [pa.field(n, t) for n, t in _TOP if n != "id"]
    + [pa.field(_column(o, f), t) for o, fields in _OBJECT_FIELDS.items() for f, t in fields]
    + [pa.field("extra", _S)]
)


def events_table(events: Iterable[dict[str, Any]]) -> pa.Table:
    """The events as a pyarrow Table with ``SCHEMA``."""
    rows = [_row(event) for event in events]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def write_parquet(events: Iterable[dict[str, Any]], path: str | PathLike[str]) -> int:
    """Write the events to ``path``; returns the number of rows."""
    table = events_table(events)
    pq.write_table(table, path)
    return table.num_rows


def _row(event: dict[str, Any]) -> dict[str, Any]:
    rest = copy.deepcopy(event)
    row: dict[str, Any] = {name: rest.pop(name, None) for name, _ in _TOP}
    row["contexts"] = row["contexts"] or []
    row["actors"] = row["actors"] or []
    row["evidence"] = row["evidence"] or []
    row["minerals"] = row["minerals"] or []
    for obj, fields in _OBJECT_FIELDS.items():
        value = rest.pop(obj, None) or {}
        for field, kind in fields:
            item = _take(value, field)
            if kind == pa.date32() and isinstance(item, str):
                item = dt.date.fromisoformat(item)
            row[_column(obj, field)] = item
        if value:
            rest[obj] = value
    row["extra"] = json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None
    return row


def _take(value: dict[str, Any], field: str) -> Any:
    """Pop a field (dotted for one level of nesting) so that what is left is unknown."""
    head, _, tail = field.partition(".")
    if not tail:
        return value.pop(head, None)
    inner = value.get(head) or {}
    item = inner.pop(tail, None) if isinstance(inner, dict) else None
    if isinstance(value.get(head), dict) and not value[head]:
        del value[head]
    return item
