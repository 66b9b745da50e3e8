"""When two events report the same happening: the pair rule incidents are built from.

Two events are linked when every gate passes (compatible types, dates that overlap within
their precision, places that can be the same, no conflicting perpetrators) and the weighted
agreement of type, date, place, actors and wording reaches ``LINK_THRESHOLD``. Incidents are
the connected components of these links, so the clustering depends only on the set of stored
events, never on the order they arrived in. The README states the rule for analysts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from faultline.store.search import great_circle_km

# Modalities that report something that happened; the others (planned, proposed, threatened,
# hypothetical, negated) describe no happening and join no incident.
REALISED = frozenset({"asserted", "claimed", "hedged"})
LINK_THRESHOLD = 0.65
WEIGHTS = {"type": 0.2, "date": 0.25, "place": 0.25, "actors": 0.15, "wording": 0.15}

# Types that different outlets give the same happening: a deal read as an agreement by one and
# as cooperation by another, aid as support, an attack as coercion (an abduction, a raid).
_RELATED_TYPES = {
    frozenset({"AGREE", "COOPERATE"}): 0.6,
    frozenset({"AID", "SUPPORT"}): 0.6,
    frozenset({"ASSAULT", "COERCE"}): 0.6,
    # A protest and the police response to it (arrests, dispersal, clashes) are one incident:
    # ACLED codes them as one "protest with intervention" or "excessive force" event.
    frozenset({"PROTEST", "COERCE"}): 0.6,
    frozenset({"PROTEST", "ASSAULT"}): 0.5,
    frozenset({"PROTEST", "MOBILIZE"}): 0.5,
}
# Days a day-precise date may be off between outlets ("late on Thursday" / "on Friday").
_DAY_SLACK = 1
_DATE_SCORES = {"day": 1.0, "week": 0.6, "month": 0.35}
# The longest date a linkable event may have: a month. A year or a decade cannot place two
# reports on one happening, and the bound keeps the candidate search a narrow index range.
MAX_LINKABLE_DAYS = 31
LINKABLE_PRECISIONS = tuple(_DATE_SCORES)
_PRECISION_ORDER = ("day", "week", "month", "year", "decade")
_FINE_PLACES = frozenset({"point", "city"})
# Distance bands between two named towns: the same town (gazetteer twins sit a few km apart),
# a suburb or a village "near" it; beyond the last band two named towns are two places.
_DISTANCE_SCORES = ((5.0, 1.0), (15.0, 0.6))
_CONTAINED_PLACE = 0.4  # a town and the province or country that contains it
_SAME_COARSE_AREA = 0.5  # the same province, region or country named by both
_SAME_COUNTRY_ONLY = 0.3
_UNKNOWN_PLACE = 0.2
# Actor kinds whose identity tells incidents apart: two reports naming different armed groups
# or different people as the perpetrators are two incidents.
_IDENTIFYING_KINDS = frozenset({"person", "rebel", "militia", "group", "party"})
_STATE_PREFIXES = ("cty_", "gov_", "mil_", "pol_")
_WORDING_FLOOR = 0.15
_WORDING_SPAN = 0.45


@dataclass(frozen=True, slots=True)
class LinkActor:
    role: str
    entity_id: str | None
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class LinkEvent:
    """What the pair rule reads of one stored event."""

    id: str
    article_id: str
    event_type: str
    coup: str | None
    modality: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    place_id: str | None
    location_precision: str | None
    lat: float | None
    lon: float | None
    actors: tuple[LinkActor, ...]
    vector: np.ndarray | None = None

    @property
    def linkable(self) -> bool:
        return (
            self.modality in REALISED
            and self.date_start is not None
            and self.date_precision in _DATE_SCORES
        )


@dataclass(frozen=True, slots=True)
class LinkDecision:
    score: float
    reasons: tuple[str, ...]


def search_window(event: LinkEvent) -> tuple[dt.date, dt.date]:
    """The date range a candidate must overlap to pass the date gate with ``event``."""
    start, end = _interval(event)
    slack = dt.timedelta(days=_DAY_SLACK)
    return start - slack, end + slack


def decide(a: LinkEvent, b: LinkEvent) -> LinkDecision | None:
    """The link between two events, or None when they report different happenings."""
    if not (a.linkable and b.linkable) or a.id == b.id:
        return None
    parts: dict[str, float] = {}
    for name, scorer in (
        ("type", _type_score),
        ("date", _date_score),
        ("place", _place_score),
        ("actors", _actor_score),
    ):
        value = scorer(a, b)
        if value is None:
            return None
        parts[name] = value
    if (a.country is None or b.country is None) and not parts["actors"]:
        return None  # placed nowhere: only a shared named actor ties it to a report
    parts["wording"] = _wording_score(a, b)
    score = sum(WEIGHTS[name] * value for name, value in parts.items())
    if score < LINK_THRESHOLD:
        return None
    reasons = tuple(f"{name} {value:.2f}" for name, value in parts.items())
    return LinkDecision(round(score, 4), reasons)


def explain(a: LinkEvent, b: LinkEvent) -> dict[str, float | None]:
    """Each part of the rule for a pair (None: that gate failed) and the weighted score."""
    parts: dict[str, float | None] = {
        "type": _type_score(a, b),
        "date": _date_score(a, b),
        "place": _place_score(a, b),
        "actors": _actor_score(a, b),
        "wording": _wording_score(a, b),
    }
    parts["score"] = sum(WEIGHTS[k] * (v or 0.0) for k, v in parts.items() if k in WEIGHTS)
    return parts


def _type_score(a: LinkEvent, b: LinkEvent) -> float | None:
    if a.coup and b.coup:
        return 1.0
    if a.event_type == b.event_type:
        return 1.0
    return _RELATED_TYPES.get(frozenset({a.event_type, b.event_type}))


def _interval(event: LinkEvent) -> tuple[dt.date, dt.date]:
    start = event.date_start or dt.date.min
    return start, event.date_end or start


def _date_score(a: LinkEvent, b: LinkEvent) -> float | None:
    (a_start, a_end), (b_start, b_end) = _interval(a), _interval(b)
    slack_a = _DAY_SLACK if a.date_precision == "day" else 0
    slack_b = _DAY_SLACK if b.date_precision == "day" else 0
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    if gap > max(slack_a, slack_b):
        return None
    coarser = max(
        _PRECISION_ORDER.index(a.date_precision or "decade"),
        _PRECISION_ORDER.index(b.date_precision or "decade"),
    )
    score = _DATE_SCORES[_PRECISION_ORDER[coarser]]
    return score * (0.8 if gap else 1.0)


def _place_score(a: LinkEvent, b: LinkEvent) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    if a.location_precision is None or b.location_precision is None:
        return _UNKNOWN_PLACE
    if a.place_id is not None and a.place_id == b.place_id:
        return 1.0 if a.location_precision in _FINE_PLACES else _SAME_COARSE_AREA
    a_fine, b_fine = a.location_precision in _FINE_PLACES, b.location_precision in _FINE_PLACES
    if a_fine and b_fine:
        return _distance_score(a, b)
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None
    if a_fine or b_fine:
        return _CONTAINED_PLACE
    return _SAME_COUNTRY_ONLY


def _distance_score(a: LinkEvent, b: LinkEvent) -> float | None:
    km = great_circle_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    if km is None:
        return _SAME_COUNTRY_ONLY
    return next((score for limit, score in _DISTANCE_SCORES if km <= limit), None)


def _actor_score(a: LinkEvent, b: LinkEvent) -> float | None:
    a_perps, b_perps = _perpetrators(a), _perpetrators(b)
    if a_perps and b_perps and not (a_perps & b_perps):
        return None
    a_keys, b_keys = _actor_keys(a), _actor_keys(b)
    shared = a_keys & b_keys
    if not shared:
        return 0.0
    if any(not key.startswith(_STATE_PREFIXES) for key in shared):
        return 1.0
    return 0.6  # only the same states or governments: common to most reports of a country


def _perpetrators(event: LinkEvent) -> frozenset[str]:
    """Who acted, when the report names a group or person (keys that survive spelling)."""
    keys: set[str] = set()
    for actor in event.actors:
        if actor.role == "actor" and actor.kind in _IDENTIFYING_KINDS and actor.entity_id:
            keys |= _keys_of(actor)
    return frozenset(keys)


def _actor_keys(event: LinkEvent) -> frozenset[str]:
    return frozenset(key for actor in event.actors if actor.entity_id for key in _keys_of(actor))


def _keys_of(actor: LinkActor) -> set[str]:
    # The entity id, plus the name's longer words: "Col. Mbuyi" and "Jean-Pierre Mbuyi Kalala"
    # share "mbuyi" before entity linking has said they are one person.
    keys = {actor.entity_id} if actor.entity_id else set()
    if actor.kind in _IDENTIFYING_KINDS and actor.entity_id and actor.entity_id.startswith("ent_"):
        keys |= {f"name:{w}" for w in actor.name.casefold().replace("-", " ").split() if len(w) > 3}
    return keys  # type: ignore[return-value]


def _wording_score(a: LinkEvent, b: LinkEvent) -> float:
    """How alike the two reports' wording is (MiniLM cosine of the event clauses), scaled so
    clauses about different happenings (median cosine 0.16 on our corpus) score about 0 and
    two outlets' clauses about one happening (median 0.34, upper quartile 0.49) score 0.4–0.8."""
    if a.vector is None or b.vector is None:
        return 0.0
    cosine = float(np.dot(a.vector, b.vector))
    return min(1.0, max(0.0, (cosine - _WORDING_FLOOR) / _WORDING_SPAN))
