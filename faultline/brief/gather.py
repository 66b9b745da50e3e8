"""Read what a country brief shows from the store: the period's events grouped into happenings,
the header's counts, the timeline, the key events, coups and map pins.

Every figure is a ``TracedCount`` naming the events it was counted from. Deaths are counted
once per happening (an incident's reconciled figure), never once per article that reports them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from faultline.brief.actors import gather_actors, gather_relations
from faultline.brief.minerals import ExposureFunction, MineralData, gather_minerals
from faultline.brief.periods import bins_for, timeline_unit
from faultline.brief.sources import gather_sources
from faultline.export.plover import QUAD_CODES
from faultline.models import (
    BriefData,
    BriefHeader,
    CoupEntry,
    EventFilter,
    Happening,
    Incident,
    IncidentFilter,
    KeyEvent,
    MapPin,
    SourceRef,
    StoredEvent,
    TimelineBin,
    TracedCount,
    TypeFamily,
)
from faultline.store import Store

KEY_EVENTS = 6
SOURCES_PER_CLAIM = 2
PINNED_PRECISIONS = frozenset({"point", "city"})
_FAMILY_WEIGHT: dict[TypeFamily, int] = {"violent": 2, "coercive": 1, "cooperative": 0}
# Cue-less pronouns name nobody a reader could check ("according to she").
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def gather_brief(
    store: Store,
    iso3: str,
    *,
    name: str,
    numeric: str | None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    reference: MineralData,
    exposure: ExposureFunction,
    today: dt.date | None = None,
) -> BriefData:
    """Everything the brief of ``iso3`` over [since, until] shows, each part traced."""
    events = tuple(
        store.iter_events(EventFilter(countries=(iso3,), since=since, until=until), sort="date")
    )
    happenings = group_happenings(store, events, iso3, since, until)
    dated = [e.event.date.start for e in events if e.event.date.start is not None]
    first, last = since or min(dated, default=None), until or max(dated, default=None)
    unit = timeline_unit(first, last)
    key_events = rank_key_events(happenings)
    minerals = gather_minerals(
        store, iso3, events, reference=reference, exposure=exposure,
        since=since, until=until, period=unit,
    )  # fmt: skip
    relations = gather_relations(store, events)
    brief = BriefData(
        header=_header(iso3, name, since, until, today, store.url, events, happenings),
        numeric=numeric,
        timeline_unit=unit,
        timeline=build_timeline(events, happenings, first, last, unit),
        pins=map_pins(happenings, key_events),
        unpinned=_unpinned(events),
        coups=coup_entries(happenings),
        key_events=key_events,
        actors=gather_actors(events),
        relations=relations,
        minerals=minerals,
        sources=(),
    )
    return gather_sources(store, brief, events, reference)


def family_of(event_type: str) -> TypeFamily:
    """Violent (ASSAULT), coercive (PLOVER's other conflict quads) or cooperative."""
    if event_type == "ASSAULT":
        return "violent"
    return "coercive" if QUAD_CODES.get(event_type, 1) >= 3 else "cooperative"


def group_happenings(
    store: Store,
    events: Sequence[StoredEvent],
    iso3: str,
    since: dt.date | None,
    until: dt.date | None,
) -> tuple[Happening, ...]:
    """The period's events grouped by the country's incidents; an event no such incident holds
    is a happening of its own."""
    incidents, _ = store.incidents(
        IncidentFilter(countries=(iso3,), since=since, until=until), limit=None
    )
    by_id = {incident.id: incident for incident in incidents}
    wanted = {e.event.id for e in events}
    incident_of = {
        event_id: incident_id
        for event_id, incident_id in store.incident_memberships(wanted)
        if incident_id in by_id
    }
    grouped: dict[str, list[StoredEvent]] = defaultdict(list)
    for stored in events:
        grouped[incident_of.get(stored.event.id, stored.event.id)].append(stored)
    return tuple(
        _happening(key, by_id.get(key), tuple(members)) for key, members in grouped.items()
    )


def _happening(key: str, incident: Incident | None, events: tuple[StoredEvent, ...]) -> Happening:
    killed = next((c for c in incident.counts if c.name == "killed"), None) if incident else None
    if killed is not None:
        traced = TracedCount(killed.best, tuple(dict.fromkeys(r.event_id for r in killed.reports)))
    else:
        figures = [(e.event.counts.killed, e.event.id) for e in events if e.event.counts.killed]
        best = max(figures, default=None)
        traced = TracedCount(best[0], (best[1],)) if best else TracedCount(0)
    return Happening(id=key, incident=incident, events=events, killed=traced)


def _header(
    iso3: str,
    name: str,
    since: dt.date | None,
    until: dt.date | None,
    today: dt.date | None,
    store_url: str,
    events: Sequence[StoredEvent],
    happenings: Sequence[Happening],
) -> BriefHeader:
    every = tuple(e.event.id for e in events)
    coups = [h for h in happenings if _coup_outcome(h) is not None]
    return BriefHeader(
        iso3=iso3,
        name=name,
        since=since,
        until=until,
        generated=today or dt.date.today(),
        store=store_url,
        events=TracedCount(len(every), every),
        incidents=TracedCount(len(happenings), every),
        killed=total_killed(happenings, every),
        coups=TracedCount(len(coups), _coup_events(coups) or every),
        undated=_undated(events),
    )


def total_killed(happenings: Iterable[Happening], examined: tuple[str, ...]) -> TracedCount:
    """Deaths summed over happenings, traced to the reports of each figure; a total of none
    is traced to the events examined, since it is their silence that makes it zero."""
    counted = [h.killed for h in happenings if h.killed.value]
    value = sum(c.value for c in counted)
    if not value:
        return TracedCount(0, examined)
    return TracedCount(value, tuple(dict.fromkeys(e for c in counted for e in c.events)))


def _coup_events(happenings: Iterable[Happening]) -> tuple[str, ...]:
    return tuple(e.event.id for h in happenings for e in h.events if e.event.coup is not None)


def _undated(events: Sequence[StoredEvent]) -> TracedCount:
    undated = tuple(e.event.id for e in events if e.event.date.start is None)
    return TracedCount(len(undated), undated)


def _unpinned(events: Sequence[StoredEvent]) -> TracedCount:
    unpinned = tuple(
        e.event.id
        for e in events
        if e.event.location is None
        or e.event.location.precision not in PINNED_PRECISIONS
        or e.event.location.lat is None
    )
    return TracedCount(len(unpinned), unpinned)


def build_timeline(
    events: Sequence[StoredEvent],
    happenings: Sequence[Happening],
    first: dt.date | None,
    last: dt.date | None,
    unit: str,
) -> tuple[TimelineBin, ...]:
    """Bars from ``first`` to ``last``: the events dated in each, by type family, and the
    deaths of the happenings that began in it."""
    if first is None or last is None:
        return ()
    found = []
    for label, start, end in bins_for(first, last, unit):
        inside = [e for e in events if _within(e.event.date.start, start, end)]
        begun = [h for h in happenings if _within(happening_date(h), start, end)]
        found.append(
            TimelineBin(label, start, end, *_by_family(inside), killed=total_killed(begun, ()))
        )
    return tuple(found)


def _by_family(events: Sequence[StoredEvent]) -> list[tuple[str, ...]]:
    """The ids of ``events`` that are violent, coercive and cooperative, in that order."""
    families = [family_of(e.event.typing.event_type) for e in events]
    return [
        tuple(e.event.id for e, f in zip(events, families, strict=True) if f == wanted)
        for wanted in ("violent", "coercive", "cooperative")
    ]


def _within(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def happening_date(happening: Happening) -> dt.date | None:
    if happening.incident is not None and happening.incident.date_start is not None:
        return happening.incident.date_start
    return min((e.event.date.start for e in happening.events if e.event.date.start), default=None)


def rank_key_events(
    happenings: Sequence[Happening], limit: int = KEY_EVENTS
) -> tuple[KeyEvent, ...]:
    """The most severe happenings first: coups, then deaths, then violence over coercion over
    cooperation, then how many reports, then the most recent."""
    ranked = sorted(happenings, key=_severity, reverse=True)[:limit]
    return tuple(_key_event(rank, h) for rank, h in enumerate(ranked, start=1))


def _severity(happening: Happening) -> tuple[bool, int, int, int, dt.date, str]:
    return (
        _coup_outcome(happening) is not None,
        happening.killed.value,
        _FAMILY_WEIGHT[family_of(_event_type(happening))],
        len(happening.events),
        happening_date(happening) or dt.date.min,
        happening.id,
    )


def _key_event(rank: int, happening: Happening) -> KeyEvent:
    lead = representative(happening).event
    return KeyEvent(
        rank=rank,
        happening_id=happening.id,
        event_type=_event_type(happening),
        family=family_of(_event_type(happening)),
        date=happening_date(happening),
        place=_place(happening),
        summary=happening.incident.summary if happening.incident else lead.summary,
        killed=happening.killed if happening.killed.value else None,
        speaker=speaker_of(happening),
        sources=event_sources(happening.events),
    )


def representative(happening: Happening) -> StoredEvent:
    """The report whose wording the incident took as its summary, else the deadliest one."""
    if happening.incident is not None:
        for stored in happening.events:
            if stored.event.summary == happening.incident.summary:
                return stored
    return max(happening.events, key=lambda e: (e.event.counts.killed or 0, -len(e.event.id)))


def _event_type(happening: Happening) -> str:
    if happening.incident is not None:
        return happening.incident.event_type
    return representative(happening).event.typing.event_type


def _place(happening: Happening) -> str | None:
    if happening.incident is not None and happening.incident.location:
        return happening.incident.location
    location = representative(happening).event.location
    return location.name if location else None


def speaker_of(happening: Happening) -> str | None:
    """Who the reports say says so, when they attribute it (a named speaker over a phrase)."""
    for stored in happening.events:
        attribution = stored.event.attribution
        if attribution is None:
            continue
        if attribution.speaker:
            return attribution.speaker
        if attribution.speaker_text.casefold() not in _PRONOUNS:
            return attribution.speaker_text
    return None


def event_sources(
    events: Sequence[StoredEvent], limit: int = SOURCES_PER_CLAIM
) -> tuple[SourceRef, ...]:
    """Up to ``limit`` reports to cite, one per article first, in publication order."""
    ordered = sorted(events, key=lambda e: (e.article.published.iso or "", e.event.id))
    first_per_article = list({e.article.id: e for e in reversed(ordered)}.values())[::-1]
    chosen = [*first_per_article, *(e for e in ordered if e not in first_per_article)][:limit]
    return tuple(SourceRef("event", e.event.id) for e in chosen)


def coup_entries(happenings: Sequence[Happening]) -> tuple[CoupEntry, ...]:
    """Every happening with a coup, oldest first, with its Cline Center match when linked."""
    found = []
    for happening in happenings:
        outcome = _coup_outcome(happening)
        if outcome is None:
            continue
        coups = [e.event.coup for e in happening.events if e.event.coup is not None]
        found.append(
            CoupEntry(
                happening_id=happening.id,
                outcome=outcome,
                perpetrator=next((c.perpetrator for c in coups if c.perpetrator), None),
                leader=next((c.leader for c in coups if c.leader), None),
                target=next((c.target for c in coups if c.target), None),
                date=happening_date(happening),
                place=_place(happening),
                match=happening.incident.coup_match if happening.incident else None,
                sources=event_sources([e for e in happening.events if e.event.coup]),
            )
        )
    return tuple(sorted(found, key=lambda c: (c.date or dt.date.min, c.happening_id)))


def _coup_outcome(happening: Happening) -> str | None:
    if happening.incident is not None and happening.incident.coup is not None:
        return happening.incident.coup
    return next((e.event.coup.outcome for e in happening.events if e.event.coup), None)


def map_pins(happenings: Sequence[Happening], key_events: Sequence[KeyEvent]) -> tuple[MapPin, ...]:
    """A pin per happening located at point or city precision; key events carry their rank."""
    ranks = {k.happening_id: k.rank for k in key_events}
    pins = []
    for happening in happenings:
        point = _point(happening)
        if point is None:
            continue
        lat, lon, place = point
        pins.append(
            MapPin(
                lat=lat,
                lon=lon,
                place=place,
                family=family_of(_event_type(happening)),
                number=ranks.get(happening.id),
                events=tuple(e.event.id for e in happening.events),
            )
        )
    # Numbered pins last, so they are drawn over the unnumbered ones.
    return tuple(sorted(pins, key=lambda p: (p.number is not None, -(p.number or 0))))


def _point(happening: Happening) -> tuple[float, float, str] | None:
    incident = happening.incident
    if (
        incident is not None
        and incident.location_precision in PINNED_PRECISIONS
        and incident.lat is not None
        and incident.lon is not None
    ):
        return incident.lat, incident.lon, incident.location or ""
    for stored in happening.events:
        location = stored.event.location
        if (
            location is not None
            and location.precision in PINNED_PRECISIONS
            and location.lat is not None
            and location.lon is not None
        ):
            return location.lat, location.lon, location.name
    return None
