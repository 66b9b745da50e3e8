"""The brief's key actors (who takes part in the period's events, counted) and the relations
among them that the period's articles state (the knowledge graph's edges)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from faultline.models import (
    ActorRelation,
    EventActor,
    GraphEdge,
    KeyActor,
    SourceRef,
    StoredEvent,
)
from faultline.store import Store

KEY_ACTORS = 8
KEY_RELATIONS = 6
SOURCES_PER_RELATION = 2


def gather_actors(events: Sequence[StoredEvent], limit: int = KEY_ACTORS) -> tuple[KeyActor, ...]:
    """The entities in most of the period's events, as actor or recipient."""
    seen: dict[str, list[str]] = defaultdict(list)
    first: dict[str, EventActor] = {}
    for stored in events:
        for actor in stored.event.actors:
            key = actor_key(actor)
            first.setdefault(key, actor)
            if stored.event.id not in seen[key]:
                seen[key].append(stored.event.id)
    # Entities come before unlinked descriptions ("Soldiers", "Civilians"), which name
    # nobody in particular however often they recur.
    ranked = sorted(
        seen,
        key=lambda k: (first[k].entity_id is None, -len(seen[k]), first[k].name.casefold()),
    )[:limit]
    return tuple(
        KeyActor(
            entity_id=first[key].entity_id,
            name=first[key].name,
            kind=first[key].kind,
            sector=first[key].sector,
            events=tuple(seen[key]),
        )
        for key in ranked
    )


def actor_key(actor: EventActor) -> str:
    """An actor's entity id; an actor no entity was linked to is known by its name alone."""
    return actor.entity_id or f"name:{actor.name.casefold()}"


def gather_relations(
    store: Store, events: Sequence[StoredEvent], limit: int = KEY_RELATIONS
) -> tuple[ActorRelation, ...]:
    """Edges touching the period's actors that the period's own articles state, strongest
    first, each cited by the events (or, for a phrase, the articles) that state it."""
    entity_ids = sorted({a.entity_id for e in events for a in e.event.actors if a.entity_id})
    if not entity_ids:
        return ()
    by_article: dict[str, list[StoredEvent]] = defaultdict(list)
    for stored in events:
        by_article[stored.article.id].append(stored)
    found = []
    for edge in store.graph_edges(entity_ids):
        cited = relation_sources(edge, by_article)
        if cited:
            found.append(
                ActorRelation(
                    subject=edge.subject,
                    predicate=edge.predicate,
                    object=edge.object,
                    stakes=edge.stakes,
                    first_seen=edge.first_seen,
                    last_seen=edge.last_seen,
                    sources=tuple(cited),
                    quotes=tuple(cited.values()),
                )
            )
        if len(found) == limit:
            break
    return tuple(found)


def relation_sources(
    edge: GraphEdge, by_article: dict[str, list[StoredEvent]]
) -> dict[SourceRef, str]:
    """What to cite for an edge, with the words stating it: for each piece of its evidence in
    one of the period's articles, the event whose evidence holds it, else the article itself
    (a relation a phrase states, such as "Rwanda-backed M23", comes from no event)."""
    found: dict[SourceRef, str] = {}
    for article_id, start, end, text in edge.evidence:
        if article_id not in by_article or len(found) == SOURCES_PER_RELATION:
            continue
        event = _event_holding(by_article[article_id], start, end)
        ref = SourceRef("event", event) if event else SourceRef("article", article_id)
        found.setdefault(ref, text)
    return found


def _event_holding(events: Sequence[StoredEvent], start: int, end: int) -> str | None:
    # Only the words stating the event: a dateline's place is evidence for many events.
    for stored in events:
        for evidence in stored.event.evidence:
            if (
                evidence.field == "event"
                and evidence.span.start < end
                and start < evidence.span.end
            ):
                return stored.event.id
    return None
