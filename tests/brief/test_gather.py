"""Gathering a brief from a store of hand-built events: what is counted, how deaths are
counted once per incident, what is ranked, pinned and cited."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.brief import gather_brief
from faultline.brief.gather import family_of
from faultline.minerals.exposure import exposure_series
from faultline.models import BriefData, SourceRef
from faultline.store import Store
from tests.brief.conftest import hand_reference

SINCE = dt.date(2024, 1, 1)


def gather(store: Store, iso3: str = "COD", since: dt.date | None = SINCE) -> BriefData:
    return gather_brief(
        store, iso3, name="Democratic Republic of the Congo", numeric="180", since=since,
        reference=hand_reference(), exposure=exposure_series, today=dt.date(2025, 1, 2),
    )  # fmt: skip


@pytest.fixture(scope="module")
def brief(hand_store: Store) -> BriefData:
    return gather(hand_store)


@pytest.mark.parametrize(
    ("event_type", "family"),
    [("ASSAULT", "violent"), ("COERCE", "coercive"), ("SANCTION", "coercive"),
     ("ACCUSE", "coercive"), ("AGREE", "cooperative"), ("AID", "cooperative")],
)  # fmt: skip
def test_type_families_follow_plover_quads(event_type, family):
    assert family_of(event_type) == family


def test_header_counts_the_countrys_events_in_the_period(brief: BriefData):
    h = brief.header
    # The Bamako arrests (Mali), the 1998 attack (background) and the undated accusation
    # (no date reaches 2024) are not the period's.
    assert set(h.events.events) == {
        "ev_coup_one", "ev_coup_two", "ev_rutshuru_shelling", "ev_cobalt_deal",
    }  # fmt: skip
    assert h.events.value == 4
    assert h.incidents.value == 3  # both coup reports are one incident
    assert (h.coups.value, set(h.coups.events)) == (1, {"ev_coup_one", "ev_coup_two"})
    assert (h.generated, h.since, h.until) == (dt.date(2025, 1, 2), SINCE, None)


def test_deaths_are_counted_once_per_incident_and_traced_to_the_reports(brief: BriefData):
    # Three and four dead in two reports of one coup: the incident's figure (4), not 7.
    killed = brief.header.killed
    assert killed.value == 4 + 12
    assert set(killed.events) == {"ev_coup_one", "ev_coup_two", "ev_rutshuru_shelling"}


def test_undated_events_are_counted_when_the_period_is_open(hand_store: Store):
    h = gather(hand_store, since=None).header
    assert "ev_rutshuru_accusation" in h.events.events
    assert h.undated.events == ("ev_rutshuru_accusation",)
    assert "ev_goma_1998" not in h.events.events  # background stays out


def test_timeline_bins_months_by_family_with_deaths(brief: BriefData):
    assert brief.timeline_unit == "month"
    by_label = {b.label: b for b in brief.timeline}
    assert (brief.timeline[0].label, brief.timeline[-1].label) == ("2024-01", "2024-11")
    may = by_label["2024-05"]
    assert may.violent == ("ev_coup_one", "ev_coup_two") and may.killed.value == 4
    assert by_label["2024-06"].cooperative == ("ev_cobalt_deal",)
    assert by_label["2024-11"].killed.events == ("ev_rutshuru_shelling",)
    assert not by_label["2024-08"].events


def test_key_events_rank_coups_then_deaths_and_cite_every_report(brief: BriefData):
    ranked = [(k.rank, k.event_type, k.place) for k in brief.key_events]
    assert ranked == [
        (1, "ASSAULT", "Kinshasa"),
        (2, "ASSAULT", "Rutshuru"),
        (3, "AGREE", "Kolwezi"),
    ]
    coup = brief.key_events[0]
    assert coup.sources == (SourceRef("event", "ev_coup_one"), SourceRef("event", "ev_coup_two"))
    assert coup.speaker == "Armed Forces of the DRC"
    assert coup.killed is not None and coup.killed.value == 4


def test_pins_carry_key_event_numbers_and_unlocated_events_are_not_pinned(hand_store: Store):
    brief = gather(hand_store, since=None)
    numbered = {p.number: (p.place, p.events) for p in brief.pins}
    assert numbered[1] == ("Kinshasa", ("ev_coup_one", "ev_coup_two"))
    assert numbered[2][0] == "Rutshuru"
    assert all(p.place != "Democratic Republic of the Congo" for p in brief.pins)
    assert brief.unpinned.events == ("ev_rutshuru_accusation",)


def test_coups_carry_leader_target_and_cline_match(brief: BriefData):
    (coup,) = brief.coups
    assert (coup.outcome, coup.leader, coup.target, coup.perpetrator) == (
        "attempted", "Christian Malanga", "Félix Tshisekedi", "dissident",
    )  # fmt: skip
    assert coup.date == dt.date(2024, 5, 19) and coup.place == "Kinshasa"
    assert coup.match is not None and coup.match.status == "new" and not coup.match.covered


def test_actors_are_counted_by_event_and_relations_cite_the_stating_event(brief: BriefData):
    actors = {a.name: a.events for a in brief.actors}
    assert actors["Christian Malanga"] == ("ev_coup_one",)
    assert actors["March 23 Movement"] == ("ev_rutshuru_shelling",)
    relations = {(r.subject, r.predicate, r.object): r for r in brief.relations}
    attack = relations[("Christian Malanga", "attacks", "Félix Tshisekedi")]
    assert attack.sources == (SourceRef("event", "ev_coup_one"),)
    deal = relations[("Consortium", "deals_with", "Gécamines")]
    assert deal.stakes == ("cobalt", "$4.5bn")


def test_minerals_shares_areas_named_minerals_and_deals(brief: BriefData):
    m = brief.minerals
    assert [line.share.row_id for line in m.shares] == [
        "share:cobalt:COD:2024", "share:tantalum:COD:2023", "share:copper:COD:2024",
        "share:gold:COD:2024",
    ]  # fmt: skip
    assert {p.admin1: p.rows for p in m.provinces}["Lualaba"] == (
        "area:cobalt:COD:Lualaba", "area:copper:COD:Lualaba",
    )  # fmt: skip
    assert {n.mineral: n.events for n in m.named} == {
        "tantalum": ("ev_rutshuru_shelling",), "cobalt": ("ev_cobalt_deal",),
    }  # fmt: skip
    (deal,) = m.deals
    assert (deal.deal.kind, deal.deal.money_usd, deal.mineral_names) == (
        "agreement", 4_500_000_000, ("Cobalt",),
    )  # fmt: skip


def test_exposure_of_the_top_minerals_with_their_largest_drivers(brief: BriefData):
    assert [x.mineral for x in brief.minerals.exposure] == ["cobalt", "tantalum", "copper"]
    tantalum = brief.minerals.exposure[1]
    assert tantalum.series.mineral == "tantalum" and tantalum.series.period == "month"
    assert tantalum.drivers and all(d.contribution > 0 for d in tantalum.drivers)
    contributions = [d.contribution for d in tantalum.drivers]
    assert contributions == sorted(contributions, reverse=True)


def test_every_cited_source_is_gathered_with_what_a_citation_lists(brief: BriefData):
    by_ref = {s.ref: s for s in brief.sources}
    palace = by_ref[SourceRef("event", "ev_coup_one")]
    assert (palace.title, palace.outlet, palace.published, palace.url) == (
        "Palace attack in Kinshasa", "Kinshasa Wire", "2024-05-20", "https://wire.example/palace",
    )  # fmt: skip
    assert palace.quote == "Gunmen loyal to Christian Malanga attacked the presidential palace"
    share = by_ref[SourceRef("reference", "share:cobalt:COD:2024")]
    assert (share.title, share.published) == ("USGS Mineral Commodity Summaries 2025", "2024")
    for key_event in brief.key_events:
        assert set(key_event.sources) <= set(by_ref)


def test_a_country_without_events_gathers_an_empty_brief(hand_store: Store):
    empty = gather(hand_store, "NER")
    assert empty.header.events.value == 0 and empty.header.events.events == ()
    assert empty.key_events == () and empty.timeline == () and empty.pins == ()
    assert empty.minerals.shares == ()
