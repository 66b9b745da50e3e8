"""What a worker runs: the extraction stages on a batch of articles.

The models (spaCy, the embedding network, the typing classifier, the gazetteer) are loaded
once per worker process, on its first batch or by ``prepare_worker`` when the pool starts it.
"""

from __future__ import annotations

import resource
import sys

from faultline.models import Article
from faultline.pipeline import ExtractionResults, extract_safely

_prepared_with: list[int | None] = []


def prepare_worker(threads: int | None = 1) -> None:
    """Load every model now, with ``threads`` threads for the embedding network, so a worker's
    first batch runs at full speed and a missing model fails the pool at start."""
    from faultline.events.embed import load_embedder, use_threads
    from faultline.events.train import load_model
    from faultline.mentions.gazetteer import load_gazetteer
    from faultline.nlp import load_nlp

    use_threads(threads)
    load_nlp()
    load_embedder()
    load_model()
    load_gazetteer()
    _prepared_with[:] = [threads]


def extract_batch(articles: list[Article], threads: int | None = 1) -> ExtractionResults:
    """Every article's extraction, or the error that stopped it (never raises for one bad
    article: ``extract_safely`` retries a failed batch article by article)."""
    if _prepared_with != [threads]:
        prepare_worker(threads)
    return extract_safely(articles)


def peak_memory_bytes() -> int:
    """The largest resident set this process has had (what a worker costs in memory)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB
