"""Relations one article states: actor → recipient edges of its events, typed by the event's
PLOVER type, plus the standing ties its phrases state (``relation_patterns``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from faultline.models import Article, Event, Mentions, Predicate, Relation

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
DEAL_CONTEXTS = frozenset({"natural_resources", "economic"})
# A relation needs the act to have happened or to be on the table; denials and conditionals
# ("if the army attacked ...") tie no one to anyone.
_NO_RELATION_MODALITIES = frozenset({"negated", "hypothetical"})
# What a deal is about, when its wording names it: the minerals and fuels our users track.
_STAKES = re.compile(
    r"\b(cobalt|copper|lithium|coltan|tantalum|tin|tungsten|gold|diamonds?|uranium|manganese"
    r"|nickel|graphite|germanium|bauxite|iron ore|rare earths?|oil|natural gas|critical minerals"
    r"|minerals?)\b",
    re.IGNORECASE,
)


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


def deal_stake(text: str, money_usd: int | None) -> str | None:
    """What a deal is about: the minerals its wording names, and the money ("cobalt; $600M")."""
    found = dict.fromkeys(m.group(1).lower() for m in _STAKES.finditer(text))
    if len(found) > 1:
        found.pop("minerals", None)
        found.pop("mineral", None)
    parts = list(found)
    if money_usd:
        parts.append(money_text(money_usd))
    return "; ".join(parts) or None


def _edges_of(event: Event) -> Iterator[Relation]:
    if event.modality in _NO_RELATION_MODALITIES:
        return
    predicate = PREDICATES[event.typing.event_type]
    if predicate in {"cooperates_with", "allied_with"} and (
        DEAL_CONTEXTS & set(event.typing.contexts) or event.counts.money_usd
    ):
        predicate = "deals_with"
    subjects = [a for a in event.actors if a.role == "actor" and a.entity_id]
    objects = [a for a in event.actors if a.role == "recipient" and a.entity_id]
    evidence = next((e for e in event.evidence if e.field == "event"), event.evidence[0])
    stake = deal_stake(evidence.text, event.counts.money_usd) if predicate == "deals_with" else None
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
