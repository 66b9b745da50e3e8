"""A French report and an English report of one happening are one incident: types, dates,
places and entities are read into one vocabulary, whatever the language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from faultline.models import EventFilter
from faultline.pipeline import ReadOptions, ingest, list_inputs
from faultline.store import Store

FRENCH = Path(__file__).parents[1] / "corpus" / "fr"


@pytest.fixture(scope="module")
def store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("cross") / "cross.db"
    opened = Store.open(str(db))
    english = corpus_dir / "seeds" / "drc-coup-attempt-2024.txt"
    ingest(list_inputs([str(english)]), opened, ReadOptions(dt.date(2024, 5, 22)))
    french = FRENCH / "2024-05-19-kinshasa-attaque.txt"
    ingest(list_inputs([str(french)]), opened)
    opened.link()
    return opened


def test_the_french_report_of_the_kinshasa_attack_joins_the_english_incident(store: Store):
    window = EventFilter(countries=("COD",), since=dt.date(2024, 5, 19), until=dt.date(2024, 5, 19))
    attacks = [s for s in store.iter_events(window) if s.event.typing.event_type == "ASSAULT"]
    languages = {s.event.id: ("fr" if "kinshasa-attaque" in (s.article.path or "") else "en")
                 for s in attacks}  # fmt: skip
    assert set(languages.values()) == {"en", "fr"}, [s.event.summary for s in attacks]
    incident_of = dict(store.incident_memberships())
    shared = {
        incident_of[event_id]
        for event_id, language in languages.items()
        if language == "fr" and incident_of.get(event_id)
    } & {
        incident_of[event_id]
        for event_id, language in languages.items()
        if language == "en" and incident_of.get(event_id)
    }
    assert shared, {e: (languages[e], incident_of.get(e)) for e in languages}


def test_memberships_of_chosen_events_are_read_in_chunks(store: Store) -> None:
    everything = dict(store.incident_memberships())
    some = sorted(everything)[:3]
    unknown = [f"ev_{n:016x}" for n in range(2000)]  # more ids than one IN (...) list holds
    assert dict(store.incident_memberships([*unknown, *some])) == {e: everything[e] for e in some}
