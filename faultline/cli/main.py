"""The ``faultline`` command."""

from __future__ import annotations

import logging

import typer

from faultline import __version__
from faultline.cli import (
    articles,
    batch,
    brief,
    classify,
    events,
    extract,
    incidents,
    ingest,
    mentions,
    minerals,
    serve,
)
from faultline.cli import eval as eval_cmd

# The database driver logs errors it ignored while closing a connection that was lost (a
# server restart mid-ingest, which the store waits out). Unconfigured, Python prints such
# records to stderr, a line a user cannot act on beside our own one-line errors; a handler of
# our own keeps them out of the terminal, and a logging set-up of the user's still gets them.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

app = typer.Typer(
    name="faultline",
    help="Turn news articles about coups, conflict, sanctions and resource deals into a "
    "sourced, dated, geocoded event database.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("ingest")(ingest.ingest_cli)
app.command("batch")(batch.batch_cli)
app.command("digest")(batch.digest_cli)
app.command("articles")(articles.articles_cli)
app.command("show")(articles.show_cli)
app.command("events")(events.events_cli)
app.command("event")(events.event_cli)
app.command("stats")(events.stats_cli)
app.command("export")(events.export_cli)
app.command("incidents")(incidents.incidents_cli)
app.command("incident")(incidents.incident_cli)
app.command("entity")(incidents.entity_cli)
app.command("graph")(incidents.graph_cli)
app.command("link")(incidents.link_cli)
app.command("serve")(serve.serve_cli)
app.command("mentions")(mentions.mentions_cli)
app.command("geoparse")(mentions.geoparse_cli)
app.command("extract")(extract.extract_cli)
app.command("eval")(eval_cmd.eval_cli)
app.command("classify")(classify.classify_cli)
app.command("brief")(brief.brief_cli)
app.command("exposure")(minerals.exposure_cli)
app.command("minerals")(minerals.minerals_cli)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faultline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Faultline: a sourced, dated, geocoded event database built from news articles."""


def main() -> None:
    app()
