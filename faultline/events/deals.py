"""What an event puts at stake: the minerals it names, and for resource deals and offers the
parties and the terms (``Deal``).

A mineral belongs to an event when its sentence names it: that is how news states a stake
("M23 seized Rubaya, whose mines produce coltan"; "in exchange for the right to exploit rare
earth metals, Washington may train the army"). A deal that names no mineral in its own
sentence takes those of the sentence before, which is where news introduces the deal ("signed
a cobalt and copper deal ... The deal also includes $600 million for roads").
"""

from __future__ import annotations

from collections.abc import Sequence

from faultline.models import (
    GENERIC_MINERALS,
    ActorMention,
    Deal,
    DealKind,
    DealParty,
    Event,
    EventActor,
    MineralMention,
    MineralStake,
    Span,
)

# PLOVER types that can state a deal: an agreement, cooperation, aid or support given in
# exchange for something, or talks about one.
DEAL_TYPES = frozenset({"AGREE", "COOPERATE", "AID", "SUPPORT", "CONSULT"})
DEAL_CONTEXTS = frozenset({"natural_resources", "economic"})
# A deal that is only on the table: offered, proposed, planned, or hedged.
_OFFER_MODALITIES = frozenset({"proposed", "planned", "hedged", "threatened"})
_OFFER_TRIGGERS = frozenset({"offer", "propose", "pledge", "promise", "float", "seek", "court"})
# Denials and conditionals state no deal at all.
_NO_DEAL_MODALITIES = frozenset({"negated", "hypothetical"})


def stakes_of(mentions: Sequence[MineralMention]) -> tuple[MineralStake, ...]:
    """One stake per mineral, at its first mention; a generic stake ("critical minerals") only
    when no mineral is named."""
    stakes: dict[str, MineralStake] = {}
    for mention in mentions:
        for mineral in mention.minerals:
            stakes.setdefault(mineral, MineralStake(mineral, mention.text, mention.span))
    if len(stakes) > 1:
        stakes.pop(GENERIC_MINERALS, None)
    return tuple(stakes.values())


def is_deal(event: Event) -> bool:
    """A resource deal or offer: a cooperative act about minerals, resources or money."""
    if event.typing.event_type not in DEAL_TYPES or event.modality in _NO_DEAL_MODALITIES:
        return False
    named = any(s.mineral != GENERIC_MINERALS for s in event.minerals)
    if event.typing.event_type == "CONSULT":
        # Talks are a deal in the making only when they are about named minerals.
        return named
    # "Rwanda arms the rebels to secure the flow of strategic minerals" is support, not a
    # deal: a generic stake needs the typing to say the act is about resources.
    about_resources = bool(DEAL_CONTEXTS & set(event.typing.contexts))
    return about_resources or named or bool(event.counts.money_usd)


def deal_of(event: Event, trigger_lemma: str, sentence_actors: Sequence[ActorMention]) -> Deal:
    """The deal ``event`` states: its kind, its parties and what it puts at stake.

    The parties are the event's actors and recipients; when the parse found none ("a
    consortium ... signed an agreement with Congo's state mining company"), the named actors
    of its sentence stand in, so the record is never silently partyless when the text names
    someone.
    """
    parties = [_party(a) for a in event.actors if a.kind != "civilians"]
    if not parties:
        parties = [_party(a) for a in sentence_actors if a.kind not in {"civilians", "person"}]
    return Deal(
        kind=_deal_kind(event, trigger_lemma),
        parties=_unique_parties(parties),
        minerals=tuple(s.mineral for s in event.minerals),
        money_usd=event.counts.money_usd,
    )


def _party(actor: EventActor | ActorMention) -> DealParty:
    # An unnamed company is better told by its own words ("Congo's state mining company")
    # than by the generic name every company shares.
    unnamed_company = actor.kind == "company" and actor.entity_id is None
    name = actor.text if unnamed_company else actor.name
    return DealParty(name, actor.text, actor.span, actor.entity_id)


def _deal_kind(event: Event, trigger_lemma: str) -> DealKind:
    if event.modality in _OFFER_MODALITIES or trigger_lemma in _OFFER_TRIGGERS:
        return "offer"
    return "agreement"


def _unique_parties(parties: list[DealParty]) -> tuple[DealParty, ...]:
    seen: set[str] = set()
    unique = []
    for party in parties:
        key = party.entity_id or party.name.lower()
        if key not in seen:
            seen.add(key)
            unique.append(party)
    return tuple(unique)


def actors_in(actors: Sequence[ActorMention], span: Span) -> tuple[ActorMention, ...]:
    """The actor mentions that lie inside ``span``."""
    return tuple(a for a in actors if span.start <= a.span.start and a.span.end <= span.end)
