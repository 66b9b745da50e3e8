"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from faultline.cli.output import Format, err, labelled
from faultline.errors import InputError
from faultline.models import Article
from faultline.models.articles import DATE_YEARS
from faultline.pipeline import ReadOptions, list_inputs, read_articles

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


def read_reporting_failures(
    paths: list[str], published: dt.date | None
) -> tuple[list[Article], bool]:
    """Every readable article in ``paths``; each unreadable input named on stderr."""
    articles: list[Article] = []
    failed = False
    for _path, result in read_articles(list_inputs(paths), ReadOptions(published=published)):
        if isinstance(result, InputError):
            err.print(labelled("failed", str(result)), highlight=False, soft_wrap=True)
            failed = True
        else:
            articles.append(result)
    return articles, failed


def parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-03-10") from exc
    if date.year not in DATE_YEARS:
        raise typer.BadParameter(
            f"{value!r} is outside the years {DATE_YEARS[0]}-{DATE_YEARS[-1]} read as dates"
        )
    return date
