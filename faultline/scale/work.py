"""What a worker runs: the extraction stages on a batch of articles.

The models (spaCy, the embedding network, the typing classifier, the gazetteer) are loaded
once per worker process, on its first batch or by ``prepare_worker`` when the pool starts it.
"""

from __future__ import annotations

import resource
import sys

from faultline.models import Article, ExtractedBatch, Extraction
from faultline.pipeline import ExtractionResults, extract_safely

_prepared_with: list[int | None] = []


def prepare_worker(threads: int | None = 1) -> None:
    """Load every model, with ``threads`` threads for the embedding network: a pool worker
    runs this when it starts (on the first batches it is sent), a Dask worker on its first
    batch; a missing model then fails that batch, article by article, with the reason."""
    from faultline.events.embed import load_embedder, use_threads
    from faultline.events.train import load_model
    from faultline.mentions.gazetteer import load_gazetteer
    from faultline.nlp import load_nlp

    use_threads(threads)
    _limit_blas_threads(threads)
    load_nlp()
    load_embedder()
    load_model()
    load_gazetteer()
    _prepared_with[:] = [threads]


def _limit_blas_threads(threads: int | None) -> None:
    """Hold numpy's OpenBLAS to the worker's share of the cores. Its threads spin between the
    small matrix products of typing and pooling: with one worker per core they burned a
    twentieth of the worker's CPU for no speed (benchmarks/scale.py, section 1)."""
    if threads is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")


def extract_batch(articles: list[Article], threads: int | None = 1) -> ExtractedBatch:
    """Every article's extraction, or the error that stopped it (never raises for one bad
    article: ``extract_safely`` retries a failed batch article by article), with the vectors
    of the events' wording (already computed to type them, so they cost nothing here)."""
    from faultline.events.embed import embed

    if _prepared_with != [threads]:
        prepare_worker(threads)
    results = extract_safely(articles)
    wordings = sorted(
        {
            e.wording
            for found in results.values()
            if isinstance(found, Extraction)
            for e in found.events
        }
    )
    vectors = embed(wordings) if wordings else []
    return ExtractedBatch(results, {w: v.tobytes() for w, v in zip(wordings, vectors, strict=True)})


def writer_side(batch: ExtractedBatch) -> ExtractionResults:
    """In the writer: remember the batch's vectors (linking follows at once), keep the rest."""
    import numpy as np

    from faultline.events.embed import remember

    remember({w: np.frombuffer(v, dtype=np.float32) for w, v in batch.wording_vectors.items()})
    return batch.results


def peak_memory_bytes() -> int:
    """The largest resident set this process has had (what a worker costs in memory).

    From /proc's VmHWM where there is one: ``ru_maxrss`` of a spawned process starts at its
    parent's peak on Linux, which would overstate a worker started by a big writer."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB
