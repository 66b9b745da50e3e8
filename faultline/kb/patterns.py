"""spaCy EntityRuler patterns built from the knowledge base.

The ruler matches token texts exactly (``phrase_matcher_attr: ORTH``), so "US" never matches
"us" and "AU" never matches "Au". Each name is added with its unaccented and
straight/curly-apostrophe spellings, since the press writes "Felix Tshisekedi" as often as
"Félix Tshisekedi".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from faultline.kb.loader import countries, entities
from faultline.kb.records import DEMONYM_LABEL, spelling_variants


@cache
def ruler_patterns() -> tuple[dict[str, Any], ...]:
    """One ``{"label", "pattern", "id"}`` pattern per KB name, alias and demonym spelling.

    Labels: GPE for countries, NORP for demonyms, PERSON for persons, ORG for everything
    else. When two entries share a spelling the first one (countries, then state actors,
    then the entity files in order) keeps it; the KB tests keep such sharing deliberate.
    """
    patterns: dict[str, dict[str, Any]] = {}
    for label, text, entity_id in _names():
        for spelling in spelling_variants(text):
            patterns.setdefault(spelling, {"label": label, "pattern": spelling, "id": entity_id})
    return tuple(patterns.values())


def _names() -> Iterator[tuple[str, str, str]]:
    for e in entities():
        for text in e.names:
            yield e.label, text, e.id
    for country in countries():
        for demonym in country.demonyms:
            yield DEMONYM_LABEL, demonym, f"cty_{country.iso3}"
