"""Entity ids for actor mentions: the knowledge base's, or a stable hash of a name only the NER
found. Ids never change once issued: cross-article linking records which ids name one entity
rather than renaming them."""

from __future__ import annotations

import hashlib

from faultline.models import ActorMention


def named_entity_id(name: str, kind: str) -> str:
    """A stable id for a name only the NER found (no knowledge-base entry)."""
    key = f"{kind}|{' '.join(name.casefold().split())}"
    return "ent_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def mention_entity_id(actor: ActorMention) -> str | None:
    """The entity an actor mention names; None for generic phrases and demonyms."""
    if actor.entity_id:
        return actor.entity_id
    if actor.method == "ner" and actor.name:
        return named_entity_id(actor.name, actor.kind)
    return None  # generic phrases ("armed men") and demonyms are not entities
