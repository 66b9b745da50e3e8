"""``faultline articles`` and ``faultline show``: what is stored, and one article in full."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from faultline.cli.common import DbOption, FormatOption
from faultline.cli.output import Format, clean_errors, emit_records, out, short_id
from faultline.models import Article
from faultline.store import Store

ARTICLE_COLUMNS = ["id", "published", "title", "author", "source", "language", "words", "path"]
TABLE_COLUMNS = ["id", "published", "title", "author", "language", "words"]
TABLE_COLUMNS = ["id", "published", "title", "author", "language", "words"]


def articles_cli(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="At most this many rows.")
    ] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows.")] = 0,
) -> None:
    """List stored articles, oldest publication date first."""
    with clean_errors(), Store.open(db, read_only=True) as store:
        rows = [
            {
                "id": a.id,
                "published": a.published,
                "title": a.title,
                "author": a.author,
                "source": a.source,
                "language": a.language,
                "words": a.word_count,
                "path": a.path,
            }
            for a in store.list_articles(limit=limit, offset=offset)
        ]
        total = store.count_articles()
    columns = ARTICLE_COLUMNS
    if fmt is Format.table:
        rows = [{**row, "id": short_id(row["id"])} for row in rows]
        columns = TABLE_COLUMNS
    emit_records(rows, fmt, columns=columns, title=f"{len(rows)} of {total} articles")


def show_cli(
    article: Annotated[str, typer.Argument(help="Article id, unique id prefix, or ingested path.")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Show one article: metadata, numbered paragraphs and sentences, removed boilerplate."""
    with clean_errors(), Store.open(db, read_only=True) as store:
        record = store.get_article(article)
    if fmt is Format.table:
        _print_article(record)
    else:
        sys.stdout.write(json.dumps(article_json(record), ensure_ascii=False, indent=2) + "\n")


def article_json(article: Article) -> dict[str, Any]:
    """The JSON shape of one article, offsets into ``text``."""
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "source": article.source,
        "published": article.published.iso,
        "published_precision": article.published.precision,
        "published_method": article.published.method,
        "published_text": article.published.text,
        "url": article.url,
        "path": article.path,
        "record": article.record,
        "format": article.format,
        "language": article.language,
        "text": article.text,
        "paragraphs": [[p.start, p.end] for p in article.paragraphs],
        "sentences": [[s.start, s.end] for s in article.sentences],
        "boilerplate": [
            {"reason": b.reason, "text": b.text, "start": b.span.start, "end": b.span.end}
            for b in article.boilerplate
        ],
    }


def _print_article(article: Article) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    date = article.published
    date_text = f"{date.iso or 'unknown'} ({date.precision or '-'}, {date.method})"
    for label, value in (
        ("id", article.id),
        ("title", article.title),
        ("author", article.author),
        ("source", article.source),
        ("published", date_text),
        ("language", article.language),
        ("url", article.url),
        ("path", article.location),
        ("words", article.word_count()),
    ):
        meta.add_row(label, Text("" if value is None else str(value)))
    out.print(meta)
    out.print()
    for p_number, paragraph in enumerate(article.paragraphs, start=1):
        inside = [
            s for s in article.sentences if paragraph.start <= s.start and s.end <= paragraph.end
        ]
        for s_number, sentence in enumerate(inside, start=1):
            label = Text(f"{p_number}.{s_number}".rjust(6) + "  ", style="dim")
            out.print(label + Text(sentence.of(article.text)), soft_wrap=True)
        out.print()
    if article.boilerplate:
        out.print(Text("Removed", style="bold"))
        for removed in article.boilerplate:
            snippet = " ".join(removed.text.split())
            out.print(Text(f"  {removed.reason}: ", style="dim") + Text(snippet), soft_wrap=True)
