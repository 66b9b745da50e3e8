"""``faultline batch`` (extraction on a Dask cluster, storing through this one process) and
``faultline digest`` (what a run stored, as hashes that two runs can compare)."""

from __future__ import annotations

from typing import Annotated

import typer

from faultline.cli.common import DbOption, FormatOption, parse_published
from faultline.cli.ingest import (
    MaxBytesOption,
    PathsArgument,
    PublishedOption,
    QuietOption,
    run_ingest,
)
from faultline.cli.output import Format, clean_errors, emit_records, out
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.pipeline import ReadOptions
from faultline.store import Store


def batch_cli(
    paths: PathsArgument,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786; its workers "
            "need this same Faultline version installed.",
        ),
    ] = None,
    local_cluster: Annotated[
        int | None,
        typer.Option(
            "--local-cluster",
            min=1,
            help="Start a Dask cluster of N worker processes on 127.0.0.1 for this run instead.",
        ),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per Dask task.")
    ] = 64,
    db: DbOption = None,
    published: PublishedOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    fmt: FormatOption = Format.table,
    quiet: QuietOption = False,
) -> None:
    """Ingest like faultline ingest, with extraction spread over a Dask cluster in batches;
    a worker lost mid-batch has its batch run again, and nothing is stored twice."""
    if (scheduler is None) == (local_cluster is None):
        raise typer.BadParameter("give exactly one of --scheduler and --local-cluster")
    options = ReadOptions(published=parse_published(published), max_bytes=max_bytes)
    with clean_errors():
        from faultline.scale.cluster import DaskRunner, dask_client

        with dask_client(scheduler, local_cluster) as client:
            runner = DaskRunner(client, batch_size=batch_size)
            run_ingest(paths, db, options, runner, fmt=fmt, quiet=quiet, extract=True)


def digest_cli(
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, json, jsonl or csv.")] = (
        Format.table
    ),
) -> None:
    """Counts and content hashes of the stored articles, events and incidents: two stores that
    hold the same articles processed the same way print the same digest."""
    from dataclasses import asdict

    from faultline.export.digest import store_digest

    with clean_errors(), Store.open(db, read_only=True) as store:
        digest = store_digest(store)
    record = asdict(digest)
    if fmt is not Format.table:
        emit_records([record], fmt, columns=list(record))
        return
    for name, value in record.items():  # one per line: hashes must print whole to be compared
        out.print(f"{name:<17} {value}", highlight=False, soft_wrap=True)
