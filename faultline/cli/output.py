"""Shared output helpers: consoles, record formats (table/json/jsonl/csv) and clean errors."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from faultline.errors import FaultlineError

# Markup off: titles, summaries, paths and error messages are data, and Rich would read their
# brackets ("[/b]", "[sic]") as style tags, dropping them or failing on the whole table.
# Styled words are built as Text (``labelled``).
out = Console(soft_wrap=False, markup=False)
err = Console(stderr=True, markup=False)

# Columns that share the width left over, by weight; the rest keep their natural width.
_FLEXIBLE_COLUMNS = {
    "title": 4,
    "input": 2,
    "path": 2,
    "error": 3,
    "source": 1,
    "author": 2,
    "text": 2,
    "name": 2,
    "note": 2,
    "entity_id": 1,
    "summary": 4,
    "actor": 2,
    "recipient": 1,
    "acled": 2,
    "location": 2,
}

_MAX_FIXED = 24
_MIN_FLEXIBLE = 6
_OVERHEAD = 3

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@contextmanager
def clean_errors() -> Iterator[None]:
    """Turn a FaultlineError into one line on stderr and exit status 1, never a traceback."""
    try:
        yield
    except FaultlineError as exc:
        err.print(labelled("error", str(exc)), highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_SOME_FAILED) from exc


def labelled(label: str, message: str, style: str = "red") -> Text:
    """``error: message`` with the label styled and the message printed as it is."""
    return Text.assemble((f"{label}:", style), " ", message)


def emit_records(
    rows: Sequence[dict[str, Any]], fmt: Format, *, columns: Sequence[str], title: str = ""
) -> None:
    """Print records as a Rich table, a JSON array, JSON lines or CSV (all on stdout)."""
    if fmt is Format.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        out.print(records_table(rows, columns, title=title))


def records_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str = ""
) -> Table:
    """One line per record: long values are cut with an ellipsis, never wrapped.

    Short columns (ids, dates, codes) keep their full width; the long ones (titles, summaries)
    share what the terminal has left, by weight. Cells are cut here rather than by Rich, which
    would shrink every column of a table that is too wide, the short ones included.
    """
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    widths = _column_widths(columns, cells)
    table = Table(title=title or None, header_style="bold", box=box.SIMPLE_HEAD)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(_cut(column, width), no_wrap=True)
    for row_cells in cells:
        table.add_row(*(Text(_cut(c, w)) for c, w in zip(row_cells, widths, strict=True)))
    return table


def _column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]]) -> list[int]:
    natural = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    weights = [_FLEXIBLE_COLUMNS.get(c, 0) for c in columns]
    fixed = [min(w, _MAX_FIXED) for w in natural]
    # Rich pads each column by one space a side and keeps one more between columns.
    room = out.width - _OVERHEAD * len(columns) - 2
    spare = room - sum(f for f, k in zip(fixed, weights, strict=True) if not k)
    if sum(natural) + _OVERHEAD * len(columns) + 2 <= out.width or not any(weights):
        return [n if k else f for n, f, k in zip(natural, fixed, weights, strict=True)]
    unit = max(spare, 0) / sum(weights)
    return [
        min(n, max(_MIN_FLEXIBLE, int(unit * k))) if k else f
        for n, f, k in zip(natural, fixed, weights, strict=True)
    ]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def short_id(record_id: str | None) -> str | None:
    """Ids in tables are shortened; every command accepts a unique prefix."""
    return record_id[:11] if record_id else record_id
