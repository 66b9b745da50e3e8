"""The exposure index: how much of a mineral's world supply the stored events put at stake,
period by period, with every event that drives it.

For one mineral and one period (month, quarter or year)::

    exposure = Σ contribution(e), over the events e counted in the period (one per incident)
    contribution(e) = severity(e) × share(e) × locality(e) × modality_weight(e)
    severity(e) = TYPE_WEIGHT[type] × (1 + ln(1 + killed)) + COUP_WEIGHT[coup outcome]

- Candidates: stored events in a country with a production share of the mineral, dated
  (their start date, which decides their period, inside ``[since, until]``), located in a
  country, not background, and stated as asserted, claimed or hedged (planned, proposed,
  threatened, hypothetical and negated events did not happen).
- TYPE_WEIGHT: ASSAULT 1.0, COERCE 0.5, MOBILIZE 0.3, SANCTION 0.3, THREATEN 0.2, PROTEST 0.2,
  every other PLOVER type 0. COUP_WEIGHT: successful 3.0, attempted 2.0, plot 1.0, none 0.
  An event of severity 0 contributes nothing and is not listed.
- share: the country's fraction of world mine production in the latest reference year.
- locality: 1.0 in a producing province (or placed only in a region that covers one: "the
  Kivus"), for an event that names the mineral, or for a coup ("coup: national"); 0.5
  elsewhere in the country.
- modality_weight: asserted 1.0, claimed 1.0, hedged 0.5.
- Reports of one incident count once: the one with the largest contribution; the others are
  listed with contribution 0 and ``counted_as`` naming the one counted.

Worked example (cobalt, DRC share 0.74, May 2024)::

    event                                       severity                  loc.  mod.  contribution
    coup attempt, Kinshasa, 2 killed, claimed   1.0×(1+ln 3)+2 = 4.0986   1.0   1.0   3.0330
    same incident, 1 killed, hedged             1.0×(1+ln 2)+2 = 3.6931   1.0   0.5   0 (1.3665)
    protest in Kolwezi (Lualaba), no dead       0.2×(1+ln 1)   = 0.2      1.0   1.0   0.1480
    clash in Goma (Nord-Kivu), 12 killed        1.0×(1+ln 13)  = 3.5649   0.5   1.0   1.3190
    talks in Kinshasa (CONSULT)                 0: not a driver

exposure(2024-05) = 3.0330 + 0.1480 + 1.3190 = 4.5000, from 3 counted events. Nothing is rounded
here; the CLI rounds for display. ``faultline/minerals/README.md`` explains the choices.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, get_args

from faultline.errors import ConfigError
from faultline.minerals.reference import MineralReference, load_reference
from faultline.minerals.severity import killed, locality, modality_weight, severity
from faultline.models import (
    Event,
    EventFilter,
    ExposureDriver,
    ExposurePeriod,
    ExposurePoint,
    ExposureSeries,
)

if TYPE_CHECKING:
    from faultline.store import Store

__all__ = [
    "FORMULA",
    "PERIODS",
    "compute_exposure",
    "count_once_per_incident",
    "exposure_series",
    "period_of",
]

PERIODS: tuple[ExposurePeriod, ...] = get_args(ExposurePeriod)
FORMULA = (
    "exposure = Σ severity × share × locality × modality, one event per incident; "
    "severity = type weight × (1 + ln(1 + killed)) + coup weight "
    "(ASSAULT 1, COERCE 0.5, MOBILIZE/SANCTION 0.3, THREATEN/PROTEST 0.2, other 0; "
    "coup successful 3, attempted 2, plot 1); locality 1 in a producing province or region, "
    "naming the mineral or a coup, else 0.5; modality asserted/claimed 1, hedged 0.5"
)


@dataclass(frozen=True, slots=True)
class _Scope:
    """What one computation is about: the mineral id, its reference data and the window."""

    mineral: str
    reference: MineralReference
    period: ExposurePeriod
    since: dt.date | None
    until: dt.date | None
    country: str | None = None


def exposure_series(
    store: Store,
    mineral: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    period: ExposurePeriod = "month",
    reference: MineralReference | None = None,
    country: str | None = None,
) -> ExposureSeries:
    """The exposure series of ``mineral`` (id, name or alias) from the events in ``store``;
    with ``country`` (ISO3), from that country's events only: its part of the world's exposure.

    Unknown mineral or period, or ``since`` after ``until``: ConfigError (E301).
    """
    if reference is None:
        reference = load_reference()
    _check_window(period, since, until)
    mineral_id = reference.mineral(mineral).id
    countries = tuple(
        row.country
        for row in reference.shares(mineral_id)
        if country is None or row.country == country.upper()
    )
    events: list[Event] = []
    if countries:  # an empty filter would mean every country, not none
        window = EventFilter(countries=countries, since=since, until=until)
        # Weightless events (talks, deals, aid) are most of a country's news: drop them while
        # streaming rather than hold them all.
        stream = store.iter_events(window, sort="date")
        events = [stored.event for stored in stream if severity(stored.event) > 0]
    wanted = {event.id for event in events}
    incident_of = {
        event_id: incident_id
        for event_id, incident_id in store.incident_memberships(wanted)
        if incident_id is not None
    }
    return compute_exposure(
        events, incident_of, reference, mineral_id,
        since=since, until=until, period=period, country=country,
    )  # fmt: skip


def compute_exposure(
    events: Iterable[Event],
    incident_of: Mapping[str, str | None],
    reference: MineralReference,
    mineral: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    period: ExposurePeriod = "month",
    country: str | None = None,
) -> ExposureSeries:
    """The exposure series of ``mineral`` from ``events`` (any; non-candidates are skipped),
    ``incident_of`` mapping event ids to the incident each reports (absent: counts alone);
    with ``country``, only that country's events and share count."""
    _check_window(period, since, until)
    iso3 = country.upper() if country else None
    scope = _Scope(reference.mineral(mineral).id, reference, period, since, until, iso3)
    found = [d for d in (_driver(e, scope, incident_of) for e in events) if d is not None]
    drivers = sorted(count_once_per_incident(found), key=_driver_order)
    return ExposureSeries(
        mineral=scope.mineral,
        period=period,
        since=since,
        until=until,
        points=_points(drivers, scope),
        drivers=tuple(drivers),
        shares=tuple(r for r in reference.shares(scope.mineral) if iso3 in (None, r.country)),
        country=iso3,
    )


def count_once_per_incident(drivers: Sequence[ExposureDriver]) -> list[ExposureDriver]:
    """Keep the largest contribution of each incident; zero the other reports of it, each
    pointing at the one counted. Drivers with no incident count alone."""
    reports: dict[str, list[ExposureDriver]] = defaultdict(list)
    for driver in drivers:
        if driver.incident_id is not None:
            reports[driver.incident_id].append(driver)
    counted = {incident: min(group, key=_counting_rank) for incident, group in reports.items()}
    return [_counted_or_zeroed(d, counted.get(d.incident_id or "")) for d in drivers]


def period_of(day: dt.date, period: ExposurePeriod) -> str:
    """The label of the period holding ``day``: "2024-05", "2024-Q2" or "2024"."""
    return _label(_index(day, period), period)


def _check_window(period: str, since: dt.date | None, until: dt.date | None) -> None:
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    if since and until and since > until:
        raise ConfigError(f"since {since.isoformat()} is after until {until.isoformat()}")


# --- One event → one driver ------------------------------------------------------------------


def _driver(
    event: Event, scope: _Scope, incident_of: Mapping[str, str | None]
) -> ExposureDriver | None:
    """The event's driver record, or None when it is not a candidate or weighs nothing."""
    weight = modality_weight(event)
    start = event.date.start
    location = event.location
    if event.background or weight is None or start is None or not _in_window(start, scope):
        return None
    if location is None or location.country is None:
        return None
    if scope.country is not None and location.country != scope.country:
        return None
    share = scope.reference.share(scope.mineral, location.country)
    event_severity = severity(event)
    if share is None or share.share <= 0 or event_severity <= 0:
        return None
    near = locality(event, scope.mineral, scope.reference)
    return ExposureDriver(
        event_id=event.id,
        article_id=event.article_id,
        incident_id=incident_of.get(event.id),
        period=period_of(start, scope.period),
        date=start,
        event_type=event.typing.event_type,
        summary=event.summary,
        country=location.country,
        admin1=location.admin1,
        place=location.name,
        killed=killed(event),
        coup=event.coup.outcome if event.coup else None,
        modality=event.modality,
        severity=event_severity,
        share=share.share,
        share_row=share.row_id,
        locality=near.weight,
        locality_reason=near.reason,
        area_row=near.area_row,
        region_row=near.region_row,
        modality_weight=weight,
        contribution=event_severity * share.share * near.weight * weight,
    )


def _in_window(day: dt.date, scope: _Scope) -> bool:
    # The store selects events whose date range overlaps the window; an event is counted in
    # the period of its start, so one that started before ``since`` has no point to go to.
    return (scope.since is None or day >= scope.since) and (
        scope.until is None or day <= scope.until
    )


def _counting_rank(driver: ExposureDriver) -> tuple[float, dt.date, str]:
    # Largest contribution first; ties go to the earliest report, then the smallest id, so the
    # same store always counts the same event.
    return (-driver.contribution, driver.date, driver.event_id)


def _counted_or_zeroed(driver: ExposureDriver, counted: ExposureDriver | None) -> ExposureDriver:
    if counted is None or counted.event_id == driver.event_id:
        return driver
    return replace(driver, contribution=0.0, counted_as=counted.event_id)


def _driver_order(driver: ExposureDriver) -> tuple[str, float, dt.date, str]:
    return (driver.period, -driver.contribution, driver.date, driver.event_id)


# --- Periods and points ----------------------------------------------------------------------


def _points(drivers: Sequence[ExposureDriver], scope: _Scope) -> tuple[ExposurePoint, ...]:
    """One point per period from ``since`` (or the first driver) to ``until`` (or the last),
    quiet periods included at 0 so a chart shows them."""
    indexes = [_index(d.date, scope.period) for d in drivers]
    first = _index(scope.since, scope.period) if scope.since else min(indexes, default=None)
    last = _index(scope.until, scope.period) if scope.until else max(indexes, default=None)
    if first is None:
        first = last
    if last is None:
        last = first
    if first is None or last is None:  # no window and no driver: nothing to show
        return ()
    counted: dict[int, list[ExposureDriver]] = defaultdict(list)
    for index, driver in zip(indexes, drivers, strict=True):
        if driver.counted_as is None:
            counted[index].append(driver)
    return tuple(
        _point(index, counted[index], scope.period) for index in range(first, max(first, last) + 1)
    )


def _point(index: int, counted: Sequence[ExposureDriver], period: ExposurePeriod) -> ExposurePoint:
    start, end = _bounds(index, period)
    return ExposurePoint(
        period=_label(index, period),
        start=start,
        end=end,
        value=math.fsum(d.contribution for d in counted),
        events=len(counted),
        killed=sum(d.killed for d in counted),
    )


# A period is numbered by how many of its kind precede it since year 0, so consecutive periods
# are consecutive integers and filling the quiet ones is a range().
_PER_YEAR: dict[str, int] = {"month": 12, "quarter": 4, "year": 1}


def _index(day: dt.date, period: ExposurePeriod) -> int:
    per_year = _PER_YEAR[period]
    return day.year * per_year + (day.month - 1) * per_year // 12


def _label(index: int, period: ExposurePeriod) -> str:
    year, part = divmod(index, _PER_YEAR[period])
    if period == "month":
        return f"{year:04d}-{part + 1:02d}"
    if period == "quarter":
        return f"{year:04d}-Q{part + 1}"
    return f"{year:04d}"


def _bounds(index: int, period: ExposurePeriod) -> tuple[dt.date, dt.date]:
    per_year = _PER_YEAR[period]
    year, part = divmod(index, per_year)
    months = 12 // per_year
    start = dt.date(year, part * months + 1, 1)
    next_year, next_part = divmod(index + 1, per_year)
    if next_year > dt.MAXYEAR:
        return start, dt.date.max
    return start, dt.date(next_year, next_part * months + 1, 1) - dt.timedelta(days=1)
