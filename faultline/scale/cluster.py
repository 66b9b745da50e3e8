"""``faultline batch``: extraction on a Dask cluster, results stored here by one writer.

Input is cut into batches (one task per article would cost ~2 ms of scheduling each); each
batch is a task named after its articles, so submitting it twice runs it once. When a worker
dies mid-batch, the scheduler runs its tasks again on another worker (Dask's
``allowed-failures`` times); the writer stores a batch only when its result arrives, and
storing is idempotent, so nothing is lost or stored twice. A batch that keeps killing workers
comes back as a failure of each of its articles, reported like any other and not stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

from faultline.errors import ConfigError, ExtractionError
from faultline.events import EXTRACTOR
from faultline.models import Article, Extraction
from faultline.pipeline import ExtractionResults, PendingExtraction
from faultline.scale.work import extract_batch, writer_side

if TYPE_CHECKING:
    from distributed import Client, Future

# Articles per task: a task of 64 articles runs for seconds, so scheduling costs nothing.
DASK_BATCH = 64
CONNECT_TIMEOUT_S = 10


class DaskRunner:
    """Extraction as Dask tasks on the workers ``client`` is connected to."""

    def __init__(self, client: Client, *, batch_size: int = DASK_BATCH) -> None:
        self.client = client
        self.batch_size = batch_size
        threads = sum(client.nthreads().values()) or 1
        self.window = 2 * threads  # one batch running and one queued per worker thread

    def submit(self, articles: list[Article]) -> PendingExtraction:
        future = self.client.submit(extract_batch, articles, 1, key=_task_key(articles))
        return _DaskBatch(future, articles)


def _task_key(articles: list[Article]) -> str:
    ids = "\n".join(a.id for a in articles)
    return "faultline-extract-" + hashlib.sha256(ids.encode("ascii")).hexdigest()[:24]


class _DaskBatch:
    def __init__(self, future: Future, articles: list[Article]) -> None:
        self._future = future
        self._articles = articles

    def result(self) -> ExtractionResults:
        try:
            results = writer_side(self._future.result())
        except Exception as exc:  # KilledWorker, a lost scheduler: every article fails, named
            return {a.id: _lost(a, exc) for a in self._articles}
        finally:
            self._future.release()
        _check_versions(results)
        return results


def _lost(article: Article, exc: Exception) -> ExtractionError:
    return ExtractionError(
        f"the cluster could not extract this article's batch ({type(exc).__name__}: {exc}); "
        "it was not stored, and the next run picks it up",
        source=article.location,
    )


def _check_versions(results: ExtractionResults) -> None:
    """Workers with another Faultline version would store events the writer cannot tell
    apart from its own; refuse rather than mix them."""
    for found in results.values():
        if isinstance(found, Extraction) and found.extractor != EXTRACTOR:
            raise ConfigError(
                f"the Dask workers run {found.extractor}, this process {EXTRACTOR}: install the "
                "same Faultline version on every worker"
            )


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, local_workers: int | None = None) -> Iterator[Client]:
    """A client for the scheduler at ``scheduler``, or for a local cluster of
    ``local_workers`` single-threaded worker processes on 127.0.0.1 (no dashboard)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ConfigError(f"Dask distributed is not installed: {exc}") from exc
    if scheduler is None:
        if not local_workers or local_workers < 1:
            raise ConfigError("give --scheduler tcp://HOST:PORT or --local-cluster N (N ≥ 1)")
        cluster = LocalCluster(
            n_workers=local_workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        with cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError as exc:
            raise ConfigError(f"the Dask scheduler at {scheduler} has no workers") from exc
        yield client
