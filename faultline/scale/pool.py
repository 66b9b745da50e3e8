"""``faultline ingest --workers N``: extraction in N local worker processes.

Workers are spawned (not forked: the parent may hold onnxruntime threads) and load their models
once. A worker that dies (killed, out of memory) breaks the whole ``ProcessPoolExecutor``; the
pool is started again and every batch that was in flight is submitted again, so nothing is
lost. A batch that kills its worker twice is run article by article, so one poisonous article
fails alone and says why.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from faultline.errors import ConfigError, ExtractionError
from faultline.models import Article, ExtractedBatch
from faultline.pipeline import ExtractionResults, PendingExtraction
from faultline.scale.work import extract_batch, prepare_worker, writer_side

# Articles per batch sent to a worker: enough for spaCy's and the embedder's batching, few
# enough that a dead worker loses little and progress moves.
POOL_BATCH = 32

_TRIES = 2  # runs of a batch (then of each article alone) before it counts as the killer

BatchFunction = Callable[[list[Article], int], ExtractedBatch]


class ProcessPool:
    """Extraction in ``workers`` processes; use as a context manager."""

    def __init__(
        self,
        workers: int,
        *,
        batch_size: int = POOL_BATCH,
        threads: int = 1,
        worker: BatchFunction = extract_batch,
    ) -> None:
        if workers < 1:
            raise ConfigError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.batch_size = batch_size
        self.window = 2 * workers  # one batch running and one waiting per worker
        self.threads = threads
        self.restarts = 0
        self._worker = worker  # what each batch runs (a test gives one that dies)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=prepare_worker,
            initargs=(self.threads,),
        )

    def submit(self, articles: list[Article]) -> PendingExtraction:
        return _PoolBatch(self, articles)

    def _run(self, articles: list[Article]) -> tuple[int, Future[ExtractedBatch]]:
        try:
            future = self._pool.submit(self._worker, articles, self.threads)
        except BrokenProcessPool:  # a worker died since the last batch went in
            self._restart(self.restarts)
            future = self._pool.submit(self._worker, articles, self.threads)
        return self.restarts, future

    def _restart(self, broken_generation: int) -> None:
        """Replace a broken pool, once however many of its batches report the break."""
        if broken_generation == self.restarts:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            self.restarts += 1

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _PoolBatch:
    """One batch in the pool; ``result`` resubmits it when its worker died."""

    def __init__(self, pool: ProcessPool, articles: list[Article]) -> None:
        self._pool = pool
        self._articles = articles
        self._generation, self._future = pool._run(articles)

    def result(self) -> ExtractionResults:
        for attempt in range(_TRIES):
            try:
                return writer_side(self._future.result())
            except BrokenProcessPool:
                self._pool._restart(self._generation)
                if attempt + 1 < _TRIES:
                    self._generation, self._future = self._pool._run(self._articles)
        return self._one_by_one()

    def _one_by_one(self) -> ExtractionResults:
        results: ExtractionResults = {}
        for article in self._articles:
            results.update(self._alone(article))
        return results

    def _alone(self, article: Article) -> ExtractionResults:
        # Twice, since another batch may be what broke the pool the first time.
        for _ in range(_TRIES):
            generation, future = self._pool._run([article])
            try:
                return writer_side(future.result())
            except BrokenProcessPool:
                self._pool._restart(generation)
        error = ExtractionError(
            "the worker process died while extracting this article (out of memory, or "
            "killed); the article was not stored",
            source=article.location,
        )
        return {article.id: error}
