"""``faultline mentions`` and ``faultline geoparse``: what the mention stage resolved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from faultline.cli.common import (
    DbOption,
    FormatOption,
    parse_published,
    read_reporting_failures,
)
from faultline.cli.output import EXIT_SOME_FAILED, Format, clean_errors, emit_records
from faultline.errors import InputError
from faultline.models import Article, Mentions
from faultline.pipeline import ReadOptions, list_inputs, read_articles
from faultline.store import Store

PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date YYYY-MM-DD for inputs read from files."),
]
KIND_COLUMNS = {
    "actor": ["start", "end", "text", "name", "kind", "sector", "country", "entity_id", "method"],
    "place": [
        "start",
        "end",
        "text",
        "name",
        "precision",
        "country",
        "admin1",
        "lat",
        "lon",
        "geonames_id",
        "method",
    ],
    "time": ["start", "end", "text", "date_start", "date_end", "precision", "method", "note"],
    "quantity": [
        "start",
        "end",
        "text",
        "value",
        "category",
        "unit",
        "approximate",
        "hedge",
        "head",
    ],
    "mineral": ["start", "end", "text", "minerals"],
}
GEOPARSE_COLUMNS = ["path", "article_id", *KIND_COLUMNS["place"], "feature", "score"]


def mentions_cli(
    article: Annotated[
        str, typer.Argument(help="A stored article (id, id prefix or path) or a file to read.")
    ],
    db: DbOption = None,
    published: PublishedOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Every actor, place, time, quantity and mineral in one article, with spans and
    resolutions."""
    from faultline.mentions import mentions_of  # spaCy loads only for commands that need it

    with clean_errors():
        articles = _articles_for(article, db, parse_published(published))
        rows = [
            {"article_id": a.id, "mention": kind, **row}
            for a, found in mentions_of(articles)
            for kind, row in mention_rows(found)
        ]
    if fmt is not Format.table:
        columns = sorted({c for cols in KIND_COLUMNS.values() for c in cols})
        emit_records(rows, fmt, columns=["article_id", "mention", *columns])
        return
    for kind, columns in KIND_COLUMNS.items():
        of_kind = [r for r in rows if r["mention"] == kind]
        emit_records(of_kind, fmt, columns=columns, title=f"{kind} mentions")


def geoparse_cli(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files or folders.")],
    published: PublishedOption = None,
    fmt: FormatOption = Format.jsonl,
) -> None:
    """Every place mention in the given files with its gazetteer resolution."""
    from faultline.mentions import mentions_of  # spaCy loads only for commands that need it

    with clean_errors():
        articles, failed = read_reporting_failures(paths, parse_published(published))
        rows = [
            {"path": a.path, "article_id": a.id, **row}
            for a, found in mentions_of(articles)
            for kind, row in mention_rows(found)
            if kind == "place"
        ]
    emit_records(rows, fmt, columns=GEOPARSE_COLUMNS, title="place mentions")
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _articles_for(ref: str, db: str | None, published: dt.date | None) -> list[Article]:
    if os.path.isfile(ref) or ref == "-":
        found = [r for _, r in read_articles(list_inputs([ref]), ReadOptions(published))]
        for result in found:
            if isinstance(result, InputError):
                raise result
        return [r for r in found if isinstance(r, Article)]
    with Store.open(db, read_only=True) as store:
        return [store.get_article(ref)]


def mention_rows(found: Mentions) -> Iterator[tuple[str, dict[str, Any]]]:
    """Flat rows for every mention: span as start/end, dates as ISO strings."""
    groups = (
        ("actor", found.actors),
        ("place", found.places),
        ("time", found.times),
        ("quantity", found.quantities),
        ("mineral", found.minerals),
    )
    for kind, mentions in groups:
        for mention in mentions:
            yield kind, _flatten(mention)


def _flatten(mention: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in dataclasses.fields(mention):
        value = getattr(mention, field.name)
        if field.name == "span":
            row["start"], row["end"] = value.start, value.end
        elif field.name in ("start", "end"):
            row[f"date_{field.name}"] = value.isoformat() if value else None
        elif field.name == "head_span":
            row["head_start"] = value.start if value else None
            row["head_end"] = value.end if value else None
        elif field.name == "minerals":
            row["minerals"] = ", ".join(value)
        else:
            row[field.name] = value
    return row
