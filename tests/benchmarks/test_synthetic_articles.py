"""The synthetic article generator (``benchmarks/synthetic_articles.py``): deterministic, varied
texts that ingest cleanly and give the extractor events of several kinds."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from faultline.events.extract import extract_all
from faultline.ingest.normalise import normalise
from faultline.ingest.readers import read_jsonl
from faultline.models import RawDocument

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from synthetic_articles import ArticleGenerator, generate, main, write_jsonl  # noqa: E402

FIELDS = {"text", "title", "author", "published", "url", "source"}
SITE_LINES = ("Read more:", "Related coverage:", "Subscribe", "Sign up", "Share this", "©")
SENTENCE_END = re.compile(r"[.!?][\"”]?(?=\s|$)")


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    return list(generate(2_000, seed=0))


def _raw(records: list[dict[str, str]]) -> Iterator[RawDocument]:
    lines = (json.dumps(record).encode("utf-8") + b"\n" for record in records)
    for found in read_jsonl(lines, "synthetic.jsonl"):
        assert isinstance(found, RawDocument), found
        yield found


def test_same_seed_same_records_other_seed_other_records(records):
    assert list(generate(200, seed=0)) == records[:200]
    other = list(generate(200, seed=1))
    assert not {r["text"] for r in other} & {r["text"] for r in records[:200]}


def test_records_are_unique_and_well_formed(records):
    assert len({r["text"] for r in records}) == len(records)
    assert len({r["url"] for r in records}) == len(records)
    assert len({r["source"] for r in records}) >= 10
    years = set()
    for record in records:
        assert set(record) == FIELDS and all(isinstance(v, str) and v for v in record.values())
        published = dt.date.fromisoformat(record["published"])
        assert dt.date(2000, 1, 1) <= published <= dt.date(2025, 12, 31)
        years.add(published.year)
        body = " ".join(p for p in record["text"].split("\n\n") if not p.startswith(SITE_LINES))
        assert 5 <= len(SENTENCE_END.findall(body)) <= 12, body
        assert 120 <= len(body.split()) <= 350, body
    assert len(years) == 26


def test_variety_of_wording(records):
    texts = "\n".join(r["text"] for r in records)
    for needle in ("at least", "dozens", "according to", "said", "Read more:", "It is not the"):
        assert needle in texts, needle
    assert re.search(r"\b(on|early|late on) (Monday|Tuesday|Wednesday|Thursday|Friday)", texts)
    assert re.search(r"\b(twenty|thirty|forty|fifty|sixty)(-\w+)? (civilians|people)", texts)
    for word in ("coup", "mutinied", "sanctions", "cobalt", "protested", "ceasefire", "fled"):
        assert word in texts, word


def test_a_share_of_articles_are_second_reports():
    generator = ArticleGenerator(seed=3)
    for _ in generator.records(1_000):
        pass
    assert 0.08 <= generator.second_reports / generator.articles <= 0.17


def test_records_ingest_without_errors(records):
    for raw in _raw(records[:300]):
        article = normalise(raw)
        assert article.text.strip() and article.published.iso == raw.published_hint


def test_write_jsonl_streams_every_record(tmp_path, capsys):
    path = tmp_path / "articles.jsonl"
    assert write_jsonl(path, 50, seed=0) == 50
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(generate(50, seed=0))
    main(["--articles", "20", "--out", str(tmp_path / "cli.jsonl"), "--seed", "2"])
    assert "wrote 20 articles" in capsys.readouterr().out


def test_extracted_events_have_several_types_counts_and_attribution(records):
    articles = [normalise(raw) for raw in _raw(records[:15])]
    events = [event for _, extraction in extract_all(articles) for event in extraction.events]
    assert len({event.typing.event_type for event in events}) >= 4
    assert any(event.counts.killed for event in events)
    assert any(event.modality == "claimed" and event.attribution for event in events)
