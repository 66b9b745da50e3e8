"""The ingest pipeline: read → normalise → extract → store, failures as data.

Articles are read one at a time but extracted in small batches (spaCy parses a batch faster
than its articles one by one); each article is then stored with its events in a transaction
of its own. An article whose events the store already holds from this extractor version is
not extracted again.

The CLI, the API and the batch engine all call these functions; none of them prints.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from faultline.errors import ExtractionError, FaultlineError, InputError, StoreUnavailableError
from faultline.events import EXTRACTOR
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import ReadMeter, expand_paths, read_path
from faultline.models import Article, Extraction, IngestOutcome, IngestSummary, RawDocument
from faultline.store import Store

ProgressCallback = Callable[[str, IngestOutcome | None], None]
ExtractionResults = dict[str, Extraction | ExtractionError]

# Articles extracted together: large enough for spaCy's batching, small enough that progress
# moves and a killed process loses little work.
EXTRACT_BATCH = 16


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: a publication date that overrides the text's, and a size cap."""

    published: dt.date | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def list_inputs(paths: Iterable[str]) -> list[str | InputError]:
    """Expand folders up front so progress can show a total."""
    return list(expand_paths(paths))


def read_articles(
    inputs: Iterable[str | InputError],
    options: ReadOptions = ReadOptions(),
    meter: ReadMeter | None = None,
) -> Iterator[tuple[str, Article | InputError]]:
    """(input path, normalised article or the error that stopped it), in input order.

    Lazy all the way down: a JSONL file is read a line at a time as the caller asks."""
    for item in inputs:
        if isinstance(item, InputError):
            yield item.source or "?", item
            continue
        for result in read_path(item, max_bytes=options.max_bytes, meter=meter):
            yield item, _normalised(result, options)


def _normalised(result: RawDocument | InputError, options: ReadOptions) -> Article | InputError:
    if isinstance(result, InputError):
        return result
    try:
        return normalise(result, published=options.published)
    except InputError as exc:
        return exc


class PendingExtraction(Protocol):
    """A batch's extractions, being computed somewhere (here, a pool process, a Dask worker)."""

    def result(self) -> ExtractionResults: ...


class ExtractionRunner(Protocol):
    """Where extraction runs. The store is written only by the caller of ``ingest`` (one
    writer); runners only turn batches of articles into extractions."""

    batch_size: int  # articles per batch sent to a worker
    window: int  # batches submitted ahead of the one being stored

    def submit(self, articles: list[Article]) -> PendingExtraction: ...


@dataclass(frozen=True, slots=True)
class Done:
    """Extractions already computed."""

    results: ExtractionResults

    def result(self) -> ExtractionResults:
        return self.results


class InProcess:
    """Extraction in this process, one batch at a time."""

    batch_size = EXTRACT_BATCH
    window = 1

    def submit(self, articles: list[Article]) -> PendingExtraction:
        return Done(extract_safely(articles))


Chunk = list[tuple[str, Article | InputError]]


def ingest(
    inputs: Iterable[str | InputError],
    store: Store,
    options: ReadOptions = ReadOptions(),
    on_progress: ProgressCallback | None = None,
    *,
    extract: bool = True,
    runner: ExtractionRunner | None = None,
    keep: int | None = None,
    meter: ReadMeter | None = None,
) -> IngestSummary:
    """Store every article in ``inputs`` with its events (unless ``extract`` is false).

    Each article is one transaction; failures are recorded and the batch goes on, unless
    the store itself fails (disk full, read-only, server gone: ``StoreUnavailableError``),
    which ends the batch and keeps every article stored so far. ``runner`` says where
    extraction runs (default: here); storing and linking happen here, in input order,
    whatever the runner. ``keep`` caps the outcomes the summary holds (counts are always
    complete), so a stream of any length runs in bounded memory.
    """
    outcomes = ingest_stream(
        inputs, store, options, extract=extract, runner=runner or InProcess(), meter=meter
    )
    return IngestSummary.of(_reporting(outcomes, on_progress), keep=keep)


def _reporting(
    outcomes: Iterator[tuple[str, IngestOutcome]], on_progress: ProgressCallback | None
) -> Iterator[IngestOutcome]:
    for path, outcome in outcomes:
        if on_progress is not None:
            on_progress(path, outcome)
        yield outcome


def ingest_stream(
    inputs: Iterable[str | InputError],
    store: Store,
    options: ReadOptions = ReadOptions(),
    *,
    extract: bool = True,
    runner: ExtractionRunner | None = None,
    meter: ReadMeter | None = None,
) -> Iterator[tuple[str, IngestOutcome]]:
    """(input path, outcome) for every article as it is stored, in input order.

    Up to ``runner.window`` batches are in flight while the oldest is stored, so workers never
    wait on the writer and memory holds only those batches, however long the input.
    """
    runner = runner or InProcess()
    read = read_articles(inputs, options, meter)
    in_flight: collections.deque[tuple[Chunk, PendingExtraction]] = collections.deque()
    while chunk := list(itertools.islice(read, runner.batch_size)):
        in_flight.append((chunk, _submit(chunk, store, runner) if extract else Done({})))
        if len(in_flight) >= runner.window:
            yield from _store_chunk(*in_flight.popleft(), store, link=extract)
    while in_flight:
        yield from _store_chunk(*in_flight.popleft(), store, link=extract)


def _submit(chunk: Chunk, store: Store, runner: ExtractionRunner) -> PendingExtraction:
    needed = _needing_extraction(chunk, store)
    return runner.submit(needed) if needed else Done({})


def _store_chunk(
    chunk: Chunk, pending: PendingExtraction, store: Store, *, link: bool
) -> Iterator[tuple[str, IngestOutcome]]:
    extractions = pending.result()
    for path, result in chunk:
        yield path, _store_one(result, store, extractions)
    if link:
        _link(store)


def _link(store: Store) -> None:
    """Link what this batch stored into incidents. A failure leaves the events pending (they
    are stored already) and the next ingest or ``faultline link`` picks them up; a store that
    takes no more work ends the batch."""
    try:
        store.link()
    except StoreUnavailableError:
        raise
    except FaultlineError as exc:
        with contextlib.suppress(FaultlineError):
            store.record_failure(store.url, exc.code, f"linking: {exc.message}")


def _needing_extraction(chunk: Chunk, store: Store) -> list[Article]:
    """The articles the store does not hold at this extractor version."""
    articles = {r.id: r for _, r in chunk if isinstance(r, Article)}
    try:
        stored = store.stored_extractors(list(articles))
    except FaultlineError:
        stored = {}  # the save that follows reports the store's problem, article by article
    return [a for a in articles.values() if stored.get(a.id) != EXTRACTOR]


def extract_safely(articles: list[Article]) -> ExtractionResults:
    """Extract a batch; when the batch fails, each article alone, so that one bad article
    fails alone and says why."""
    from faultline.events.extract import extract_all  # loads spaCy only when needed

    try:
        return {article.id: found for article, found in extract_all(articles)}
    except Exception as exc:  # any bug in the NLP stages must not end the whole ingest
        if len(articles) == 1:
            return {articles[0].id: _extraction_error(articles[0], exc)}
    results: ExtractionResults = {}
    for article in articles:
        results.update(extract_safely([article]))
    return results


def _extraction_error(article: Article, exc: Exception) -> ExtractionError:
    return ExtractionError(
        f"extraction failed ({type(exc).__name__}: {exc}); the article was not stored",
        source=article.location,
    )


def _store_one(
    result: Article | InputError, store: Store, extractions: ExtractionResults
) -> IngestOutcome:
    if isinstance(result, InputError):
        return _failed(result.source or "?", result, store)
    extraction = extractions.get(result.id)
    if isinstance(extraction, ExtractionError):
        return _failed(result.location, extraction, store)
    try:
        status = store.save_article(result, extraction)
    except StoreUnavailableError:
        raise  # every article after this one would fail the same way
    except FaultlineError as exc:
        return _failed(result.location, exc, store)
    events = len(extraction.events) if extraction is not None and status != "unchanged" else None
    return IngestOutcome(result.location, status, result.id, result.title, events=events)


def _failed(location: str, exc: FaultlineError, store: Store) -> IngestOutcome:
    # When the store itself is what failed, the outcome below still reports the failure.
    with contextlib.suppress(FaultlineError):
        store.record_failure(location, exc.code, exc.message)
    return IngestOutcome(location, "failed", error_code=exc.code, message=exc.message)
