"""Relations one article states: actor → recipient edges of its events, typed by the event's
PLOVER type, plus the standing ties its phrases state (``relation_patterns``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from faultline.models import GENERIC_MINERALS, Article, Event, Mentions, Predicate, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc

# PLOVER type → knowledge-graph predicate for an actor → recipient pair of one event.
PREDICATES: dict[str, Predicate] = {
    "ASSAULT": "attacks",
    "COERCE": "coerces",
    "SANCTION": "sanctions",
    "ACCUSE": "accuses",
    "THREATEN": "threatens",
    "PROTEST": "protests_against",
    "REJECT": "rejects",
    "REQUEST": "requests",
    "MOBILIZE": "mobilizes_against",
    "RETREAT": "retreats_from",
    "CONCEDE": "concedes_to",
    "CONSULT": "consults",
    "SUPPORT": "supports",
    "AID": "supports",
    "AGREE": "allied_with",
    "COOPERATE": "cooperates_with",
}
# A relation needs the act to have happened or to be on the table; denials and conditionals
# ("if the army attacked ...") tie no one to anyone.
_NO_RELATION_MODALITIES = frozenset({"negated", "hypothetical"})


def relations_of(
    doc: Doc, article: Article, mentions: Mentions, events: Sequence[Event]
) -> tuple[Relation, ...]:
    """Every edge one article states: its events' and its phrases', in text order."""
    from faultline.events.relation_patterns import pattern_relations  # needs spaCy

    found = [*event_relations(events), *pattern_relations(doc, article, mentions)]
    return tuple(sorted(found, key=lambda r: (r.span.start, r.method)))


def event_relations(events: Iterable[Event]) -> Iterator[Relation]:
    """Actor → recipient edges of each event, between entities the knowledge base or NER named."""
    for event in events:
        yield from _edges_of(event)


def deal_stake(event: Event) -> str | None:
    """What a deal is about: the minerals it names, and the money ("cobalt; copper; $600M")."""
    parts = [
        stake.text.lower() if stake.mineral == GENERIC_MINERALS else stake.mineral.replace("_", " ")
        for stake in event.minerals
    ]
    if event.counts.money_usd:
        parts.append(money_text(event.counts.money_usd))
    return "; ".join(parts) or None


def _edges_of(event: Event) -> Iterator[Relation]:
    if event.modality in _NO_RELATION_MODALITIES:
        return
    predicate = "deals_with" if event.deal is not None else PREDICATES[event.typing.event_type]
    subjects = [a for a in event.actors if a.role == "actor" and a.entity_id]
    objects = [a for a in event.actors if a.role == "recipient" and a.entity_id]
    evidence = next((e for e in event.evidence if e.field == "event"), event.evidence[0])
    stake = deal_stake(event) if predicate == "deals_with" else None
    seen: set[tuple[str, str]] = set()
    for subject in subjects:
        for obj in objects:
            pair = (cast(str, subject.entity_id), cast(str, obj.entity_id))
            if pair[0] == pair[1] or pair in seen:
                continue
            seen.add(pair)
            yield Relation(
                article_id=event.article_id,
                subject_id=pair[0],
                subject=subject.name,
                predicate=predicate,
                object_id=pair[1],
                object=obj.name,
                span=evidence.span,
                text=evidence.text,
                modality=event.modality,
                method="event",
                date=event.date.start,
                event_id=event.id,
                stake=stake,
            )


def money_text(value: int) -> str:
    """ "$620M", "$4.5bn": a dollar amount as our tables and graph show it."""
    for size, suffix in ((1_000_000_000, "bn"), (1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"${value / size:g}{suffix}"
    return f"${value}"
