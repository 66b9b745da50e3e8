"""Assemble events: drafts from detection, typed, with modality, attribution and coups."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from faultline.events import EXTRACTOR
from faultline.events.acled import refine_acled
from faultline.events.attribution import attribution_of
from faultline.events.background import is_background
from faultline.events.classify import classify_many
from faultline.events.coup import coup_of, is_coup_trigger
from faultline.events.deals import DEAL_TYPES, actors_in, deal_of, is_deal, stakes_of
from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.events.merge import merge_drafts
from faultline.events.modality import modality_of
from faultline.events.opinion import is_opinion
from faultline.events.relations import relations_of
from faultline.mentions import extract_mentions
from faultline.mentions.minerals import minerals_in
from faultline.models import (
    GENERIC_MINERALS,
    Article,
    Attribution,
    Coup,
    Event,
    EventActor,
    Evidence,
    Extraction,
    Mentions,
    MineralStake,
    Modality,
    Span,
    Typing,
)
from faultline.nlp import BATCH_SIZE, parse_many, release

COUP_CONTEXT = "pro_autocracy"
_SUMMARY_CHARS = 200
_UNNAMED_ARMED = frozenset({"group", "rebel", "militia", "military"})

__all__ = ["EXTRACTOR", "events_of", "extract_all", "extract_articles"]


def events_of(doc: Doc, article: Article, mentions: Mentions) -> tuple[Event, ...]:
    """Every event one parsed article reports, in text order."""
    drafts = event_drafts(doc, article, mentions)
    typings = typings_of([(article, drafts)], [doc])[0]
    return assemble_events(doc, article, mentions, drafts, typings)


def event_drafts(doc: Doc, article: Article, mentions: Mentions) -> list[EventDraft]:
    """The event clauses of one article that state something (opinion left out)."""
    return [
        d
        for d in merge_drafts(find_event_clauses(doc, article, mentions))
        if not is_opinion(_sentence(doc, d))
    ]


def typings_of(
    batch: Sequence[tuple[Article, list[EventDraft]]], docs: Sequence[Doc] | None = None
) -> list[list[Typing]]:
    """The typing of every draft of several articles, embedded in one call: sorted by length
    into full batches, the clauses of 32 articles embed in about half the time of the same
    clauses embedded article by article (measured on the demo corpus).

    With ``docs`` (one per article), a French clause is typed by its gloss (English lemmas
    where we have them): the classifier was trained on English sentences."""
    items = [
        (_clause_text(a, d, docs[n] if docs else None), d.trigger_lemma)
        for n, (a, drafts) in enumerate(batch)
        for d in drafts
    ]
    flat = iter(classify_many(items))
    return [[next(flat) for _ in drafts] for _, drafts in batch]


def assemble_events(doc: Doc, article: Article, mentions: Mentions, drafts: list[EventDraft],
                    typings: list[Typing]) -> tuple[Event, ...]:  # fmt: skip
    """Events from typed drafts, in text order."""
    events = [_event(doc, article, mentions, d, t) for d, t in zip(drafts, typings, strict=True)]
    return tuple(sorted(events, key=lambda e: e.evidence[0].span.start))


def extract_articles(articles: Iterable[Article]) -> Iterator[tuple[Article, tuple[Event, ...]]]:
    """Parse in batches and extract every article's events."""
    for article, extraction in extract_all(articles):
        yield article, extraction.events


def extract_all(articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction]]:
    """Parse in batches; every article's mentions and events, as the store keeps them."""
    parsed = parse_many(articles)
    while batch := list(itertools.islice(parsed, BATCH_SIZE)):
        yield from _extract_batch(batch)


def _extract_batch(batch: list[tuple[Doc, Article]]) -> Iterator[tuple[Article, Extraction]]:
    found = [(doc, article, extract_mentions(doc, article)) for doc, article in batch]
    drafts = [event_drafts(doc, article, mentions) for doc, article, mentions in found]
    typings = typings_of(
        [(article, d) for (_, article, _), d in zip(found, drafts, strict=True)],
        [doc for doc, _, _ in found],
    )
    for (doc, article, mentions), article_drafts, article_typings in zip(
        found, drafts, typings, strict=True
    ):
        events = assemble_events(doc, article, mentions, article_drafts, article_typings)
        relations = relations_of(doc, article, mentions, events)
        release(doc)
        yield article, Extraction(article.id, EXTRACTOR, mentions, events, relations)


def _clause_text(article: Article, draft: EventDraft, doc: Doc | None) -> str:
    if doc is None or doc.lang_ != "fr":
        return draft.clause.of(article.text)
    from faultline.lang.fr import gloss_text

    span = doc.char_span(draft.clause.start, draft.clause.end, alignment_mode="expand")
    return gloss_text(span) if span is not None else draft.clause.of(article.text)


def _event(doc: Doc, article: Article, mentions: Mentions, draft: EventDraft,
           typing: Typing) -> Event:  # fmt: skip
    trigger = _token(doc, draft.trigger)
    attribution = _attribution(doc, draft, mentions)
    modality: Modality = modality_of(trigger)
    if attribution is not None and modality == "asserted":
        modality = "claimed"
    background = is_background(trigger, draft.date.start, article.published)
    coup = _coup(doc, draft, mentions, article, background)
    actors = _perpetrators_named(draft.actors, coup)
    draft = replace(draft, actors=actors)
    typing = refine_acled(_with_coup_context(typing, coup is not None), draft, trigger)
    if draft.lexical_class == "displacement":
        # ACLED codes the violence that drove people out, not the flight itself.
        typing = replace(typing, acled=None, mode=None)
    evidence = list(draft.evidence)
    if attribution is not None:
        span = attribution.speaker_span
        evidence.append(Evidence("attribution", span, span.of(article.text)))
    event = Event(
        id=_event_id(article.id, draft, typing),
        article_id=article.id,
        typing=typing,
        summary=_summary(draft.clause.of(article.text)),
        date=draft.date,
        location=draft.location,
        actors=draft.actors,
        counts=draft.counts,
        modality=modality,
        attribution=attribution,
        background=background,
        coup=coup,
        evidence=tuple(evidence),
        confidence=typing.confidence,
        extractor=EXTRACTOR,
    )
    return _with_stakes(doc, draft, mentions, event)


def _with_stakes(doc: Doc, draft: EventDraft, mentions: Mentions, event: Event) -> Event:
    """The minerals the event's sentence names and, for a resource deal or offer, the deal."""
    stakes = stakes_of(minerals_in(mentions.minerals, draft.sentence))
    event = replace(event, minerals=stakes, typing=_resource_context(event.typing, stakes))
    if not is_deal(event):
        return _with_stake_evidence(event)
    if not stakes:
        sentence = _sentence(doc, draft)
        if sentence.start > 0:
            before = doc[sentence.start - 1].sent
            span = Span(before.start_char, before.end_char)
            event = replace(event, minerals=stakes_of(minerals_in(mentions.minerals, span)))
    deal = deal_of(event, draft.trigger_lemma, actors_in(mentions.actors, draft.sentence))
    return _with_stake_evidence(replace(event, deal=deal))


RESOURCES = "natural_resources"


def _resource_context(typing: Typing, stakes: tuple[MineralStake, ...]) -> Typing:
    """Cooperation in a sentence that names minerals is about them ("in exchange for access
    to coltan, Washington could train and equip the FARDC"), whichever clause names them."""
    named = any(s.mineral != GENERIC_MINERALS for s in stakes)
    if not named or typing.event_type not in DEAL_TYPES or RESOURCES in typing.contexts:
        return typing
    return replace(typing, contexts=(*typing.contexts, RESOURCES))


def _with_stake_evidence(event: Event) -> Event:
    if not event.minerals:
        return event
    found = tuple(Evidence("minerals", s.span, s.text) for s in event.minerals)
    return replace(event, evidence=(*event.evidence, *found))


def _attribution(doc: Doc, draft: EventDraft, mentions: Mentions) -> Attribution | None:
    """Who says so: the first attributed clause among those merged into this event, a named
    source before an unnamed one ("selon un membre de sa sécurité" on one detail, "a déclaré
    le général Ekenge" on the whole)."""
    found = [
        a
        for span in (draft.trigger, *draft.members)
        if (a := attribution_of(doc, _token(doc, span), mentions)) is not None
    ]
    named = [a for a in found if a.speaker is not None]
    return (named or found or [None])[0]


def _coup(doc: Doc, draft: EventDraft, mentions: Mentions, article: Article,
          background: bool) -> Coup | None:  # fmt: skip
    """The coup block when the event, or a clause merged into it, is a coup."""
    for span in (draft.trigger, *draft.members):
        token = _token(doc, span)
        if is_coup_trigger(token):
            return coup_of(doc, token, _clause(doc, draft, token), mentions, article,
                           background=background)  # fmt: skip
    if draft.lexical_class == "coup":
        token = _token(doc, draft.trigger)
        # "came to power through a military coup": the coup word is in the clause.
        return coup_of(doc, token, _clause(doc, draft, token), mentions, article,
                       background=background)  # fmt: skip
    return None


def _clause(doc: Doc, draft: EventDraft, token: Token) -> SpacySpan:
    if draft.clause.start <= token.idx < draft.clause.end:
        span = doc.char_span(draft.clause.start, draft.clause.end, alignment_mode="expand")
        if span is not None:
            return span
    return token.sent


def _perpetrators_named(
    actors: tuple[EventActor, ...], coup: Coup | None
) -> tuple[EventActor, ...]:
    """In a coup with a known leader, the unnamed armed men acting are the leader's men."""
    if coup is None or not coup.leader:
        return actors
    return tuple(
        replace(a, name=f"Supporters of {coup.leader}")
        if a.role == "actor" and a.entity_id is None and a.kind in _UNNAMED_ARMED
        else a
        for a in actors
    )


def _with_coup_context(typing: Typing, is_coup: bool) -> Typing:
    if is_coup and COUP_CONTEXT not in typing.contexts:
        return replace(typing, contexts=(*typing.contexts, COUP_CONTEXT))
    return typing


def _token(doc: Doc, span: Span) -> Token:
    found = doc.char_span(span.start, span.end, alignment_mode="expand")
    return found.root if found is not None and len(found) else doc[0]


def _sentence(doc: Doc, draft: EventDraft) -> SpacySpan:
    span = doc.char_span(draft.sentence.start, draft.sentence.end, alignment_mode="expand")
    return span if span is not None else doc[:]


def _event_id(article_id: str, draft: EventDraft, typing: Typing) -> str:
    key = f"{article_id}:{draft.clause.start}:{draft.clause.end}:{typing.event_type}"
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _summary(clause: str) -> str:
    text = " ".join(clause.split())
    return text if len(text) <= _SUMMARY_CHARS else text[: _SUMMARY_CHARS - 1].rstrip() + "…"
