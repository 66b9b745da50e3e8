"""One check per gold-fact key, each over one event dict (the ``extract --format jsonl`` shape).

Every rule here is a line of ``corpus/gold/README.md``; a check also says, in words, what it
wanted, so a failed fact can explain itself ("types ASSAULT|FIGHT", "within 25 km of Kinshasa").
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Event = dict[str, Any]
Fact = dict[str, Any]

PLACE_RADIUS_KM = 25.0
COUNT_KEYS = ("killed", "injured", "arrested", "displaced", "abducted", "people")
# Keys that say how to read a fact rather than what one event must hold.
META_KEYS = frozenset(
    {"id", "kind", "note", "notes", "hedged", "about", "speaker_any", "relation"}
    | {"from_any", "to_any"}
    # "mirrors": the id of the fact in another gold file (an English original) this one
    # restates, for comparing the two readings fact by fact.
    | {"mirrors"}
)
_EARTH_KM = 6371.0088
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "´": "'"})


@dataclass(frozen=True, slots=True)
class Check:
    key: str
    want: str  # what the fact asks, in words
    ok: bool


def fold(text: str | None) -> str:
    """Case, accents, quotes and spacing removed: the form names are compared in."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def event_checks(fact: Fact, event: Event, *, skip: Iterable[str] = ()) -> list[Check]:
    """A check for every key of ``fact`` (bar meta keys and ``skip``) against ``event``."""
    skipped = META_KEYS | set(skip)
    return [_check(key, value, fact, event) for key, value in fact.items() if key not in skipped]


def satisfies(fact: Fact, event: Event, *, skip: Iterable[str] = ()) -> bool:
    return all(c.ok for c in event_checks(fact, event, skip=skip))


def closest(fact: Fact, events: Sequence[Event], *, skip: Iterable[str] = ()) -> str:
    """The event that meets most of the fact's keys, and the keys it misses."""
    if not events:
        return "no events for this article"
    scored = [
        (sum(c.ok for c in cs), e, cs) for e in events for cs in [event_checks(fact, e, skip=skip)]
    ]
    _, event, checks = max(scored, key=lambda row: row[0])
    missed = ", ".join(c.key for c in checks if not c.ok)
    return f"closest: {describe(event)} (misses {missed or 'nothing'})"


def wants(fact: Fact, *, skip: Iterable[str] = ()) -> str:
    """The fact's requirements in words, without looking at any event."""
    skipped = META_KEYS | set(skip)
    return " ".join(
        _WANTS.get(k, _want_default)(k, v, fact) for k, v in fact.items() if k not in skipped
    )


def describe(event: Event) -> str:
    """One short line for an event: type, date, place, first actor, evidence start."""
    date = (event.get("date") or {}).get("start") or "no date"
    place = (event.get("location") or {}).get("name") or "no place"
    actors = [a.get("name") or a.get("text") for a in event.get("actors") or []]
    text = _evidence_text(event)
    who = f" by {actors[0]}" if actors else ""
    return f"{event.get('event_type')} {date} at {place}{who}{f' «{text}»' if text else ''}"


def name_matches(wanted: Iterable[str], actor: dict[str, Any]) -> bool:
    """Whether an actor's name or text contains one of ``wanted`` (folded)."""
    haystacks = [fold(actor.get("name")), fold(actor.get("text"))]
    return any(fold(w) and fold(w) in h for w in wanted for h in haystacks)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(a))


def date_in(start: str | None, low: str, high: str) -> bool:
    """``start`` within the closed range, each bound compared at its own length ("1996")."""
    if not start:
        return False
    return start[: len(low)] >= low and start[: len(high)] <= high


def leader_matches(wanted: str, found: str | None) -> bool:
    """Folded containment either way, or the same surname ("Amadou Sanogo" ~ "A. H. Sanogo")."""
    want, got = fold(wanted), fold(found)
    if not want or not got:
        return False
    return want in got or got in want or want.split()[-1] == got.split()[-1]


def outcome_of(value: str | None) -> str | None:
    """Cline's "attempted" under either name ("failed" counts as "attempted")."""
    return "attempted" if value == "failed" else value


# --- One check per key ------------------------------------------------------------------------


def _check(key: str, value: Any, fact: Fact, event: Event) -> Check:
    test = _TESTS.get(key)
    want = _WANTS.get(key, _want_default)(key, value, fact)
    if test is None:
        return Check(key, want, False)
    try:
        return Check(key, want, bool(test(value, fact, event)))
    except (TypeError, ValueError, KeyError, AttributeError):
        return Check(key, want, False)  # a malformed event field fails the key, not the run


def _sub(event: Event, name: str) -> dict[str, Any]:
    return event.get(name) or {}


def _types(value: list[str], _f: Fact, e: Event) -> bool:
    return e.get("event_type") in value


def _acled(value: list[str], _f: Fact, e: Event) -> bool:
    return _sub(e, "acled").get("event_type") in value


def _acled_sub(value: list[str], _f: Fact, e: Event) -> bool:
    return _sub(e, "acled").get("sub_event_type") in value


def _date(value: str, _f: Fact, e: Event) -> bool:
    return str(_sub(e, "date").get("start") or "").startswith(value)


def _date_between(value: list[str], _f: Fact, e: Event) -> bool:
    return date_in(_sub(e, "date").get("start"), value[0], value[1])


def _precision(value: str, _f: Fact, e: Event) -> bool:
    return _sub(e, "date").get("precision") == value


def _precision_any(value: list[str], _f: Fact, e: Event) -> bool:
    return _sub(e, "date").get("precision") in value


def _place(value: dict[str, Any], _f: Fact, e: Event) -> bool:
    where = _sub(e, "location")
    if where.get("lat") is not None and where.get("lon") is not None:
        distance = km(where["lat"], where["lon"], value["lat"], value["lon"])
        return distance <= PLACE_RADIUS_KM
    return bool(where.get("name")) and fold(where.get("name")) == fold(value.get("name"))


def _country(value: str, _f: Fact, e: Event) -> bool:
    return _sub(e, "location").get("country") == value


def _actors_any(value: list[str], fact: Fact, e: Event) -> bool:
    # Alone, actors_any accepts any role; beside target_any it means the actor role.
    role = "actor" if "target_any" in fact else None
    return any(
        name_matches(value, a)
        for a in e.get("actors") or []
        if role is None or a.get("role") == role
    )


def _target_any(value: list[str], _f: Fact, e: Event) -> bool:
    return any(
        name_matches(value, a) for a in e.get("actors") or [] if a.get("role") == "recipient"
    )


def _count(name: str) -> Callable[[Any, Fact, Event], bool]:
    def test(value: int, _f: Fact, e: Event) -> bool:
        return _sub(e, "counts").get(name) == value

    return test


def _money(value: list[int], _f: Fact, e: Event) -> bool:
    return _sub(e, "counts").get("money_usd") in value


def _mode(value: str, _f: Fact, e: Event) -> bool:
    return e.get("mode") == value


def _mode_any(value: list[str], _f: Fact, e: Event) -> bool:
    return e.get("mode") in value


def _modality_any(value: list[str], _f: Fact, e: Event) -> bool:
    return e.get("modality") in value


def _context(value: str, _f: Fact, e: Event) -> bool:
    return value in (e.get("contexts") or [])


def _background(value: bool, _f: Fact, e: Event) -> bool:
    return bool(e.get("background")) is bool(value)


def _outcome(value: str, _f: Fact, e: Event) -> bool:
    found = _sub(e, "coup").get("outcome")
    return found is not None and outcome_of(found) == outcome_of(value)


def _leader(value: str, _f: Fact, e: Event) -> bool:
    return leader_matches(value, _sub(e, "coup").get("leader"))


def _perpetrator(value: str, _f: Fact, e: Event) -> bool:
    return _sub(e, "coup").get("perpetrator") == value


_TESTS: dict[str, Callable[[Any, Fact, Event], bool]] = {
    "types": _types,
    "acled": _acled,
    "acled_sub": _acled_sub,
    "date": _date,
    "date_between": _date_between,
    "date_precision": _precision,
    "date_precision_any": _precision_any,
    "place": _place,
    "country": _country,
    "actors_any": _actors_any,
    "target_any": _target_any,
    "money_usd_any": _money,
    "mode": _mode,
    "mode_any": _mode_any,
    "modality_any": _modality_any,
    "context": _context,
    "background": _background,
    "outcome": _outcome,
    "leader": _leader,
    "perpetrator": _perpetrator,
    **{name: _count(name) for name in COUNT_KEYS},
}


# --- The same keys in words -------------------------------------------------------------------


def _want_default(key: str, value: Any, _f: Fact) -> str:
    if key not in _TESTS:
        return f"{key} {value!r} (cannot check {key!r}: unknown key)"
    if isinstance(value, list):
        return f"{key} {'|'.join(str(v) for v in value)}"
    return f"{key} {value}"


def _want_actors(key: str, value: list[str], fact: Fact) -> str:
    role = "recipient" if key == "target_any" else ("actor" if "target_any" in fact else "any")
    return f"{role} {'|'.join(value)}"


_WANTS: dict[str, Callable[[str, Any, Fact], str]] = {
    "types": lambda _k, v, _f: f"types {'|'.join(v)}",
    "date": lambda _k, v, _f: f"on {v}",
    "date_between": lambda _k, v, _f: f"between {v[0]} and {v[1]}",
    "place": lambda _k, v, _f: f"within {PLACE_RADIUS_KM:g} km of {v.get('name')}",
    "country": lambda _k, v, _f: f"in {v}",
    "actors_any": _want_actors,
    "target_any": _want_actors,
    "background": lambda _k, v, _f: "background" if v else "not background",
}


def _evidence_text(event: Event, limit: int = 60) -> str:
    evidence = event.get("evidence") or []
    text = " ".join(str(evidence[0].get("text") or "").split()) if evidence else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"
