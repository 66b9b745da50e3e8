"""Events as PLOVER / POLECAT JSON records (one object per event, JSONL-friendly).

Field names are the ones the PLOVER 2.0 manual documents (``shared/reference/plover``, the
"PLOVER JSON" table and its entity, text, size, citation and location objects), so POLECAT
readers find them where they expect:

* ``id``, ``date``/``enddate`` (ISO), ``event``/``mode``/``context`` as lists (the manual
  allows several values each), ``quad_code`` from the manual's numeric quad table (which puts
  SANCTION in verbal conflict, 3, although its summary table lists it as material conflict).
* ``actor``/``recipient``: lists of entity objects — ``code`` (ISO3 country, the manual's
  3-char top-level code), ``country_name``, ``sector``, ``entity_text`` (the words in the
  article), ``entity_name`` (resolved name), ``identifier_id``/``identifier_text`` (our
  knowledge-base id and canonical name; the manual suggests Wikidata, which we do not have).
* ``event_loc``: the Mordecai-style location object; ``resolution`` 5 sub-city, 4 city,
  3 district, 2 province, 1 country. Coordinates are given only for city or finer, so a
  country-level event is never a pin.
* ``event_text``: the evidence texts of the event itself (the summary when there are none);
  ``text_info`` the character offsets of the first of them in the normalised article text.
* ``size``: the manual's dead/injured/arrested object.
* The manual's auxiliary modes are put in ``context``, as it asks: ``historical`` for
  background mentions, ``hypothetical``, ``future`` (planned or threatened) and ``negation``.
* Our fields PLOVER has no name for (modality, attribution, coup, confidence, ...) go under
  ``faultline`` so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faultline.export.acled import country_info

CODEBOOK = "plover-2.0"

QUAD_CODES = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
_RESOLUTION = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 1}
_AUX_MODALITY = {
    "hypothetical": "hypothetical",
    "planned": "future",
    "threatened": "future",
    "negated": "negation",
}


def polecat_records(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One PLOVER record per event, in input order."""
    return [polecat_record(event) for event in events]


def polecat_record(event: dict[str, Any]) -> dict[str, Any]:
    date = event.get("date") or {}
    article = event.get("article") or {}
    actors = event.get("actors") or []
    counts = event.get("counts") or {}
    texts = [e for e in event.get("evidence") or [] if e.get("field") == "event"]
    return {
        "id": event["id"],
        "date": date.get("start"),
        "enddate": date.get("end"),
        "event": [event["event_type"]],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": _contexts(event),
        "quad_code": QUAD_CODES.get(event["event_type"]),
        "actor": [_entity(a) for a in actors if a.get("role") == "actor"],
        "recipient": [_entity(a) for a in actors if a.get("role") == "recipient"],
        "event_loc": _location(event.get("location")),
        "event_text": [e["text"] for e in texts] or [event.get("summary") or ""],
        "text_info": {"start": texts[0]["start"], "end": texts[0]["end"]} if texts else None,
        "size": {
            "dead": counts.get("killed"),
            "injured": counts.get("injured"),
            "arrested": counts.get("arrested"),
        },
        "cite_info": {
            "citation": article.get("id"),
            "url": article.get("url"),
            "title": article.get("title"),
            "publication": article.get("source"),
            "coder": event.get("extractor"),
            "codebook": CODEBOOK,
        },
        "coder": event.get("extractor"),
        "faultline": {
            "date_precision": date.get("precision"),
            "modality": event.get("modality"),
            "attribution": event.get("attribution"),
            "background": event.get("background"),
            "acled": event.get("acled"),
            "coup": event.get("coup"),
            "counts": counts,
            "summary": event.get("summary"),
            "confidence": event.get("confidence"),
            "article_published": article.get("published"),
        },
    }


def _contexts(event: dict[str, Any]) -> list[str]:
    contexts = list(event.get("contexts") or [])
    aux = _AUX_MODALITY.get(event.get("modality") or "")
    if event.get("background"):
        contexts.append("historical")
    if aux:
        contexts.append(aux)
    return contexts


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    code = actor.get("country")
    info = country_info(code)
    return {
        "code": code,
        "country_name": info[1] if info else None,
        "sector": actor.get("sector"),
        "entity_text": actor.get("text"),
        "entity_name": actor.get("name"),
        "identifier_id": actor.get("entity_id"),
        "identifier_text": actor.get("name") if actor.get("entity_id") else None,
    }


def _location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if not location:
        return None
    precision = location.get("precision")
    pinned = precision in ("point", "city")
    info = country_info(location.get("country"))
    return {
        "extracted_place": location.get("text"),
        "resolved_place": location.get("name"),
        "geonameid": location.get("geonames_id"),
        "lat": location.get("lat") if pinned else None,
        "lon": location.get("lon") if pinned else None,
        "city": location.get("name") if pinned else None,
        "district": location.get("name") if precision == "admin2" else None,
        "province": location.get("admin1"),
        "country": info[1] if info else None,
        "country_code": location.get("country"),
        "resolution": _RESOLUTION.get(precision or ""),
    }
