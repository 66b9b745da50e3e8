"""The assembled events of the seeds: evidence points at the text, ids are stable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.events import extract_events

PUBLISHED = {"drc-us-minerals-2025.txt": dt.date(2025, 3, 10)}


@pytest.fixture(scope="module")
def seed_events(corpus_dir: Path):
    found = []
    for path in sorted((corpus_dir / "seeds").glob("*.txt")):
        found.extend(extract_events([str(path)], PUBLISHED.get(path.name)))
    return found


def test_every_evidence_span_points_at_its_text(seed_events):
    for article, events in seed_events:
        assert events, article.path
        for event in events:
            for evidence in event["evidence"]:
                assert article.text[evidence["start"] : evidence["end"]] == evidence["text"]
            for actor in event["actors"]:
                assert article.text[actor["start"] : actor["end"]] == actor["text"]
            if event["location"]:
                loc = event["location"]
                assert article.text[loc["start"] : loc["end"]] == loc["text"]
            if event["attribution"]:
                said = event["attribution"]
                span = said["evidence"]
                assert article.text[span["start"] : span["end"]] == said["speaker_text"]
            fields = {e["field"] for e in event["evidence"]}
            assert "event" in fields
            if event["date"]["method"] != "published_fallback":
                assert "date" in fields
            for name, value in event["counts"].items():
                if value is not None:
                    assert f"counts.{name}" in fields


def test_event_ids_are_stable_and_unique(seed_events, corpus_dir):
    again = extract_events([str(corpus_dir / "seeds" / "mali-coup-2012.txt")])
    first = next(
        events for article, events in seed_events if article.path.endswith("mali-coup-2012.txt")
    )
    assert [e["id"] for e in again[0][1]] == [e["id"] for e in first]
    ids = [e["id"] for _, events in seed_events for e in events]
    assert len(ids) == len(set(ids))


def test_country_level_events_never_carry_a_city_point(seed_events):
    for _, events in seed_events:
        for event in events:
            loc = event["location"]
            if loc and loc["precision"] in ("country", "region", "admin1"):
                assert loc["lat"] is None and loc["lon"] is None


@pytest.mark.parametrize(
    "quote",
    [
        '"They came at night and burned the houses," said Grace Mbala, a 41-year-old trader, '
        "who fled to Bunia.",
        '"We ran into the forest," said Jean Kasereka, a 33-year-old teacher, who fled to Beni.',
    ],
)
def test_two_triggers_in_one_clause_give_one_event(quote):
    """Regression (issue 8, found by the 2,000-article synthetic run): "said X, who fled to Y"
    gave two drafts with one clause, hence two events with one id, and the store refused the
    whole article."""
    from faultline.events.extract import extract_all
    from faultline.ingest.normalise import normalise
    from faultline.models import RawDocument

    text = (
        "Gunmen attacked the village of Mutwanga on Sunday, killing eleven people, local "
        f"officials said.\n\n{quote}\n\nThe army said it had sent reinforcements."
    )
    raw = RawDocument(path="t.txt", format="txt", text=text)
    [(_, extraction)] = extract_all([normalise(raw, published=dt.date(2024, 6, 3))])
    ids = [e.id for e in extraction.events]
    assert ids and len(ids) == len(set(ids))
