"""Lookup tables over the knowledge base, built once per process for the mention resolvers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from faultline.kb.loader import countries, entities, entity_table, not_actor_names
from faultline.kb.records import Country, Entity, name_key, spelling_variants

# A person's name needs at least this many words to be a fuzzy-match target: single names
# ("Mobutu") are matched exactly or not at all.
MIN_FUZZY_WORDS = 2


@dataclass(frozen=True, slots=True)
class KBIndex:
    """Name keys (see :func:`name_key`) mapped to what they name."""

    by_id: dict[str, Entity]
    by_name: dict[str, tuple[str, ...]]  # any entity name or alias -> entity ids
    country_by_iso3: dict[str, Country]
    country_by_name: dict[str, str]  # country name or alias -> ISO3
    country_by_demonym: dict[str, str]  # "malian", "malians" -> MLI
    country_by_seat: dict[str, str]  # capital or seat of government -> ISO3
    person_names: tuple[str, ...]  # keys of full person names, for fuzzy matching
    person_by_name: dict[str, str]  # those keys -> person id
    not_actors: frozenset[str]  # place names the NER mistakes for persons or organisations

    def lookup(self, text: str) -> tuple[Entity, ...]:
        return tuple(self.by_id[i] for i in self.by_name.get(name_key(text), ()))

    def country_of(self, text: str) -> str | None:
        """ISO3 of a country named, or described by a demonym, in ``text``."""
        key = name_key(text)
        return self.country_by_name.get(key) or self.country_by_demonym.get(key)


@cache
def kb_index() -> KBIndex:
    by_name: dict[str, list[str]] = {}
    for e in entities():
        for text in e.names:
            ids = by_name.setdefault(name_key(text), [])
            if e.id not in ids:
                ids.append(e.id)
    persons = [e for e in entities() if e.kind == "person"]
    person_by_name = {
        name_key(n): p.id for p in persons for n in p.names if len(n.split()) >= MIN_FUZZY_WORDS
    }
    return KBIndex(
        by_id=entity_table(),
        by_name={k: tuple(v) for k, v in by_name.items()},
        country_by_iso3={c.iso3: c for c in countries()},
        country_by_name={name_key(n): c.iso3 for c in countries() for n in c.names},
        country_by_demonym={name_key(d): c.iso3 for c in countries() for d in c.demonyms},
        country_by_seat={
            name_key(s): c.iso3
            for c in countries()
            for m in c.metonyms
            for s in spelling_variants(m)
        },
        person_names=tuple(person_by_name),
        person_by_name=person_by_name,
        not_actors=frozenset(name_key(n) for n in not_actor_names()),
    )
