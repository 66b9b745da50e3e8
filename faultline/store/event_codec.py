"""Conversions between extraction records (events, mentions) and table rows, both ways.

Kept apart from the writer and the queries so the mapping can be read and tested in one place:
every Event field must survive a save and a load unchanged (tests/store/test_event_codec.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, cast

from faultline.kb.entity_ids import mention_entity_id
from faultline.models import (
    AcledCode,
    ActorMention,
    Article,
    Attribution,
    Counts,
    Coup,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    Evidence,
    Extraction,
    PlaceMention,
    Relation,
    Span,
    Typing,
)
from faultline.store import mineral_codec

COUNT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Counts))


@dataclass(slots=True)
class ExtractionRows:
    """Every row one article's extraction writes, table by table."""

    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    counts: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    entity_mentions: list[dict[str, Any]] = field(default_factory=list)
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    place_mentions: list[dict[str, Any]] = field(default_factory=list)
    event_minerals: list[dict[str, Any]] = field(default_factory=list)
    deals: list[dict[str, Any]] = field(default_factory=list)
    mineral_mentions: list[dict[str, Any]] = field(default_factory=list)


def search_key(event_id: str) -> int:
    """A positive 63-bit integer for ``event_id`` (SQLite's full-text rowid)."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big") >> 1


def place_id(
    geonames_id: int | None, precision: str, country: str | None, name: str
) -> str:  # fmt: skip
    key = str(geonames_id) if geonames_id is not None else f"{precision}|{country or ''}|{name}"
    return "pl_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def extraction_rows(article: Article, extraction: Extraction) -> ExtractionRows:
    rows = ExtractionRows()
    _add_mentions(rows, article.id, extraction)
    rows.mineral_mentions = mineral_codec.mention_rows(article.id, extraction.mentions.minerals)
    for ordinal, event in enumerate(extraction.events):
        _add_event(rows, event, ordinal)
    _add_relations(rows, extraction.relations)
    return rows


def _add_relations(rows: ExtractionRows, relations: Iterable[Relation]) -> None:
    seen: set[tuple[int, str, str, str]] = set()
    for relation in relations:
        key = (relation.span.start, relation.subject_id, relation.predicate, relation.object_id)
        if key in seen:
            continue
        seen.add(key)
        for entity_id, name in (
            (relation.subject_id, relation.subject),
            (relation.object_id, relation.object),
        ):
            if entity_id not in rows.entities:
                # A relation endpoint no actor introduced: a KB country a demonym such as
                # "Rwandan-backed" names.
                rows.entities[entity_id] = _entity_values(entity_id, name, None)
        rows.relations.append(relation_values(relation))


def _add_mentions(rows: ExtractionRows, article_id: str, extraction: Extraction) -> None:
    seen: set[tuple[int, int]] = set()
    for actor in extraction.mentions.actors:
        entity_id = mention_entity_id(actor)
        key = (actor.span.start, actor.span.end)
        if entity_id is None or key in seen:
            continue
        seen.add(key)
        rows.entities.setdefault(entity_id, _entity_values(entity_id, actor.name, actor))
        rows.entity_mentions.append(
            {
                "article_id": article_id,
                "start": actor.span.start,
                "end": actor.span.end,
                "entity_id": entity_id,
                "text": actor.text,
                "method": actor.method,
                "score": actor.score,
            }
        )
    seen.clear()
    for place in extraction.mentions.places:
        key = (place.span.start, place.span.end)
        if key in seen:
            continue
        seen.add(key)
        values = _place_values(place)
        rows.places.setdefault(values["id"], values)
        rows.place_mentions.append(
            {
                "article_id": article_id,
                "start": place.span.start,
                "end": place.span.end,
                "place_id": values["id"],
                "text": place.text,
                "method": place.method,
                "score": place.score,
            }
        )


def _entity_values(
    entity_id: str, name: str, actor: ActorMention | EventActor | None
) -> dict[str, Any]:
    """The ``entities`` row: the knowledge base's record, else what the text said of it."""
    from faultline.kb.loader import entity_table  # the KB loads once per process

    known = entity_table().get(entity_id)
    if known is not None:
        return {
            "id": entity_id,
            "name": known.name,
            "kind": known.kind,
            "sector": known.sector,
            "country": known.country,
            "source": "kb",
        }
    return {
        "id": entity_id,
        "name": name,
        "kind": actor.kind if actor else "other",
        "sector": actor.sector if actor else None,
        "country": actor.country if actor else None,
        "source": "ner",
    }


def _place_values(place: PlaceMention | EventLocation) -> dict[str, Any]:
    return {
        "id": place_id(place.geonames_id, place.precision, place.country, place.name),
        "name": place.name,
        "precision": place.precision,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "feature": place.feature if isinstance(place, PlaceMention) else None,
    }


def _add_event(rows: ExtractionRows, event: Event, ordinal: int) -> None:
    rows.events.append(event_values(event, ordinal))
    if event.location is not None:
        place = _place_values(event.location)
        rows.places.setdefault(place["id"], place)
    for index, actor in enumerate(event.actors):
        rows.actors.append(_actor_values(event.id, index, actor))
        if actor.entity_id:
            rows.entities.setdefault(
                actor.entity_id, _entity_values(actor.entity_id, actor.name, actor)
            )
    rows.evidence.extend(
        {
            "event_id": event.id,
            "ordinal": index,
            "field": item.field,
            "start": item.span.start,
            "end": item.span.end,
            "text": item.text,
        }
        for index, item in enumerate(event.evidence)
    )
    rows.counts.extend(
        {"event_id": event.id, "category": name, "value": value}
        for name in COUNT_FIELDS
        if (value := getattr(event.counts, name)) is not None
    )
    if event.attribution is not None:
        rows.claims.append(_claim_values(event))
    rows.event_minerals.extend(mineral_codec.stake_rows(event))
    if (deal := mineral_codec.deal_row(event)) is not None:
        rows.deals.append(deal)


def event_values(event: Event, ordinal: int) -> dict[str, Any]:
    typing, date, location, coup = event.typing, event.date, event.location, event.coup
    acled = typing.acled
    place = _place_values(location) if location is not None else None
    return {
        "id": event.id,
        "search_key": search_key(event.id),
        "article_id": event.article_id,
        "ordinal": ordinal,
        "extractor": event.extractor,
        "event_type": typing.event_type,
        "mode": typing.mode,
        "contexts": list(typing.contexts),
        "typing_method": typing.method,
        "typing_confidence": typing.confidence,
        "acled_event_type": acled.event_type if acled else None,
        "acled_sub_event_type": acled.sub_event_type if acled else None,
        "acled_disorder_type": acled.disorder_type if acled else None,
        "acled_interaction": acled.interaction if acled else None,
        "summary": event.summary,
        "date_start": date.start,
        "date_end": date.end,
        "date_precision": date.precision,
        "date_method": date.method,
        "date_text": date.text,
        "date_text_start": date.span.start if date.span else None,
        "date_text_end": date.span.end if date.span else None,
        "place_id": place["id"] if place else None,
        "location_text": location.text if location else None,
        "location_name": location.name if location else None,
        "location_precision": location.precision if location else None,
        "location_start": location.span.start if location else None,
        "location_end": location.span.end if location else None,
        "country": location.country if location else None,
        "admin1": location.admin1 if location else None,
        "geonames_id": location.geonames_id if location else None,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "fatalities": event.counts.killed,
        "modality": event.modality,
        "background": event.background,
        "coup_outcome": coup.outcome if coup else None,
        "coup_perpetrator": coup.perpetrator if coup else None,
        "coup_leader": coup.leader if coup else None,
        "coup_target": coup.target if coup else None,
        "coup_foreign_nationals": list(coup.foreign_nationals_involved) if coup else None,
        "confidence": event.confidence,
        "search_text": search_text(event),
    }


def search_text(event: Event) -> str:
    """What ``--text`` searches: the event's wording, its actors, place, speaker and coup."""
    parts: list[str] = [event.summary]
    parts += [e.text for e in event.evidence if e.field == "event"]
    for actor in event.actors:
        parts += [actor.name, actor.text]
    if event.location is not None:
        parts += [event.location.name, event.location.text]
    if event.attribution is not None:
        parts += [event.attribution.speaker or "", event.attribution.speaker_text]
    if event.coup is not None:
        parts += [event.coup.leader or "", event.coup.target or ""]
    unique = dict.fromkeys(" ".join(p.split()) for p in parts if p and p.strip())
    return "\n".join(unique)


def _actor_values(event_id: str, ordinal: int, actor: EventActor) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "ordinal": ordinal,
        "role": actor.role,
        "text": actor.text,
        "name": actor.name,
        "kind": actor.kind,
        "sector": actor.sector,
        "country": actor.country,
        "entity_id": actor.entity_id,
        "start": actor.span.start,
        "end": actor.span.end,
    }


def _claim_values(event: Event) -> dict[str, Any]:
    found = cast(Attribution, event.attribution)
    return {
        "event_id": event.id,
        "article_id": event.article_id,
        "speaker": found.speaker,
        "speaker_text": found.speaker_text,
        "speaker_entity_id": found.entity_id,
        "cue": found.cue,
        "speaker_start": found.speaker_span.start,
        "speaker_end": found.speaker_span.end,
        "cue_start": found.cue_span.start,
        "cue_end": found.cue_span.end,
        "modality": event.modality,
    }


def relation_values(relation: Relation) -> dict[str, Any]:
    """The ``relations`` row of one edge an article states."""
    return {
        "event_id": relation.event_id,
        "article_id": relation.article_id,
        "subject_id": relation.subject_id,
        "predicate": relation.predicate,
        "object_id": relation.object_id,
        "modality": relation.modality,
        "date": relation.date,
        "start": relation.span.start,
        "end": relation.span.end,
        "method": relation.method,
        "text": relation.text,
        "stake": relation.stake,
    }


# --- rows → records ---------------------------------------------------------------------------


def event_from_rows(
    row: Any,
    actors: Sequence[Any],
    evidence: Sequence[Any],
    counts: Iterable[Any],
    claim: Any | None,
    minerals: Sequence[Any] = (),
    deal: Any | None = None,
) -> Event:
    """Rebuild the Event from its ``events`` row and its child rows (any order)."""
    return Event(
        id=row.id,
        article_id=row.article_id,
        typing=_typing(row),
        summary=row.summary,
        date=EventDate(
            start=as_date(row.date_start),
            end=as_date(row.date_end),
            precision=row.date_precision,
            method=row.date_method,
            text=row.date_text,
            span=_span(row.date_text_start, row.date_text_end),
        ),
        location=_location(row),
        actors=tuple(_actor(a) for a in sorted(actors, key=lambda a: a.ordinal)),
        counts=Counts(**{c.category: int(c.value) for c in counts if c.category in COUNT_FIELDS}),
        modality=row.modality,
        attribution=_attribution(claim),
        background=bool(row.background),
        coup=_coup(row),
        evidence=tuple(
            Evidence(e.field, Span(e.start, e.end), e.text)
            for e in sorted(evidence, key=lambda e: e.ordinal)
        ),
        confidence=row.confidence,
        extractor=row.extractor,
        minerals=mineral_codec.stakes_from_rows(minerals),
        deal=mineral_codec.deal_from_row(deal),
    )


def _typing(row: Any) -> Typing:
    acled = None
    if row.acled_event_type is not None:
        acled = AcledCode(
            row.acled_event_type,
            row.acled_sub_event_type,
            row.acled_disorder_type,
            row.acled_interaction,
        )
    return Typing(
        event_type=row.event_type,
        mode=row.mode,
        contexts=tuple(row.contexts or ()),
        acled=acled,
        confidence=row.typing_confidence,
        method=row.typing_method,
    )


def _location(row: Any) -> EventLocation | None:
    if row.location_name is None:
        return None
    return EventLocation(
        text=row.location_text,
        name=row.location_name,
        precision=row.location_precision,
        span=Span(row.location_start, row.location_end),
        country=row.country,
        admin1=row.admin1,
        geonames_id=row.geonames_id,
        lat=row.lat,
        lon=row.lon,
    )


def _actor(row: Any) -> EventActor:
    return EventActor(
        role=row.role,
        text=row.text,
        name=row.name,
        kind=row.kind,
        span=Span(row.start, row.end),
        sector=row.sector,
        country=row.country,
        entity_id=row.entity_id,
    )


def _attribution(claim: Any | None) -> Attribution | None:
    if claim is None:
        return None
    return Attribution(
        speaker=claim.speaker,
        speaker_text=claim.speaker_text,
        cue=claim.cue,
        speaker_span=Span(claim.speaker_start, claim.speaker_end),
        cue_span=Span(claim.cue_start, claim.cue_end),
        entity_id=claim.speaker_entity_id,
    )


def _coup(row: Any) -> Coup | None:
    if row.coup_outcome is None:
        return None
    return Coup(
        outcome=row.coup_outcome,
        perpetrator=row.coup_perpetrator,
        leader=row.coup_leader,
        target=row.coup_target,
        foreign_nationals_involved=tuple(row.coup_foreign_nationals or ()),
    )


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(start, end)


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A Date column's value as a date (SQLite hands some back as ISO text)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
