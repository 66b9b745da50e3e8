"""The pair rule: which two reports are one happening, and which are two."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from faultline.link.rules import LINK_THRESHOLD, LinkActor, LinkEvent, decide, search_window

ADF = LinkActor("actor", "grp_adf", "Allied Democratic Forces", "rebel")
M23 = LinkActor("actor", "grp_m23", "March 23 Movement", "rebel")
ARMY = LinkActor("recipient", "mil_COD", "Armed Forces of the DRC", "military")
ARMY_UNNAMED = LinkActor("recipient", None, "soldiers", "military")
MBUYI = LinkActor("actor", "ent_1", "Col. Mbuyi", "person")
MBUYI_FULL = LinkActor("actor", "ent_2", "Jean-Pierre Mbuyi Kalala", "person")
# Beni and Oicha are ~27 km apart; Butembo ~50 km from Beni.
BENI = {"place_id": "pl_beni", "lat": 0.4911, "lon": 29.4731, "admin1": "Nord-Kivu"}
BENI_TWIN = {"place_id": "pl_beni2", "lat": 0.4950, "lon": 29.4700, "admin1": "Nord-Kivu"}
OICHA = {"place_id": "pl_oicha", "lat": 0.7000, "lon": 29.5167, "admin1": "Nord-Kivu"}
BUTEMBO = {"place_id": "pl_butembo", "lat": 0.1420, "lon": 29.2910, "admin1": "Nord-Kivu"}
PARAPHRASE = np.array([1.0, 0.0, 0.0], dtype=np.float32)
SIMILAR = np.array([0.8, 0.6, 0.0], dtype=np.float32)  # cosine 0.8 with PARAPHRASE
UNRELATED = np.array([0.0, 0.0, 1.0], dtype=np.float32)


def report(
    event_id: str = "ev_a",
    *,
    event_type: str = "ASSAULT",
    day: dt.date = dt.date(2025, 3, 14),
    end: dt.date | None = None,
    precision: str = "day",
    place: dict[str, object] | None = None,
    location_precision: str | None = "city",
    country: str | None = "COD",
    actors: tuple[LinkActor, ...] = (ADF, ARMY),
    modality: str = "asserted",
    coup: str | None = None,
    vector: np.ndarray | None = PARAPHRASE,
    article_id: str = "ar_1",
) -> LinkEvent:
    where = BENI if place is None else place
    return LinkEvent(
        id=event_id,
        article_id=article_id,
        event_type=event_type,
        coup=coup,
        modality=modality,
        date_start=day,
        date_end=end or day,
        date_precision=precision,
        country=country,
        admin1=where.get("admin1"),  # type: ignore[arg-type]
        place_id=where.get("place_id") if location_precision else None,  # type: ignore[arg-type]
        location_precision=location_precision,
        lat=where.get("lat") if location_precision in ("city", "point") else None,  # type: ignore[arg-type]
        lon=where.get("lon") if location_precision in ("city", "point") else None,  # type: ignore[arg-type]
        actors=actors,
        vector=vector,
    )


OTHER = {"event_id": "ev_b", "article_id": "ar_2"}


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(report(**OTHER), id="same-day-same-town"),
        pytest.param(report(**OTHER, day=dt.date(2025, 3, 15)), id="a-day-later"),
        pytest.param(report(**OTHER, place=BENI_TWIN), id="gazetteer-twin-4km"),
        pytest.param(report(**OTHER, actors=(ARMY,)), id="perpetrator-unnamed"),
        pytest.param(
            report(
                **OTHER,
                place={"admin1": "Nord-Kivu", "place_id": "pl_nk"},
                location_precision="admin1",
            ),
            id="province-only-report",
        ),
        pytest.param(report(**OTHER, modality="claimed"), id="army-claim"),
        pytest.param(
            report(**OTHER, event_type="PROTEST", actors=(), vector=SIMILAR),
            id="protest-turned-clash",
        ),
        pytest.param(report(**OTHER, event_type="COERCE"), id="raid-read-as-coercion"),
        pytest.param(
            report(**OTHER, day=dt.date(2025, 3, 10), end=dt.date(2025, 3, 16), precision="week"),
            id="this-week",
        ),
    ],
)
def test_reports_of_one_happening_link(other: LinkEvent) -> None:
    found = decide(report(), other)
    assert found is not None and found.score >= LINK_THRESHOLD
    assert found == decide(other, report())  # symmetric


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(report(**OTHER, actors=(M23, ARMY)), id="different-armed-group"),
        pytest.param(report(**OTHER, day=dt.date(2025, 3, 17)), id="three-days-later"),
        pytest.param(report(**OTHER, place=BUTEMBO), id="town-50km-away"),
        pytest.param(report(**OTHER, place=OICHA, vector=UNRELATED, actors=(ARMY,)), id="oicha"),
        pytest.param(report(**OTHER, country="UGA"), id="other-country"),
        pytest.param(report(**OTHER, event_type="SANCTION"), id="a-sanction"),
        pytest.param(
            report(**OTHER, event_type="PROTEST", actors=(), vector=UNRELATED), id="a-protest"
        ),
        pytest.param(report(**OTHER, day=dt.date(2025, 3, 16)), id="two-days-later"),
        pytest.param(report(**OTHER, modality="threatened"), id="only-threatened"),
        pytest.param(report(**OTHER, modality="negated"), id="denied"),
        pytest.param(
            report(
                **OTHER,
                day=dt.date(2025, 1, 1),
                end=dt.date(2025, 12, 31),
                precision="year",
                vector=UNRELATED,
                actors=(ARMY,),
            ),
            id="some-time-that-year",
        ),
        pytest.param(
            report(**OTHER, location_precision=None, vector=UNRELATED, actors=()),
            id="nowhere-nobody-unlike",
        ),
    ],
)
def test_different_happenings_do_not_link(other: LinkEvent) -> None:
    assert decide(report(), other) is None
    assert decide(other, report()) is None


def test_spelling_variants_of_a_perpetrator_do_not_conflict() -> None:
    first = report(actors=(MBUYI_FULL, ARMY), vector=SIMILAR)
    second = report(**OTHER, actors=(MBUYI, ARMY), vector=SIMILAR)
    assert decide(first, second) is not None


def test_two_coups_link_across_types() -> None:
    seized = report(event_type="COERCE", coup="successful", place={}, location_precision="country")
    attacked = report(**OTHER, event_type="ASSAULT", coup="successful")
    assert decide(seized, attacked) is not None


def test_search_window_covers_the_date_gate() -> None:
    low, high = search_window(report())
    assert (low, high) == (dt.date(2025, 3, 13), dt.date(2025, 3, 15))


def test_an_event_placed_nowhere_links_only_through_a_shared_actor() -> None:
    nowhere = report(**OTHER, country=None, location_precision=None)
    assert decide(report(), nowhere) is not None  # ADF and the army in both
    assert decide(report(), replace(nowhere, actors=(ARMY_UNNAMED,))) is None


def test_undated_events_never_link() -> None:
    undated = replace(report(**OTHER), date_start=None, date_end=None)
    assert not undated.linkable
    assert decide(report(), undated) is None
