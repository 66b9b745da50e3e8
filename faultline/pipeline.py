"""The ingest pipeline: read → normalise → extract → store, failures as data.

Articles are read one at a time but extracted in small batches (spaCy parses a batch faster
than its articles one by one); each article is then stored with its events in a transaction
of its own. An article whose events the store already holds from this extractor version is
not extracted again.

The CLI, the API and the batch engine all call these functions; none of them prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from faultline.errors import ExtractionError, FaultlineError, InputError
from faultline.events import EXTRACTOR
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import expand_paths, read_path
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
    *,
    extract: bool = True,
) -> IngestSummary:
    """Store every article in ``inputs`` with its events (unless ``extract`` is false).

    Each article is one transaction; failures are recorded and the batch goes on.
    """
    outcomes: list[IngestOutcome] = []
    read = read_articles(inputs, options)
    while chunk := list(itertools.islice(read, EXTRACT_BATCH)):
        extractions = _extract_missing(chunk, store) if extract else {}
        for path, result in chunk:
            outcome = _store_one(result, store, extractions)
            outcomes.append(outcome)
            if on_progress is not None:
                on_progress(path, outcome)
        if extract:
            _link(store)
    return IngestSummary(tuple(outcomes))


def _link(store: Store) -> None:
    """Link what this batch stored into incidents. A failure leaves the events pending (they
    are stored already) and the next ingest or ``faultline link`` picks them up."""
    try:
        store.link()
    except FaultlineError as exc:
        with contextlib.suppress(FaultlineError):
            store.record_failure(store.url, exc.code, f"linking: {exc.message}")


def _extract_missing(
    chunk: list[tuple[str, Article | InputError]], store: Store
) -> ExtractionResults:
    """Extractions for the articles the store does not hold at this extractor version."""
    articles = {r.id: r for _, r in chunk if isinstance(r, Article)}
    try:
        stored = store.stored_extractors(list(articles))
    except FaultlineError:
        stored = {}  # the save that follows reports the store's problem, article by article
    needed = [a for a in articles.values() if stored.get(a.id) != EXTRACTOR]
    return extract_safely(needed) if needed else {}


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
    except FaultlineError as exc:
        return _failed(result.location, exc, store)
    events = len(extraction.events) if extraction is not None and status != "unchanged" else None
    return IngestOutcome(result.location, status, result.id, result.title, events=events)


def _failed(location: str, exc: FaultlineError, store: Store) -> IngestOutcome:
    # When the store itself is what failed, the outcome below still reports the failure.
    with contextlib.suppress(FaultlineError):
        store.record_failure(location, exc.code, exc.message)
    return IngestOutcome(location, "failed", error_code=exc.code, message=exc.message)
