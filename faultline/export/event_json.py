"""One event as the JSON object of EVENT_SCHEMA.md (schema_version 1), the public contract."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from faultline.models import Article, ArticleRef, Event, EventActor, EventDate, EventLocation, Span

SCHEMA_VERSION = "1"


def event_to_json(event: Event, article: Article | ArticleRef) -> dict[str, Any]:
    typing = event.typing
    return {
        "schema_version": SCHEMA_VERSION,
        "id": event.id,
        "article": article_json(article),
        "event_type": typing.event_type,
        "mode": typing.mode,
        "contexts": list(typing.contexts),
        "acled": asdict(typing.acled) if typing.acled else None,
        "summary": event.summary,
        "date": _date(event.date),
        "location": _location(event.location),
        "actors": [_actor(a) for a in event.actors],
        "counts": asdict(event.counts),
        "modality": event.modality,
        "attribution": _attribution(event),
        "background": event.background,
        "coup": _coup(event),
        "minerals": _minerals(event),
        "deal": _deal(event),
        "evidence": [{"field": e.field, **_span(e.span), "text": e.text} for e in event.evidence],
        "confidence": round(event.confidence, 3),
        "extractor": event.extractor,
    }


def article_json(article: Article | ArticleRef) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "author": article.author,
        "published": article.published.iso,
        "published_precision": article.published.precision,
        "url": article.url,
        "path": article.path,
    }


def _span(span: Span | None) -> dict[str, int | None]:
    return {"start": span.start if span else None, "end": span.end if span else None}


def _date(date: EventDate) -> dict[str, Any]:
    return {
        "start": date.start.isoformat() if date.start else None,
        "end": date.end.isoformat() if date.end else None,
        "precision": date.precision,
        "text": date.text,
        "method": date.method,
    }


def _location(location: EventLocation | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "text": location.text,
        "name": location.name,
        "geonames_id": location.geonames_id,
        "lat": location.lat,
        "lon": location.lon,
        "country": location.country,
        "admin1": location.admin1,
        "precision": location.precision,
        **_span(location.span),
    }


def _actor(actor: EventActor) -> dict[str, Any]:
    return {
        "role": actor.role,
        "text": actor.text,
        "name": actor.name,
        "kind": actor.kind,
        "sector": actor.sector,
        "country": actor.country,
        "entity_id": actor.entity_id,
        **_span(actor.span),
    }


def _attribution(event: Event) -> dict[str, Any] | None:
    found = event.attribution
    if found is None:
        return None
    return {
        "speaker": found.speaker,
        "speaker_text": found.speaker_text,
        "cue": found.cue,
        "entity_id": found.entity_id,
        "evidence": _span(found.speaker_span),
        "cue_evidence": _span(found.cue_span),
    }


def _minerals(event: Event) -> list[dict[str, Any]]:
    return [{"mineral": m.mineral, "text": m.text, **_span(m.span)} for m in event.minerals]


def _deal(event: Event) -> dict[str, Any] | None:
    deal = event.deal
    if deal is None:
        return None
    return {
        "kind": deal.kind,
        "parties": [
            {"name": p.name, "text": p.text, "entity_id": p.entity_id, **_span(p.span)}
            for p in deal.parties
        ],
        "minerals": list(deal.minerals),
        "money_usd": deal.money_usd,
    }


def _coup(event: Event) -> dict[str, Any] | None:
    if event.coup is None:
        return None
    coup = asdict(event.coup)
    coup["foreign_nationals_involved"] = list(event.coup.foreign_nationals_involved)
    return coup


def jsonable(value: Any) -> Any:
    """Dataclass dumps (``asdict``) made JSON-ready: tuples as lists, dates as ISO text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
