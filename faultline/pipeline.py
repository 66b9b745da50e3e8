"""The ingest pipeline: read → normalise → store, one article at a time, failures as data.

The CLI, the API and the batch engine all call these functions; none of them prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from faultline.errors import FaultlineError, InputError
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import expand_paths, read_path
from faultline.models import Article, IngestOutcome, IngestSummary, RawDocument
from faultline.store import Store

ProgressCallback = Callable[[str, IngestOutcome | None], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: a publication date that overrides the text's, and a size cap."""

    published: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def list_inputs(paths: Iterable[str]) -> list[str | InputError]:
    """Expand folders up front so progress can show a total."""
    return list(expand_paths(paths))


def read_articles(
    inputs: Iterable[str | InputError], options: ReadOptions = ReadOptions()
) -> Iterator[tuple[str, Article | InputError]]:
    """(input path, normalised article or the error that stopped it), in input order."""
    for item in inputs:
        if isinstance(item, InputError):
            yield item.source or "?", item
            continue
        for result in read_path(item, max_bytes=options.max_bytes):
            yield item, _normalised(result, options)


def _normalised(result: RawDocument | InputError, options: ReadOptions) -> Article | InputError:
    if isinstance(result, InputError):
        return result
    try:
        return normalise(result, published=options.published)
    except InputError as exc:
        return exc


def ingest(
    inputs: Iterable[str | InputError],
    store: Store,
    options: ReadOptions = ReadOptions(),
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Store every article in ``inputs``; each article is one transaction, failures recorded."""
    outcomes: list[IngestOutcome] = []
    for path, result in read_articles(inputs, options):
        outcome = _store_one(result, store)
        outcomes.append(outcome)
        if on_progress is not None:
            on_progress(path, outcome)
    return IngestSummary(tuple(outcomes))


def _store_one(result: Article | InputError, store: Store) -> IngestOutcome:
    if isinstance(result, Article):
        try:
            status = store.save_article(result)
        except FaultlineError as exc:
            return _failed(result.location, exc, store)
        return IngestOutcome(result.location, status, result.id, result.title)
    return _failed(result.source or "?", result, store)


def _failed(location: str, exc: FaultlineError, store: Store) -> IngestOutcome:
    # When the store itself is what failed, the outcome below still reports the failure.
    with contextlib.suppress(FaultlineError):
        store.record_failure(location, exc.code, exc.message)
    return IngestOutcome(location, "failed", error_code=exc.code, message=exc.message)
