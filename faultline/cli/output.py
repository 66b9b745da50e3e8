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

from faultline.errors import FaultlineError

out = Console(soft_wrap=False)
err = Console(stderr=True)

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
}

_MAX_FIXED = 24

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
        err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_SOME_FAILED) from exc


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
    """One line per record: long values are cut with an ellipsis, never wrapped."""
    table = Table(title=title or None, header_style="bold", box=box.SIMPLE_HEAD)
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    natural = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    weights = [_FLEXIBLE_COLUMNS.get(c, 0) for c in columns]
    # Fixed columns keep their natural width; flexible ones share what the terminal has left.
    spare = out.width - sum(
        min(w, _MAX_FIXED) for w, k in zip(natural, weights, strict=True) if not k
    )
    spare -= 3 * len(columns) + 4
    unit = spare / max(1, sum(weights))
    for column, width, weight in zip(columns, natural, weights, strict=True):
        limit = min(width, max(8, int(unit * weight))) if weight else min(width, _MAX_FIXED)
        table.add_column(column, no_wrap=True, overflow="ellipsis", width=limit)
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


def short_id(record_id: str | None) -> str | None:
    """Ids in tables are shortened; every command accepts a unique prefix."""
    return record_id[:11] if record_id else record_id
