"""One entity across articles: names only the NER found, linked to each other and to the
knowledge base when the names agree and the articles support it.

Two names are candidates when one's words contain the other's ("Malanga" ⊂ "Christian
Malanga Musumari") or they are spelling variants (token-sort ratio ≥ ``FUZZY_MIN``: "Mbuyl" /
"Mbuyi"). A candidate pair merges only with supporting context:

* a shared incident (articles naming each report one incident) supports any candidate;
* two or more other entities or places named in both entities' articles support a name of two
  or more words that contains the other, or a spelling variant;
* a bare surname needs the shared incident.

Entities of different kinds or countries never merge, nor do two knowledge-base entities.
Ids are never renamed: every examined name gets an ``entity_links`` row pointing at its
group's canonical id (the knowledge-base entity when there is one, else the fullest name).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from faultline.kb.titles import TITLES
from faultline.link.loading import chunks
from faultline.store.tables import (
    EntityLinkTable,
    EntityMentionTable,
    EntityTable,
    EventTable,
    IncidentEventTable,
    PlaceMentionTable,
)

FUZZY_MIN = 88.0
_MIN_SHARED_NEIGHBOURS = 2
# Kinds the press uses interchangeably for one armed group.
_KIND_FAMILY = {"rebel": "armed", "militia": "armed", "group": "armed"}
# The NER confuses people and organisations: for names only it found, these are one family.
_NER_NAMED = frozenset({"person", "group", "other"})
_LINKED_KINDS = frozenset({"person", "rebel", "militia", "group", "party", "company", "ngo",
                           "media", "igo", "other"})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FUNCTION_WORDS = frozenset({"for", "of", "the", "and", "de", "du", "des", "la", "le", "pour"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "the", "mr.", "mrs.", "ms.", "dr."})


@dataclass(frozen=True, slots=True)
class Named:
    id: str
    name: str
    kind: str
    country: str | None
    source: str  # kb | ner

    @property
    def words(self) -> tuple[str, ...]:
        return name_words(self.name)


def name_words(name: str) -> tuple[str, ...]:
    """The name's words, casefolded, accents dropped, titles left out ("Col. Mbuyi" →
    ("mbuyi",), "Thérèse" → "therese")."""
    words = [_fold(w) for w in _WORD.findall(name.replace("-", " "))]
    return tuple(w for w in words if not _is_title(w))


def _is_title(word: str) -> bool:
    return word in TITLES or f"{word}." in TITLES or word in _HONORIFICS


def link_entities(session: Session) -> int:
    """Examine every NER entity not examined yet; returns how many were examined."""
    pending = _pending(session)
    if not pending:
        return 0
    known = _all_named(session)
    index = _Index(known)
    links: list[tuple[str, str, str, float]] = []
    for entity in pending:
        for other, rule, score in _candidates(entity, index):
            if _supported(session, entity, other, rule):
                links.append((entity.id, other.id, rule, score))
    _write_groups(session, pending, links, known)
    return len(pending)


def canonical_ids(session: Session, entity_ids: Iterable[str]) -> dict[str, str]:
    """entity id → canonical id (itself when it was never merged)."""
    ids = sorted(set(entity_ids))
    found = {i: i for i in ids}
    for chunk in chunks(ids):
        statement = select(EntityLinkTable.entity_id, EntityLinkTable.canonical_id).where(
            EntityLinkTable.entity_id.in_(chunk)
        )
        found.update({row.entity_id: row.canonical_id for row in session.execute(statement)})
    return found


def group_of(session: Session, canonical_id: str) -> list[str]:
    """Every entity id linked to ``canonical_id``, itself first."""
    statement = select(EntityLinkTable.entity_id).where(
        EntityLinkTable.canonical_id == canonical_id
    )
    others = sorted(set(session.scalars(statement)) - {canonical_id})
    return [canonical_id, *others]


def _pending(session: Session) -> list[Named]:
    statement = (
        select(EntityTable)
        .outerjoin(EntityLinkTable, EntityLinkTable.entity_id == EntityTable.id)
        .where(EntityTable.source == "ner", EntityLinkTable.entity_id.is_(None))
        .order_by(EntityTable.id)
    )
    return [_named(row) for row in session.scalars(statement)]


def _all_named(session: Session) -> dict[str, Named]:
    statement = select(EntityTable).where(EntityTable.kind.in_(_LINKED_KINDS))
    found = {row.id: _named(row) for row in session.scalars(statement)}
    from faultline.kb.loader import entities  # the KB's people and groups, stored or not

    for entity in entities():
        if entity.kind in _LINKED_KINDS and entity.id not in found:
            found[entity.id] = Named(entity.id, entity.name, entity.kind, entity.country, "kb")
    return found


def _named(row: EntityTable) -> Named:
    return Named(row.id, row.name, row.kind, row.country, row.source)


@dataclass(slots=True)
class _Index:
    """Every known name, looked up by word, by spelling (rapidfuzz over all names at once, in
    C), and by initials."""

    known: dict[str, Named]
    by_word: dict[str, list[Named]] = field(default_factory=lambda: defaultdict(list))
    by_initials: dict[str, list[Named]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, list[Named]] = field(default_factory=lambda: defaultdict(list))
    spellings: list[str] = field(default_factory=list)
    spelled: list[Named] = field(default_factory=list)

    def __post_init__(self) -> None:
        for entity in self.known.values():
            for word in set(entity.words):
                self.by_word[word].append(entity)
            self.by_initials[_initials(entity.name)].append(entity)
            self.by_name[entity.name].append(entity)
            self.spellings.append(" ".join(entity.words))
            self.spelled.append(entity)

    def spelling_variants(self, entity: Named) -> Iterable[tuple[Named, float]]:
        query = " ".join(entity.words)
        found = process.extract(query, self.spellings, scorer=fuzz.token_sort_ratio,
                                score_cutoff=FUZZY_MIN, limit=None)  # fmt: skip
        for _, ratio, position in found:
            yield self.spelled[position], ratio / 100


def _candidates(entity: Named, index: _Index) -> Iterable[tuple[Named, str, float]]:
    words = entity.words
    if not words:
        return
    seen: set[str] = {entity.id}
    for word in set(words):
        for other in index.by_word.get(word, ()):
            if other.id in seen or not _compatible(entity, other):
                continue
            seen.add(other.id)
            found = _name_match(entity, other)
            if found is not None:
                yield other, *found
    yield from _acronym_matches(entity, index, seen)
    # Spelling variants share no exact word ("Mbuyl" / "Mbuyi").
    for other, score in index.spelling_variants(entity):
        if other.id in seen or not _compatible(entity, other):
            continue
        if len(words) != len(other.words):
            continue
        seen.add(other.id)
        yield other, "spelling", score


def _acronym_matches(
    entity: Named, index: _Index, seen: set[str]
) -> Iterable[tuple[Named, str, float]]:
    """ "ADR" and "Alliance for Democratic Renewal": an all-capitals name and the initials of
    another's words (function words skipped)."""
    if _is_acronym(entity.name):
        others = index.by_initials.get(entity.name, [])
    else:
        initials = _initials(entity.name)
        others = index.by_name.get(initials, []) if len(initials) > 1 else []
    for other in others:
        if other.id not in seen and _compatible(entity, other):
            seen.add(other.id)
            yield other, "acronym", 0.8


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w.casefold() not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words if w[:1].isupper())


def _name_match(a: Named, b: Named) -> tuple[str, float] | None:
    shorter, longer = sorted((a, b), key=lambda n: len(n.words))
    if not set(shorter.words) <= set(longer.words):
        ratio = fuzz.token_sort_ratio(" ".join(a.words), " ".join(b.words))
        return ("spelling", ratio / 100) if ratio >= FUZZY_MIN else None
    parts = _space_words(shorter.name)
    if len(parts) == 1:
        # One word (hyphens kept: "Jean-Pierre"): a surname when it is not the fuller name's
        # first word, which is a given name ("Jean-Pierre" is not "Jean-Pierre Mbuyi").
        first = _space_words(longer.name)[:1]
        return None if parts == first else ("surname", 0.7)
    return ("contained", 0.9)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _space_words(name: str) -> list[str]:
    words = [_fold(w).strip(".,") for w in name.split()]
    return [w for w in words if not _is_title(w)]


def _compatible(a: Named, b: Named) -> bool:
    if a.source == "kb" and b.source == "kb":
        return False
    both_ner = a.source == "ner" and b.source == "ner"
    same_family = _KIND_FAMILY.get(a.kind, a.kind) == _KIND_FAMILY.get(b.kind, b.kind)
    if not same_family and not (both_ner and {a.kind, b.kind} <= _NER_NAMED):
        return False
    return not (a.country and b.country and a.country != b.country)


def _supported(session: Session, a: Named, b: Named, rule: str) -> bool:
    if _share_incident(session, a.id, b.id):
        return True
    if rule == "surname":
        return False
    return len(_neighbours(session, a.id) & _neighbours(session, b.id)) >= _MIN_SHARED_NEIGHBOURS


def _share_incident(session: Session, a: str, b: str) -> bool:
    """Whether an incident has events from an article naming ``a`` and one naming ``b``."""

    def incidents(entity_id: str) -> set[str]:
        articles = select(EntityMentionTable.article_id).where(
            EntityMentionTable.entity_id == entity_id
        )
        statement = (
            select(IncidentEventTable.incident_id)
            .join(EventTable, EventTable.id == IncidentEventTable.event_id)
            .where(EventTable.article_id.in_(articles))
            .where(IncidentEventTable.incident_id.is_not(None))
        )
        return set(session.scalars(statement.distinct()))

    return bool(incidents(a) & incidents(b))


def _neighbours(session: Session, entity_id: str) -> set[str]:
    """Other entities, and places, named in the articles that name ``entity_id``."""
    articles = select(EntityMentionTable.article_id).where(
        EntityMentionTable.entity_id == entity_id
    )
    entities = select(EntityMentionTable.entity_id).where(
        EntityMentionTable.article_id.in_(articles), EntityMentionTable.entity_id != entity_id
    )
    places = select(PlaceMentionTable.place_id).where(PlaceMentionTable.article_id.in_(articles))
    return set(session.scalars(entities.distinct())) | set(session.scalars(places.distinct()))


def _write_groups(
    session: Session,
    pending: list[Named],
    links: list[tuple[str, str, str, float]],
    known: dict[str, Named],
) -> None:
    existing = canonical_ids(session, [other for _, other, _, _ in links])
    group: dict[str, set[str]] = {e.id: {e.id} for e in pending}
    for canonical in sorted(set(existing.values()) - set(group)):
        members = set(group_of(session, canonical))
        for member in members:
            group.setdefault(member, members)
    rules: dict[str, tuple[str, float]] = {}
    for entity, other, rule, score in links:
        a, b = group[entity], group.setdefault(existing[other], {existing[other]})
        if a is b or (_has_kb(a, known) and _has_kb(b, known)):
            continue  # two knowledge-base entities are two entities, whatever the names say
        a |= b
        for member in b:
            group[member] = a
        group[existing[other]] = a
        rules.setdefault(entity, (rule, score))
    rows: list[dict[str, object]] = []
    done: set[int] = set()
    for members in group.values():
        if id(members) in done:
            continue
        done.add(id(members))
        canonical = _canonical(session, members, known)
        _store_kb_entity(session, canonical, known)
        for member in sorted(members):
            rule, score = (
                ("self", 1.0) if member == canonical else rules.get(member, ("linked", 1.0))
            )
            rows.append({"entity_id": member, "canonical_id": canonical, "rule": rule,
                         "score": round(score, 3)})  # fmt: skip
    stored = set(_stored(session, [str(row["entity_id"]) for row in rows]))
    rows = [row for row in rows if row["entity_id"] in stored]
    for chunk in chunks(sorted(str(row["entity_id"]) for row in rows)):
        session.execute(delete(EntityLinkTable).where(EntityLinkTable.entity_id.in_(chunk)))
    if rows:
        session.execute(insert(EntityLinkTable), rows)


def _stored(session: Session, ids: list[str]) -> list[str]:
    found: list[str] = []
    for chunk in chunks(sorted(set(ids))):
        found += session.scalars(select(EntityTable.id).where(EntityTable.id.in_(chunk)))
    return found


def _store_kb_entity(session: Session, entity_id: str, known: dict[str, Named]) -> None:
    """A knowledge-base entity becomes canonical before any article named it exactly."""
    entity = known.get(entity_id)
    if entity is None or entity.source != "kb" or _stored(session, [entity_id]):
        return
    from faultline.kb.loader import entity_table

    record = entity_table()[entity_id]
    session.execute(
        insert(EntityTable).values(id=record.id, name=record.name, kind=record.kind,
                                   sector=record.sector, country=record.country, source="kb")
    )  # fmt: skip


def _has_kb(members: set[str], known: dict[str, Named]) -> bool:
    return any(_is_kb(m, known) for m in members)


def _is_kb(entity_id: str, known: dict[str, Named]) -> bool:
    entity = known.get(entity_id)
    return entity is not None and entity.source == "kb"


def _canonical(session: Session, members: set[str], known: dict[str, Named]) -> str:
    """The knowledge-base entity, else the fullest name, else the name most often written."""
    kb = sorted(m for m in members if _is_kb(m, known))
    if kb:
        return kb[0]
    mentions = _mention_counts(session, members)
    return min(
        members,
        key=lambda m: (-len(known[m].words) if m in known else 0, -mentions.get(m, 0), m),
    )


def _mention_counts(session: Session, ids: Iterable[str]) -> dict[str, int]:
    statement = (
        select(EntityMentionTable.entity_id, func.count())
        .where(EntityMentionTable.entity_id.in_(sorted(ids)))
        .group_by(EntityMentionTable.entity_id)
    )
    return {row[0]: row[1] for row in session.execute(statement)}
