"""The knowledge base: countries and actors we wrote, shipped as YAML in ``data/``.

- :func:`countries` - every country (ISO codes, press names, demonyms, capital).
- :func:`entities` / :func:`entity` - every actor with a stable, readable id: ``cty_COD``
  (the state), ``gov_COD`` / ``mil_COD`` / ``pol_COD`` (its government, armed forces, police),
  ``grp_m23``, ``igo_un``, ``per_christian_malanga``, ``pty_...``, ``med_...``.
- :func:`ruler_patterns` - the spaCy EntityRuler patterns ``faultline.nlp`` loads.
- :func:`kb_index` - name lookup tables for the mention resolvers.

Everything is parsed once per process and cached. See ``README.md`` for adding entries.
"""

from __future__ import annotations

from faultline.kb.index import KBIndex, kb_index
from faultline.kb.loader import countries, entities, entity
from faultline.kb.patterns import ruler_patterns
from faultline.kb.records import Country, Entity, name_key

__all__ = [
    "Country",
    "Entity",
    "KBIndex",
    "countries",
    "entities",
    "entity",
    "kb_index",
    "name_key",
    "ruler_patterns",
]
