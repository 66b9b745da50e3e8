"""The seed resolutions the gold file and issue name: places, dates and counts, end to end."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions import mentions_of
from faultline.models import Mentions, RawDocument

PUBLISHED = {"drc-us-minerals-2025.txt": dt.date(2025, 3, 10)}


@pytest.fixture(scope="module")
def seed_mentions(corpus_dir: Path) -> dict[str, Mentions]:
    articles = []
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        articles.append(normalise(raw, published=PUBLISHED.get(path.name)))
    return {article.path: found for article, found in mentions_of(articles)}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def gold_places(corpus_dir_path: Path) -> list:
    gold = corpus_dir_path / "gold" / "seeds.json"
    if not gold.exists():
        return []
    found = {}
    for article in json.loads(gold.read_text(encoding="utf-8"))["articles"]:
        for fact in article["facts"]:
            if "place" in fact:
                found[(article["file"], fact["place"]["name"])] = fact["place"]
    return [pytest.param(f, p, id=f"{f}:{n}") for (f, n), p in sorted(found.items())]


GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.parametrize(("file", "place"), gold_places(GOLD_DIR))
def test_gold_places_resolve_within_25_km(seed_mentions, file, place):
    points = [p for p in seed_mentions[file].places if p.lat is not None]
    near = [p for p in points if km(p.lat, p.lon, place["lat"], place["lon"]) <= 25]
    assert near, f"{place['name']} not found; places: {[(p.text, p.name) for p in points]}"
    assert all(p.country == place["country"] for p in near)
    assert all(p.precision in ("city", "point") for p in near)


@pytest.mark.parametrize(
    ("file", "day"),
    [
        pytest.param("drc-coup-attempt-2024.txt", "2024-05-19", id="early-sunday-morning"),
        pytest.param("mali-coup-2012.txt", "2012-03-22", id="thursday-morning"),
        pytest.param("mali-coup-2012.txt", "2011-11-24", id="november-24-previous-year"),
        pytest.param("mali-coup-2012.txt", "2011-10-15", id="october-15-previous-year"),
        pytest.param("drc-us-minerals-2025.txt", "2025-02-20", id="february-20"),
    ],
)
def test_gold_days_resolve(seed_mentions, file, day):
    days = [t for t in seed_mentions[file].times if t.precision == "day"]
    assert any(t.start and t.start.isoformat() == day for t in days), [
        (t.text, t.start) for t in seed_mentions[file].times
    ]


@pytest.mark.parametrize(
    ("file", "category", "value"),
    [
        pytest.param("drc-coup-attempt-2024.txt", "killed", 2, id="two-guards-killed"),
        pytest.param("drc-coup-attempt-2024.txt", "killed", 4, id="malanga-and-three-others"),
        pytest.param("drc-coup-attempt-2024.txt", "arrested", 50, id="some-50-arrested"),
        pytest.param("drc-coup-attempt-2024.txt", "displaced", 6_900_000, id="6.9m-displaced"),
        pytest.param("drc-coup-attempt-2024.txt", "money", 3e9, id="3-billion"),
        pytest.param("drc-coup-attempt-2024.txt", "money", 6e9, id="6-billion"),
        pytest.param("mali-coup-2012.txt", "killed", 40, id="forty-dead"),
        pytest.param("mali-coup-2012.txt", "displaced", 206_000, id="206000-displaced"),
    ],
)
def test_gold_counts_resolve(seed_mentions, file, category, value):
    found = [q.value for q in seed_mentions[file].quantities if q.category == category]
    assert value in found, (category, found)


def test_fifteen_guards_are_not_killed(seed_mentions):
    killed = [
        q.value
        for q in seed_mentions["drc-coup-attempt-2024.txt"].quantities
        if q.category == "killed"
    ]
    assert 15 not in killed


def test_every_mention_span_matches_its_text(seed_mentions, corpus_dir):
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        raw = RawDocument(path=path.name, format="txt", text=path.read_text(encoding="utf-8"))
        text = normalise(raw, published=PUBLISHED.get(path.name)).text
        found = seed_mentions[path.name]
        for mention in (*found.actors, *found.places, *found.times, *found.quantities):
            assert text[mention.span.start : mention.span.end] == mention.text
