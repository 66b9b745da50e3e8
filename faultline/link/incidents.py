"""Incidents, incrementally: link new events to the stored ones, merge what they join.

``link_pending`` takes the events linking has not seen (the ``link_queue`` the store fills in
the events' own transaction), scores each against the stored events its dates and country
could match (an index range bounded on both sides, so the cost grows with the events near it
in time and place, not with the store), records the links, and rebuilds only the incidents
those links touch. An incident is a connected component of links and its id comes from its
smallest event id, so the result is the same whatever order articles arrive in. When an
article is re-extracted the store drops its old incidents and queues their other events,
which are rebuilt from what remains.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from faultline.link.coups import match_coup
from faultline.link.loading import (
    Embedder,
    candidate_ids,
    chunks,
    clear_queue,
    ensure_vectors,
    incident_members,
    incidents_of,
    load_link_events,
    lock_for_linking,
    pending_event_ids,
)
from faultline.link.members import load_members
from faultline.link.reconcile import summarise
from faultline.link.rules import REALISED, LinkDecision, LinkEvent, decide
from faultline.store.tables import EventLinkTable, IncidentEventTable, IncidentTable


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one linking pass did."""

    events: int  # pending events it examined
    links: int  # pairs it found to report the same happening
    incidents: int  # incidents it created or rebuilt


def incident_id_for(event_ids: Iterable[str]) -> str:
    return "in_" + hashlib.sha256(min(event_ids).encode("utf-8")).hexdigest()[:16]


def link_pending(session: Session, embed: Embedder) -> LinkReport:
    """Link every pending event; the caller commits (one transaction: all or nothing)."""
    lock_for_linking(session)
    pending = pending_event_ids(session)
    if not pending:
        return LinkReport(0, 0, 0)
    events = ensure_vectors(session, load_link_events(session, pending), embed)
    links = _find_links(session, events, set(pending))
    _insert_links(session, links)
    components = _components(pending, links, incidents_of(session, _linked_ids(links)), session)
    rebuilt = _write_incidents(session, components, events)
    clear_queue(session, pending)
    return LinkReport(len(pending), len(links), rebuilt)


def _find_links(
    session: Session, events: dict[str, LinkEvent], pending: set[str]
) -> dict[tuple[str, str], LinkDecision]:
    found: dict[tuple[str, str], LinkDecision] = {}
    for event in sorted(events.values(), key=lambda e: e.id):
        if event.id not in pending or not event.linkable:
            continue
        candidates = candidate_ids(session, event)
        unseen = [i for i in candidates if i not in events]
        if unseen:
            events.update(load_link_events(session, unseen))
        for other_id in candidates:
            pair = (min(event.id, other_id), max(event.id, other_id))
            if pair in found or other_id not in events:
                continue
            decision = decide(event, events[other_id])
            if decision is not None:
                found[pair] = decision
    return found


def _insert_links(session: Session, links: dict[tuple[str, str], LinkDecision]) -> None:
    if not links:
        return
    rows = [
        {"event_id": a, "other_id": b, "score": d.score, "reasons": list(d.reasons)}
        for (a, b), d in sorted(links.items())
    ]
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    session.execute(module.insert(EventLinkTable).on_conflict_do_nothing(), rows)


def _linked_ids(links: dict[tuple[str, str], LinkDecision]) -> set[str]:
    return {event_id for pair in links for event_id in pair}


def _components(
    pending: list[str],
    links: dict[tuple[str, str], LinkDecision],
    incident_of: dict[str, str],
    session: Session,
) -> list[set[str]]:
    """Connected components over pending events, their links, and the stored incidents they
    join (whose members come along whole)."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    for event_id in pending:
        find(event_id)
    for a, b in links:
        union(a, b)
    for incident_id, members in incident_members(session, set(incident_of.values())).items():
        for member in members:
            union(member, f"incident:{incident_id}")
    groups: dict[str, set[str]] = defaultdict(set)
    for node in list(parent):
        if not node.startswith("incident:"):
            groups[find(node)].add(node)
    return list(groups.values())


def _write_incidents(
    session: Session, components: list[set[str]], events: dict[str, LinkEvent]
) -> int:
    members = [m for component in components for m in component]
    old = set(incidents_of(session, members).values())
    for chunk in chunks(sorted(old)):
        session.execute(delete(IncidentTable).where(IncidentTable.id.in_(chunk)))
    for chunk in chunks(sorted(members)):
        session.execute(delete(IncidentEventTable).where(IncidentEventTable.event_id.in_(chunk)))
    memberships, rows = [], []
    for component in components:
        realised = {i for i in component if _realised(events.get(i))}
        for event_id in sorted(component - realised):
            memberships.append({"event_id": event_id, "incident_id": None})
        if not realised:
            continue
        incident_id = incident_id_for(realised)
        memberships += [{"event_id": i, "incident_id": incident_id} for i in sorted(realised)]
        rows.append(_incident_row(session, incident_id, sorted(realised)))
    if memberships:
        session.execute(insert(IncidentEventTable), memberships)
    if rows:
        session.execute(insert(IncidentTable), rows)
    return len(rows)


def _realised(event: LinkEvent | None) -> bool:
    # Events not loaded here are members of stored incidents: realised when they joined.
    return event is None or event.modality in REALISED


def _incident_row(session: Session, incident_id: str, event_ids: list[str]) -> dict[str, object]:
    members = load_members(session, event_ids)
    summary = summarise(members)
    killed = next((c for c in summary.counts if c.name == "killed"), None)
    match = (
        match_coup(summary.country, summary.date_start, summary.date_end, summary.coup)
        if summary.coup
        else None
    )
    return {
        "id": incident_id,
        "event_type": summary.event_type,
        "date_start": summary.date_start,
        "date_end": summary.date_end,
        "date_precision": summary.date_precision,
        "country": summary.country,
        "location": summary.location,
        "location_precision": summary.location_precision,
        "lat": summary.lat,
        "lon": summary.lon,
        "coup": summary.coup,
        "events": summary.events,
        "articles": summary.articles,
        "sources": summary.sources,
        "summary": summary.summary,
        "background": summary.background,
        "killed_best": killed.best if killed else None,
        "killed_low": killed.low if killed else None,
        "killed_high": killed.high if killed else None,
        "counts": [asdict(c) for c in summary.counts],
        "coup_status": match.status if match else None,
        "coup_ref": match.coup_id if match else None,
        "coup_days_apart": match.days_apart if match else None,
        "coup_covered": match.covered if match else None,
    }
