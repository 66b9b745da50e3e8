"""Reconciling reports' figures: one per article, range, conservative best estimate."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.link.reconcile import Member, count_line, reconcile_counts, summarise
from faultline.models import IncidentReport


def member(
    event_id: str,
    article_id: str,
    source: str | None,
    *,
    modality: str = "asserted",
    counts: dict[str, int] | None = None,
    location: str | None = "Beni",
    location_precision: str | None = "city",
    precision: str = "day",
    day: dt.date = dt.date(2025, 3, 14),
    ordinal: int = 0,
    event_type: str = "ASSAULT",
) -> Member:
    report = IncidentReport(
        event_id=event_id, article_id=article_id, source=source, title=None,
        published="2025-03-15", event_type=event_type, summary=f"summary of {event_id}",
        date_start=day, date_end=day, location=location, modality=modality,  # type: ignore[arg-type]
        speaker=None, background=False,
    )  # fmt: skip
    return Member(report, precision, "COD", location_precision, 0.49, 29.47, None, 0.9,
                  ordinal, counts or {})  # fmt: skip


def test_the_issue_example_range_best_and_reports() -> None:
    members = [
        member("e1", "a1", "wsws.org", counts={"killed": 6}),
        member("e2", "a2", "reuters.com", counts={"killed": 4}),
        member("e3", "a3", "bbc.com", counts={"killed": 3}),
        member("e4", "a4", "aljazeera.com", counts={"killed": 3}),
    ]
    [killed] = reconcile_counts(members)
    assert (killed.low, killed.high, killed.best) == (3, 6, 3)
    assert count_line(killed) == (
        "killed: 3–6 (best 3; 4 reports: 6 wsws.org, 4 reuters.com, 3 aljazeera.com, 3 bbc.com)"
    )


def test_an_article_restating_its_toll_counts_once_with_its_largest_figure() -> None:
    members = [
        member("e1", "a1", "lakekivu", counts={"killed": 2}),
        member("e2", "a1", "lakekivu", counts={"killed": 4}),
        member("e3", "a2", "radio", counts={"killed": 4}),
    ]
    [killed] = reconcile_counts(members)
    assert [(r.article_id, r.value, r.event_id) for r in killed.reports] == [
        ("a1", 4, "e2"),
        ("a2", 4, "e3"),
    ]
    assert not killed.conflicting


@pytest.mark.parametrize(
    ("modalities", "best"),
    [
        pytest.param(("asserted", "claimed"), 50, id="own-voice-beats-a-lower-claim"),
        pytest.param(("claimed", "claimed"), 40, id="all-claims-lowest-claim"),
        pytest.param(("hedged", "asserted"), 40, id="hedged-is-own-voice"),
    ],
)
def test_best_estimate_prefers_the_outlets_own_voice(
    modalities: tuple[str, str], best: int
) -> None:
    members = [
        member("e1", "a1", "one", modality=modalities[0], counts={"arrested": 50}),
        member("e2", "a2", "two", modality=modalities[1], counts={"arrested": 40}),
    ]
    [arrested] = reconcile_counts(members)
    assert arrested.best == best
    assert (arrested.low, arrested.high) == (40, 50)


def test_summary_takes_the_most_precise_date_and_place_and_the_lead() -> None:
    members = [
        member(
            "e1",
            "a1",
            "one",
            location="North Kivu",
            location_precision="admin1",
            precision="month",
            day=dt.date(2025, 3, 1),
            ordinal=0,
        ),
        member("e2", "a2", "two", ordinal=3),
        member("e3", "a3", "two", ordinal=1, event_type="COERCE"),
    ]
    found = summarise(members)
    assert (found.location, found.location_precision) == ("Beni", "city")
    assert (found.date_start, found.date_precision) == (dt.date(2025, 3, 14), "day")
    assert found.event_type == "ASSAULT"
    assert (found.events, found.articles, found.sources) == (3, 3, 2)
    assert found.summary == "summary of e1"  # the lead of its article, in its own voice
