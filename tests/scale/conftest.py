"""A small corpus of our own articles and the digest of its single-process ingest, which every
parallel run must reproduce exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.export.digest import store_digest
from faultline.models import StoreDigest
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "link" / "corpus"


@pytest.fixture(scope="session")
def corpus() -> list[str]:
    return sorted(str(p) for p in CORPUS.glob("*.md"))


@pytest.fixture(scope="session")
def baseline(corpus, tmp_path_factory) -> StoreDigest:
    """The corpus ingested in one process: what any runner must store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('baseline') / 'one.db'}"
    with Store.open(url) as store:
        summary = ingest(list_inputs(corpus), store)
        assert not summary.failed
        return store_digest(store)


def assert_stores_baseline_then_nothing(runner, corpus, baseline, db: Path) -> None:
    """A run through ``runner`` stores what one process stores; a rerun adds nothing."""
    with Store.open(str(db)) as store:
        summary = ingest(list_inputs(corpus), store, runner=runner)
        assert summary.count("new") == len(corpus) and not summary.failed
        assert store_digest(store) == baseline
        again = ingest(list_inputs(corpus), store, runner=runner)
        assert again.count("unchanged") == len(corpus)
        assert store_digest(store) == baseline
