"""Fold several clauses about one action in one article into one event.

News reports describe an action several times ("armed men attacked the palace ... men in
fatigues opened fire, killing two ... the attack lasted three hours"). Two drafts merge when
all of these hold (a deliberately conservative rule; when in doubt two events survive):

1. same family: violence and coup clauses form one family (a coup attempt *is* the assault);
   every other lexical class only merges with itself;
2. compatible dates: the same resolved range, or one of them has no date of its own
   (``published_fallback``);
3. compatible places: one is unknown, or both lie in the same country and they have the same
   name or one of them is only country-level;
4. compatible actors: per role, the knowledge-base entities of the two do not exclude each
   other (one side empty, or they share one), nor do their ACLED actor categories (state
   forces on one side and rebels on the other are two actions);
5. close enough to be the same story: never the same sentence (detection already split a
   sentence into its distinct actions: "dissolve institutions, suspend the constitution,
   install a curfew"); both dated → same or adjacent paragraph; one undated → they share a
   named participant, or the later one is a definite reference ("the coup took place"), or
   they are at most two paragraphs apart;
6. statements, demands, threats and deals (communicative acts) merge only when they share a
   named participant: two speakers saying similar things are two events;
7. (French articles) two death tolls with different victims stay apart ("deux gardes ...
   tués. Malanga et trois assaillants ... tués"): French lists them in adjacent sentences.

Among several compatible earlier drafts, the one sharing most participants wins, then the
nearest. Counts of merged clauses are not added: the largest figure per category is kept, since
later clauses about one action restate or update its toll (ACLED's conservative practice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace

from faultline.events.acled import inter_code
from faultline.events.draft import EventDraft
from faultline.models import Counts, EventActor, EventDate, EventLocation, Evidence

_FAMILY = {"coup": "violence"}
_BROAD_PLACES = frozenset({"country", "region", "admin1"})
_UNDATED = "published_fallback"
_DATED_REACH = 1  # paragraphs
_UNDATED_REACH = 2
_NEWS_PERIOD = dt.timedelta(days=90)
_COMMUNICATIVE = frozenset({"accusation", "threat", "demand", "agreement", "consult"})

__all__ = ["merge_drafts"]


def merge_drafts(drafts: Iterable[EventDraft]) -> list[EventDraft]:
    """Drafts of one article, merged where they describe one action; in text order."""
    kept: list[EventDraft] = []
    for draft in sorted(drafts, key=lambda d: (d.trigger.start, d.clause.start)):
        host = _same_clause(kept, draft)
        if host is None:
            host = _best_host(kept, draft)
        if host is None:
            kept.append(draft)
        else:
            kept[host] = merge_two(kept[host], draft)
    return kept


def _same_clause(kept: Sequence[EventDraft], draft: EventDraft) -> int | None:
    """Two triggers read in one clause ("said X, who fled to Y") are one statement of one
    action: the same words cannot report two events (and would give both one event id)."""
    for index, other in enumerate(kept):
        if other.clause == draft.clause:
            return index
    return None


def merge_two(host: EventDraft, other: EventDraft) -> EventDraft:
    """``other`` folded into ``host``; the host keeps its trigger, clause and sentence."""
    return replace(
        host,
        actors=_union_actors(host.actors, other.actors),
        date=_better_date(host.date, other.date),
        location=_better_location(host.location, other.location),
        counts=_merge_counts(host.counts, other.counts),
        evidence=_union_evidence(host.evidence, other.evidence),
        members=(*host.members, other.trigger, *other.members),
    )


def compatible(a: EventDraft, b: EventDraft) -> bool:
    return (
        _family(a) == _family(b)
        and _dates_compatible(a.date, b.date)
        and _places_compatible(a.location, b.location)
        and _actors_compatible(a.actors, b.actors)
        and _close_enough(a, b)
        and not _separate_tolls(a, b)
    )


def _best_host(kept: Sequence[EventDraft], draft: EventDraft) -> int | None:
    scored = [
        (len(_entities(k.actors) & _entities(draft.actors)), -abs(k.paragraph_index - i), i)
        for i, k in enumerate(kept)
        if compatible(k, draft)
    ]
    return max(scored)[2] if scored else None


def _family(d: EventDraft) -> str:
    return _FAMILY.get(d.lexical_class, d.lexical_class)


def _dates_compatible(a: EventDate, b: EventDate) -> bool:
    if a.method == _UNDATED or b.method == _UNDATED:
        return True
    return (a.start, a.end) == (b.start, b.end)


def _places_compatible(a: EventLocation | None, b: EventLocation | None) -> bool:
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    return a.name == b.name or a.precision in _BROAD_PLACES or b.precision in _BROAD_PLACES


def _actors_compatible(a: Sequence[EventActor], b: Sequence[EventActor]) -> bool:
    for role in ("actor", "recipient"):
        left, right = _entities(a, role), _entities(b, role)
        if left and right and not left & right:
            return False
        # Unnamed actors still have a side: "suspected jihadists attacked" and "the army
        # killed 15 militants" are two actions even though neither names an entity.
        sides_a, sides_b = _sides(a, role), _sides(b, role)
        if sides_a and sides_b and not sides_a & sides_b:
            return False
    return True


def _sides(actors: Sequence[EventActor], role: str) -> set[int]:
    codes = (inter_code(x, None) for x in actors if x.role == role)
    return {c for c in codes if c is not None}


def _close_enough(a: EventDraft, b: EventDraft) -> bool:
    if a.sentence == b.sentence:
        return False
    shared = bool(_entities(a.actors) & _entities(b.actors))
    if a.lexical_class in _COMMUNICATIVE and not shared:
        return False
    distance = abs(a.paragraph_index - b.paragraph_index)
    if a.date.method != _UNDATED and b.date.method != _UNDATED:
        return distance <= _DATED_REACH
    if shared:
        return True
    dated = a if a.date.method != _UNDATED else b
    if dated.date.method != _UNDATED and not _near_publication(dated):
        return False  # an undated clause is read as current news, not as that old event
    return b.definite or distance <= _UNDATED_REACH


def _separate_tolls(a: EventDraft, b: EventDraft) -> bool:
    """French reports list the dead of one attack side by side in consecutive sentences ("Deux
    gardes ... ont été tués. Christian Malanga et trois autres assaillants ont également été
    tués"): two death tolls with different victims are two sets of dead, not one restated."""
    if a.language != "fr" or b.language != "fr" or not (a.counts.killed and b.counts.killed):
        return False
    victims_a, victims_b = _victims(a), _victims(b)
    return bool(victims_a and victims_b and not victims_a & victims_b)


def _victims(d: EventDraft) -> set[str]:
    return {x.entity_id or x.name for x in d.actors if x.role == "recipient"}


def _near_publication(d: EventDraft) -> bool:
    """Whether ``d``'s date reaches into the news period before the publication date."""
    end = d.date.end or d.date.start
    if end is None or d.published is None:
        return True
    return d.published - _NEWS_PERIOD <= end


def _entities(actors: Sequence[EventActor], role: str | None = None) -> set[str]:
    return {a.entity_id for a in actors if a.entity_id and (role is None or a.role == role)}


def _union_actors(a: Sequence[EventActor], b: Sequence[EventActor]) -> tuple[EventActor, ...]:
    seen = {(x.role, x.entity_id or x.name) for x in a}
    extra = [x for x in b if (x.role, x.entity_id or x.name) not in seen]
    return (*a, *extra)


def _better_date(a: EventDate, b: EventDate) -> EventDate:
    return b if a.method == _UNDATED and b.method != _UNDATED else a


def _better_location(a: EventLocation | None, b: EventLocation | None) -> EventLocation | None:
    if a is None:
        return b
    if b is not None and a.precision in _BROAD_PLACES and b.precision not in _BROAD_PLACES:
        return b
    return a


def _merge_counts(a: Counts, b: Counts) -> Counts:
    merged: dict[str, int | None] = {}
    for f in fields(Counts):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x is None or y is None:
            merged[f.name] = y if x is None else x
        elif f.name == "money_usd":
            merged[f.name] = max(x, y)
        else:
            # Later clauses about one action mostly restate or update its toll ("at least 20
            # killed ... the toll rose to 23"); adding them double-counts. ACLED's conservative
            # practice keeps the largest single figure.
            merged[f.name] = max(x, y)
    return Counts(**merged)


def _union_evidence(a: Sequence[Evidence], b: Sequence[Evidence]) -> tuple[Evidence, ...]:
    seen = {(e.field, e.span) for e in a}
    extra = [e for e in b if (e.field, e.span) not in seen]
    return (*a, *extra)
