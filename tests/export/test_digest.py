"""``store_digest``: content only, so two stores holding the same articles agree."""

from __future__ import annotations

from pathlib import Path

from faultline.export.digest import store_digest
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "link" / "corpus"
ARTICLES = [
    str(CORPUS / f"mangina-camp-attack-{o}.md") for o in ("beniecho", "kivumorning", "lakekivu")
]


def stored(url: str, *batches: list[str]):
    with Store.open(url) as store:
        for paths in batches:
            ingest(list_inputs(paths), store)
        return store_digest(store)


def test_the_same_articles_in_another_order_and_batching_give_the_same_digest(tmp_path):
    one = stored(f"sqlite:///{tmp_path / 'a.db'}", ARTICLES)
    other = stored(f"sqlite:///{tmp_path / 'b.db'}", [ARTICLES[2]], [ARTICLES[1], ARTICLES[0]])
    assert one == other
    assert one.articles == 3 and one.events > 3


def test_another_article_changes_the_digest(tmp_path):
    fewer = stored(f"sqlite:///{tmp_path / 'a.db'}", ARTICLES[:2])
    more = stored(f"sqlite:///{tmp_path / 'b.db'}", ARTICLES)
    assert fewer.events_sha256 != more.events_sha256
    assert fewer.incidents_sha256 != more.incidents_sha256
