"""The exposure index on hand-computed cases: the worked example of faultline/minerals/README.md,
exclusions, one count per incident, periods, and the store wrapper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator

import pytest

from faultline.errors import ConfigError
from faultline.minerals.exposure import compute_exposure, exposure_series, period_of
from faultline.minerals.reference import MineralReference
from faultline.models import Event, EventFilter, EventSort, StoredEvent
from tests.minerals.exposure_cases import REFERENCE, make_event

COD_SHARE = 0.74


def cobalt(events, incident_of=None, **kwargs):
    return compute_exposure(events, incident_of or {}, REFERENCE, "cobalt", **kwargs)


# --- The worked example (README.md and the module docstring) --------------------------------

COUP = make_event("ev_coup", killed=2, coup="attempted", modality="claimed")
COUP_AGAIN = make_event("ev_coup_again", killed=1, coup="attempted", modality="hedged")
PROTEST = make_event("ev_protest", event_type="PROTEST", admin1="Lualaba", place="Kolwezi")
CLASH = make_event("ev_goma", killed=12, admin1="Nord-Kivu", place="Goma")
TALKS = make_event("ev_talks", event_type="CONSULT")
WORKED = (COUP, COUP_AGAIN, PROTEST, CLASH, TALKS)
SAME_INCIDENT = {"ev_coup": "in_coup", "ev_coup_again": "in_coup"}


def test_worked_example_month_value():
    series = cobalt(WORKED, SAME_INCIDENT)
    (point,) = series.points
    # 4.0986 x 0.74 + 0.2 x 0.74 + 3.5649 x 0.74 x 0.5
    assert point.value == pytest.approx(4.500004356, abs=1e-9)
    assert (point.period, point.events, point.killed) == ("2024-05", 3, 14)
    assert (point.start, point.end) == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))


def test_worked_example_drivers_carry_every_factor():
    drivers = {d.event_id: d for d in cobalt(WORKED, SAME_INCIDENT).drivers}
    assert set(drivers) == {"ev_coup", "ev_coup_again", "ev_protest", "ev_goma"}
    coup = drivers["ev_coup"]
    assert coup.severity == pytest.approx(4.098612289)
    assert (coup.share, coup.share_row) == (COD_SHARE, "share:cobalt:COD:2024")
    assert (coup.locality, coup.locality_reason, coup.modality_weight) == (
        1.0,
        "coup: national",
        1.0,
    )
    assert coup.contribution == pytest.approx(3.032973094)
    assert (coup.coup, coup.killed, coup.incident_id) == ("attempted", 2, "in_coup")
    goma = drivers["ev_goma"]
    assert (goma.locality, goma.locality_reason) == (0.5, "elsewhere in COD")
    assert goma.contribution == pytest.approx(1.319031262)
    protest = drivers["ev_protest"]
    assert protest.area_row == "area:cobalt:COD:Lualaba"
    assert protest.contribution == pytest.approx(0.148)


def test_drivers_sorted_by_period_then_contribution():
    late = make_event("ev_june", day=dt.date(2024, 6, 2), killed=50)
    drivers = cobalt((*WORKED, late), SAME_INCIDENT).drivers
    assert [d.event_id for d in drivers] == [
        "ev_coup",
        "ev_goma",
        "ev_protest",
        "ev_coup_again",
        "ev_june",
    ]


# --- Candidates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        pytest.param(make_event(background=True), id="background"),
        pytest.param(make_event(modality="negated"), id="negated"),
        pytest.param(make_event(modality="hypothetical"), id="hypothetical"),
        pytest.param(make_event(modality="planned"), id="planned"),
        pytest.param(make_event(modality="proposed"), id="proposed"),
        pytest.param(make_event(modality="threatened"), id="threatened"),
        pytest.param(make_event(day=None), id="no date"),
        pytest.param(make_event(place=None), id="no location"),
        pytest.param(make_event(country=None, admin1=None), id="location without a country"),
        pytest.param(make_event(country="RWA", admin1=None), id="country with no cobalt share"),
        pytest.param(make_event(event_type="CONSULT"), id="severity 0"),
        pytest.param(make_event(event_type="COOPERATE", killed=3), id="type 0, deaths no matter"),
    ],
)
def test_not_a_driver(event: Event):
    series = cobalt([event], since=dt.date(2024, 5, 1), until=dt.date(2024, 5, 31))
    assert series.drivers == ()
    assert [(p.value, p.events) for p in series.points] == [(0.0, 0)]


def test_event_before_since_is_left_to_the_earlier_window():
    # The store selects events whose date *range* reaches ``since``; the index counts an event
    # in the period of its start, so one that started earlier is not counted.
    series = cobalt([make_event(day=dt.date(2024, 4, 30))], since=dt.date(2024, 5, 1))
    assert series.drivers == ()


def test_hedged_report_counts_half():
    (driver,) = cobalt([make_event(modality="hedged")]).drivers
    assert driver.contribution == pytest.approx(1.0 * COD_SHARE * 0.5 * 0.5)


def test_other_producer_uses_its_own_share():
    (driver,) = cobalt(
        [make_event(country="IDN", admin1="Sulawesi Tengah", place="Morowali")]
    ).drivers
    assert (driver.share_row, driver.locality_reason) == (
        "share:cobalt:IDN:2024",
        "elsewhere in IDN",
    )
    assert driver.contribution == pytest.approx(0.10 * 0.5)


# --- One count per incident ----------------------------------------------------------------


def test_two_reports_of_one_incident_count_once_the_larger():
    small = make_event("ev_a", killed=1)
    large = make_event("ev_b", killed=9)
    series = cobalt([small, large], {"ev_a": "in_1", "ev_b": "in_1"})
    drivers = {d.event_id: d for d in series.drivers}
    assert drivers["ev_b"].counted_as is None
    assert drivers["ev_b"].contribution == pytest.approx((1 + 2.302585093) * COD_SHARE * 0.5)
    assert (drivers["ev_a"].contribution, drivers["ev_a"].counted_as) == (0.0, "ev_b")
    (point,) = series.points
    assert (point.value, point.events, point.killed) == (drivers["ev_b"].contribution, 1, 9)


def test_events_without_an_incident_or_in_different_ones_each_count():
    events = [make_event("ev_a"), make_event("ev_b"), make_event("ev_c")]
    series = cobalt(events, {"ev_a": "in_1", "ev_b": "in_2", "ev_c": None})
    assert series.points[0].events == 3
    assert all(d.counted_as is None for d in series.drivers)


def test_other_report_in_a_later_month_adds_nothing_there():
    first = make_event("ev_may", killed=4)
    later = make_event("ev_june", killed=1, day=dt.date(2024, 6, 3))
    series = cobalt([first, later], {"ev_may": "in_1", "ev_june": "in_1"})
    assert [(p.period, p.events) for p in series.points] == [("2024-05", 1), ("2024-06", 0)]
    assert series.points[1].value == 0.0


def test_equal_reports_count_the_earliest():
    series = cobalt(
        [make_event("ev_z", day=dt.date(2024, 5, 1)), make_event("ev_y", day=dt.date(2024, 5, 2))],
        {"ev_z": "in_1", "ev_y": "in_1"},
    )
    assert {d.event_id: d.counted_as for d in series.drivers} == {"ev_z": None, "ev_y": "ev_z"}


# --- Periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period", "label"),
    [
        (dt.date(2024, 5, 19), "month", "2024-05"),
        (dt.date(2024, 5, 19), "quarter", "2024-Q2"),
        (dt.date(2024, 5, 19), "year", "2024"),
        (dt.date(2025, 1, 1), "quarter", "2025-Q1"),
        (dt.date(2024, 12, 31), "quarter", "2024-Q4"),
        (dt.date(2024, 12, 31), "month", "2024-12"),
    ],
)
def test_period_label(day, period, label):
    assert period_of(day, period) == label


def test_quiet_months_are_filled_with_zeros():
    events = [
        make_event("ev_jan", day=dt.date(2024, 1, 9)),
        make_event("ev_apr", day=dt.date(2024, 4, 2)),
    ]
    series = cobalt(events)
    assert [p.period for p in series.points] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [p.events for p in series.points] == [1, 0, 0, 1]
    assert series.points[1].value == 0.0


def test_window_extends_points_beyond_the_drivers():
    series = cobalt([make_event()], since=dt.date(2024, 3, 15), until=dt.date(2024, 7, 1))
    assert [p.period for p in series.points] == [
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
        "2024-07",
    ]


def test_quarters_and_years_sum_their_months():
    events = [
        make_event("ev_apr", day=dt.date(2024, 4, 2)),
        make_event("ev_jun", day=dt.date(2024, 6, 30), killed=3),
        make_event("ev_nov", day=dt.date(2024, 11, 5)),
    ]
    quarters = cobalt(events, period="quarter")
    assert [(p.period, p.events, p.killed) for p in quarters.points] == [
        ("2024-Q2", 2, 3),
        ("2024-Q3", 0, 0),
        ("2024-Q4", 1, 0),
    ]
    assert (quarters.points[1].start, quarters.points[1].end) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 9, 30),
    )
    (year,) = cobalt(events, period="year").points
    assert year.period == "2024"
    assert year.value == pytest.approx(sum(p.value for p in quarters.points))


def test_no_events_and_no_window_has_no_points():
    assert cobalt([]).points == ()


def test_window_without_events_is_all_zeros():
    series = cobalt([], since=dt.date(2024, 11, 20), until=dt.date(2025, 2, 1), period="month")
    assert [(p.period, p.value) for p in series.points] == [
        ("2024-11", 0.0),
        ("2024-12", 0.0),
        ("2025-01", 0.0),
        ("2025-02", 0.0),
    ]


# --- Arguments -------------------------------------------------------------------------------


def test_mineral_by_alias_and_shares_used():
    series = compute_exposure([], {}, REFERENCE, "Coltan")
    assert series.mineral == "tantalum"
    assert [row.row_id for row in cobalt([]).shares] == [
        "share:cobalt:COD:2024",
        "share:cobalt:IDN:2024",
    ]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"mineral": "unobtainium"}, "unobtainium"),
        ({"period": "week"}, "unknown period 'week'"),
        ({"since": dt.date(2024, 6, 1), "until": dt.date(2024, 5, 1)}, "is after"),
    ],
)
def test_bad_arguments_are_config_errors(kwargs, words):
    mineral = kwargs.pop("mineral", "cobalt")
    with pytest.raises(ConfigError, match=words) as caught:
        compute_exposure([], {}, REFERENCE, mineral, **kwargs)
    assert caught.value.code == "E301"


# --- The store wrapper -----------------------------------------------------------------------


class FakeStore:
    """What ``exposure_series`` asks of a store: filtered events and incident memberships."""

    def __init__(self, events: list[Event], memberships: list[tuple[str, str | None]]) -> None:
        self.events = events
        self.memberships = memberships
        self.filters: list[EventFilter] = []

    def iter_events(self, flt: EventFilter, *, sort: EventSort = "date") -> Iterator[StoredEvent]:
        self.filters.append(flt)
        return iter(StoredEvent(e, None) for e in self.events)  # type: ignore[arg-type]

    def incident_memberships(
        self, event_ids: Collection[str] | None = None
    ) -> Iterator[tuple[str, str | None]]:
        return iter(m for m in self.memberships if event_ids is None or m[0] in event_ids)


def test_exposure_series_asks_the_store_for_producing_countries_in_the_window():
    store = FakeStore(
        [COUP, COUP_AGAIN, PROTEST, CLASH, TALKS],
        [("ev_coup", "in_coup"), ("ev_coup_again", "in_coup"), ("ev_elsewhere", "in_x")],
    )
    since, until = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    series = exposure_series(
        store, "cobalt", since=since, until=until, period="quarter", reference=REFERENCE
    )
    assert store.filters == [EventFilter(countries=("COD", "IDN"), since=since, until=until)]
    q2 = next(p for p in series.points if p.period == "2024-Q2")
    assert q2.value == pytest.approx(4.500004356, abs=1e-9)
    assert [p.period for p in series.points] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]


def test_exposure_series_of_a_mineral_with_no_share_reads_no_events():
    reference = MineralReference(minerals=REFERENCE.minerals, shares=(), areas=())
    store = FakeStore([COUP], [])
    series = exposure_series(store, "cobalt", reference=reference)
    assert (store.filters, series.drivers, series.points) == ([], (), ())


# --- One country's part ------------------------------------------------------------------------


def test_one_countrys_part_counts_its_events_and_share_only():
    morowali = make_event(
        "ev_morowali", country="IDN", admin1="Sulawesi Tengah", place="Morowali", killed=6
    )
    kinshasa = make_event("ev_kinshasa")
    events = [kinshasa, morowali]
    world = compute_exposure(events, {}, REFERENCE, "cobalt")
    cod = compute_exposure(events, {}, REFERENCE, "cobalt", country="cod")
    assert [d.event_id for d in cod.drivers] == ["ev_kinshasa"]
    assert [r.country for r in cod.shares] == ["COD"] and cod.country == "COD"
    # Kinshasa: 1.0 severity x 0.74 share x 0.5 elsewhere; Morowali: (1 + ln 7) x 0.10 x 0.5.
    assert cod.points[0].value == pytest.approx(0.37)
    assert world.points[0].value == pytest.approx(0.37 + 2.945910149 * 0.10 * 0.5)
    assert world.country is None


def test_exposure_series_of_one_country_asks_the_store_for_that_country_only():
    store = FakeStore([COUP], [])
    exposure_series(store, "cobalt", reference=REFERENCE, country="IDN")
    assert store.filters == [EventFilter(countries=("IDN",))]
    store = FakeStore([COUP], [])
    series = exposure_series(store, "cobalt", reference=REFERENCE, country="MLI")
    assert (store.filters, series.drivers, series.shares) == ([], (), ())
