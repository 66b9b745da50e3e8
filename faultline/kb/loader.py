"""Read the knowledge-base YAML files once per process and build the entity table.

Countries come from ``countries.yaml``; every country also yields three generated state
entities (government, armed forces, police) whose names are built from its press names, so
"Malian army" or "DRC authorities" resolve without being written out 75 times. Entries in the
YAML files with the same id replace the generated name and add aliases.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

import yaml

from faultline.kb.records import Country, Entity

DATA = Path(__file__).with_name("data")

# Entity files and the fields every entry of that file has unless it says otherwise.
ENTITY_FILES: dict[str, dict[str, Any]] = {
    "state_forces.yaml": {},
    "groups.yaml": {},
    "igos.yaml": {"kind": "igo", "sector": "IGO"},
    "organisations.yaml": {},
    "persons.yaml": {"kind": "person"},
}

# Words that follow a country's name or adjective to name one of its state actors. Names take
# fewer suffixes than adjectives because "Mali soldiers" is rare while "Malian soldiers" is not.
GOVERNMENT_SUFFIXES = ("government", "Government", "authorities", "regime", "administration")
MILITARY_SUFFIXES = ("army", "Army", "armed forces", "Armed Forces", "military", "troops", "forces")
ADJECTIVE_MILITARY_SUFFIXES = (
    *MILITARY_SUFFIXES,
    "soldiers",
    "security forces",
    "defence forces",
    "defense forces",
    "air force",
    "Air Force",
    "navy",
    "Navy",
)
POLICE_SUFFIXES = ("police", "Police", "police force", "gendarmerie", "Gendarmerie")
# Longer names ("Democratic Republic of the Congo") are not used before a noun by the press.
MAX_WORDS_BEFORE_SUFFIX = 2


def _read(name: str) -> list[dict[str, Any]]:
    # The C loader is ~10x faster than the pure-Python one; fall back when libyaml is absent.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = (DATA / name).read_text(encoding="utf-8")
    return cast(list[dict[str, Any]], yaml.load(text, Loader=loader) or [])


@cache
def countries() -> tuple[Country, ...]:
    """Every country in ``countries.yaml``, in file order."""
    return tuple(
        Country(
            iso3=r["iso3"],
            iso2=r["iso2"],
            name=r["name"],
            aliases=tuple(r.get("aliases") or ()),
            demonyms=tuple(r.get("demonyms") or ()),
            capital=r.get("capital"),
            definite=bool(r.get("definite", False)),
            seats=tuple(r.get("seats") or ()),
            metonym=bool(r.get("metonym", True)),
        )
        for r in _read("countries.yaml")
    )


@cache
def not_actor_names() -> tuple[str, ...]:
    """Place names the NER mistakes for persons or organisations ("Goma")."""
    return tuple(name for group in _read("not_actors.yaml") for name in group)


@cache
def entities() -> tuple[Entity, ...]:
    """Every entity: country states, generated state actors, then each entity file's entries."""
    table: dict[str, Entity] = {}
    for entity in _country_entities(countries()):
        table[entity.id] = entity
    for file_name, defaults in ENTITY_FILES.items():
        for row in _read(file_name):
            entity = _entity({**defaults, **row}, file_name)
            table[entity.id] = _merge(table[entity.id], entity) if entity.id in table else entity
    return tuple(table.values())


@cache
def entity_table() -> dict[str, Entity]:
    return {e.id: e for e in entities()}


def entity(entity_id: str) -> Entity:
    """The entity with that id; raises ``KeyError`` when there is none."""
    return entity_table()[entity_id]


def _entity(row: dict[str, Any], source: str) -> Entity:
    return Entity(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        sector=row.get("sector"),
        country=row.get("country"),
        aliases=tuple(row.get("aliases") or ()),
        role=row.get("role"),
        titles=tuple(row.get("titles") or ()),
        member_of=tuple(row.get("member_of") or ()),
        transnational=bool(row.get("transnational", False)),
        source=source,
    )


def _merge(generated: Entity, written: Entity) -> Entity:
    """A written entry wins over a generated one, keeping the generated aliases too."""
    aliases = tuple(dict.fromkeys((*written.aliases, generated.name, *generated.aliases)))
    aliases = tuple(a for a in aliases if a != written.name)
    return Entity(
        id=written.id,
        name=written.name,
        kind=written.kind,
        sector=written.sector,
        country=written.country or generated.country,
        aliases=aliases,
        role=written.role,
        titles=written.titles,
        member_of=written.member_of,
        transnational=written.transnational,
        source=written.source,
    )


def _country_entities(rows: Iterable[Country]) -> Iterator[Entity]:
    for c in rows:
        yield Entity(f"cty_{c.iso3}", c.name, "state", None, c.iso3, c.aliases, source="countries")
        yield _state_actor(c, "gov", f"Government of {c.the_name}", "government", "GOV")
        yield _state_actor(c, "mil", f"Armed Forces of {c.the_name}", "military", "MIL")
        yield _state_actor(c, "pol", f"Police of {c.the_name}", "police", "COP")


_SUFFIXES = {
    "gov": (GOVERNMENT_SUFFIXES, GOVERNMENT_SUFFIXES),
    "mil": (MILITARY_SUFFIXES, ADJECTIVE_MILITARY_SUFFIXES),
    "pol": (POLICE_SUFFIXES, POLICE_SUFFIXES),
}


def _state_actor(c: Country, prefix: str, name: str, kind: Any, sector: str) -> Entity:
    name_suffixes, adjective_suffixes = _SUFFIXES[prefix]
    short_names = [n for n in c.names if len(n.split()) <= MAX_WORDS_BEFORE_SUFFIX]
    aliases = [f"{n} {s}" for n in short_names for s in name_suffixes]
    if c.demonyms:
        aliases += [f"{c.demonyms[0]} {s}" for s in adjective_suffixes]
    return Entity(
        f"{prefix}_{c.iso3}", name, kind, sector, c.iso3, tuple(aliases), source="generated"
    )
