"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from faultline.cli.output import Format

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="FAULTLINE_DB",
        help="Database URL or SQLite file (default: ./faultline.db; env FAULTLINE_DB).",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json, jsonl or csv.")]


def parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-03-10") from exc
