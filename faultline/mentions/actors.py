"""Who: every actor mention in an article, resolved to the knowledge base where possible.

Sources, in the order they claim text (``ActorMention.method`` says which one spoke):

- ``kb``: the entity ruler matched a KB name (``ent.ent_id_``); countries count only in an
  actor's slot ("Rwanda backs M23"), elsewhere the place resolver has them;
- ``alias``: a NER entity whose text is a KB name in another case or spelling;
- ``metonym``: a capital standing for its government ("Kigali denied ...");
- ``demonym``: a nationality used as a noun ("several Americans");
- ``fuzzy``: a misspelt KB person, accepted only when the article agrees (same country or
  title): "Captain Amadou Sanago" in an article about Mali;
- ``coref``: a bare surname after the full name, or "the junta" / "the rebels" (coref.py);
- ``ner``: a person or organisation the NER found that the KB does not know;
- ``generic``: "mutinous soldiers", "armed men", "protesters" (generic_actors.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span

from faultline.kb import Entity, KBIndex, kb_index, name_key
from faultline.mentions.actor_context import STATE_KINDS, ArticleContext, article_context
from faultline.mentions.actor_syntax import (
    TITLES,
    is_actor_slot,
    leading_title_length,
    proper_nouns_outside_entities,
    title_of,
)
from faultline.mentions.coref import PersonMemory, find_anaphors, surname_mention
from faultline.mentions.generic_actors import HEADS as GENERIC_HEADS
from faultline.mentions.generic_actors import find_generic
from faultline.models import ActorMention, Article
from faultline.models import Span as TextSpan

ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
# A demonym is an actor only as a noun in an argument slot ("several Americans were involved").
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "dative"})
FUZZY_MIN_SCORE = 85.0  # whole-name similarity, 0-100
FUZZY_MIN_SURNAME = 75.0  # the surname must agree on its own too
METONYM_SCORE = 0.9
NER_SCORE = 0.7
UNKNOWN_ORG_SCORE = 0.5


def find_actors(doc: Doc, article: Article) -> tuple[ActorMention, ...]:
    """Every actor mention in ``doc`` (parsed from ``article.text``), sorted by span start."""
    del article  # the Doc is parsed from article.text; nothing else is needed yet
    index = kb_index()
    resolver = _Resolver(doc, index, article_context(doc, index))
    named = sorted(resolver.named(), key=_order)
    anaphors = _without_overlaps(find_anaphors(doc, named), named)
    covered = _token_cover(doc, [*named, *anaphors])
    generic = find_generic(doc, covered, resolver.context.country_for)
    return tuple(sorted([*named, *anaphors, *generic], key=_order))


class _Resolver:
    """Resolves named spans of one Doc; holds the persons named so far for surname coref."""

    def __init__(self, doc: Doc, index: KBIndex, context: ArticleContext) -> None:
        self.doc = doc
        self.index = index
        self.context = context
        self.memory = PersonMemory()

    def named(self) -> list[ActorMention]:
        """Mentions from entities and from proper-noun runs the NER left out, in text order.

        Text order matters: a surname resolves only to a person named in full before it.
        """
        found: list[ActorMention] = []
        for span, is_entity in self._units():
            mention = self._from_ent(span) if is_entity else self._from_bare_run(span)
            if mention is None:
                continue
            found.append(mention)
            if mention.kind == "person" and mention.method != "coref":
                self.memory.remember(span.start, mention)
        return found

    def _units(self) -> list[tuple[Span, bool]]:
        ents = [(e, True) for e in self.doc.ents if e.label_ in NAMED_LABELS]
        runs = [(r, False) for r in _runs(self.doc, proper_nouns_outside_entities(self.doc))]
        return sorted([*ents, *runs], key=lambda unit: unit[0].start)

    # --- entities the ruler or the NER found ------------------------------------------------

    def _from_ent(self, ent: Span) -> ActorMention | None:
        entity = self.index.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if entity is not None:
            return self._from_entity(ent, entity, "kb")
        title_length = leading_title_length(ent) if ent.label_ in ("PERSON", "ORG") else 0
        name = ent[title_length:]
        key = name_key(name.text)
        if key in self.index.country_by_seat:
            return self._metonym(name, self.index.country_by_seat[key])
        if key in self.index.not_actors or key in self.index.country_by_name:
            return None
        known = self.index.lookup(name.text)
        if len(known) == 1:
            return self._from_entity(name, known[0], "alias")
        # The NER tags a bare "Malanga" as PERSON, GPE or ORG alike.
        antecedent = self.memory.resolve(name.text, before=ent.start)
        if antecedent is not None:
            return surname_mention(name, antecedent)
        if title_length or (ent.label_ == "PERSON" and _full_name(name)):
            return self._person(name)
        if ent.label_ == "ORG" and _organisation_name(name):
            return self._unknown_org(name)
        if ent.label_ == "NORP" and _nominal(name) and not _generic_word(name):
            return self._unknown(name)
        return None

    def _from_entity(self, span: Span, entity: Entity, method: str) -> ActorMention | None:
        if entity.kind == "state":
            return self._from_country(span, entity)
        country = entity.country
        if country is None and entity.kind in STATE_KINDS:
            country = self.context.country_for(span)
        return _mention(span, entity, method=method, country=country)

    def _from_country(self, span: Span, state: Entity) -> ActorMention | None:
        if span.label_ == "NORP" or name_key(span.text) in self.index.country_by_demonym:
            if not _nominal(span):
                return None
            return ActorMention(
                span=_text_span(span),
                text=span.text,
                name=span.text,
                kind="group",
                country=state.country,
                method="demonym",
            )
        return _mention(span, state, method="kb") if is_actor_slot(span) else None

    def _metonym(self, span: Span, iso3: str) -> ActorMention | None:
        if not is_actor_slot(span, strict=True):
            return None  # "fighting in Kinshasa": a place
        government = self.index.by_id[f"gov_{iso3}"]
        return _mention(span, government, method="metonym", score=METONYM_SCORE)

    # --- persons ------------------------------------------------------------------------------

    def _person(self, name: Span) -> ActorMention:
        role = title_of(name)
        matched = self._fuzzy_person(name, role)
        if matched is not None:
            return matched
        return ActorMention(
            span=_text_span(name),
            text=name.text,
            name=name.text,
            kind="person",
            role=role,
            method="ner",
            score=NER_SCORE,
        )

    def _fuzzy_person(self, name: Span, role: str | None) -> ActorMention | None:
        key = name_key(name.text)
        if len(key.split()) < 2:
            return None
        best = process.extractOne(
            key, self.index.person_names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
        )
        if best is None:
            return None
        matched_key, score, _ = best
        if fuzz.ratio(key.split()[-1], matched_key.split()[-1]) < FUZZY_MIN_SURNAME:
            return None
        person = self.index.by_id[self.index.person_by_name[matched_key]]
        if not self._context_agrees(person, role):
            return None
        return _mention(name, person, method="fuzzy", score=round(score / 100, 3))

    def _context_agrees(self, person: Entity, role: str | None) -> bool:
        if person.country in self.context.countries:
            return True
        person_roles = {TITLES.get(t.casefold(), t.casefold()) for t in person.titles}
        return role is not None and role in person_roles

    # --- proper nouns no entity covers: capitals, titled names, bare surnames ------------------

    def _from_bare_run(self, run: Span) -> ActorMention | None:
        key = name_key(run.text)
        if key in self.index.country_by_seat:
            return self._metonym(run, self.index.country_by_seat[key])
        title_length = leading_title_length(run)
        name = run[title_length:]
        antecedent = self.memory.resolve(name.text, before=run.start)
        if antecedent is not None:
            return surname_mention(name, antecedent)
        if title_length and name_key(name.text) not in self.index.not_actors:
            return self._person(name)  # "a Lieutenant Amadou Konaré" the NER missed
        return None

    def _unknown_org(self, span: Span) -> ActorMention:
        if span[0].lower_ == "the" and len(span) > 1:
            span = span[1:]
        return self._unknown(span)

    def _unknown(self, span: Span) -> ActorMention:
        """A named group the KB does not know: kept, with a low score, for the linker."""
        return ActorMention(
            span=_text_span(span),
            text=span.text,
            name=span.text,
            kind="group",
            method="ner",
            score=UNKNOWN_ORG_SCORE,
        )


def _mention(
    span: Span,
    entity: Entity,
    *,
    method: str,
    country: str | None = None,
    score: float = 1.0,
) -> ActorMention:
    return ActorMention(
        span=_text_span(span),
        text=span.text,
        name=entity.name,
        kind=entity.kind,
        sector=entity.sector,
        country=country or entity.country,
        entity_id=entity.id,
        role=entity.role,
        method=method,
        score=score,
    )


def _runs(doc: Doc, indices: list[int]) -> Iterator[Span]:
    """Maximal runs of consecutive token indices, as spans."""
    start = previous = None
    for i in indices:
        if previous is not None and i == previous + 1:
            previous = i
            continue
        if start is not None and previous is not None:
            yield doc[start : previous + 1]
        start = previous = i
    if start is not None and previous is not None:
        yield doc[start : previous + 1]


def _full_name(span: Span) -> bool:
    # A lone capitalised word the NER calls a person is as often a people ("Tuaregs"), a
    # language ("Lingala") or a region ("Sahel") as a name; only full names are kept.
    return len(span) >= 2 and all(t.text[:1].isupper() or t.is_punct for t in span)


def _organisation_name(span: Span) -> bool:
    """Several words, or an acronym: single words the NER calls ORG are mostly noise."""
    if _dateline(span):
        return False
    if len(span) >= 2:
        return True
    return ACRONYM.fullmatch(span.text) is not None


def _dateline(span: Span) -> bool:
    """ "NIAMEY - Niger's new ...": a capitalised place that opens a report, not an actor."""
    words = [t for t in span if t.is_alpha]
    before = span.doc[span.start - 1] if span.start else None
    opens_line = before is None or "\n" in before.text or before.is_space
    dashed = span[-1].text in ("-", "—", "–") or (
        span.end < len(span.doc) and span.doc[span.end].text in ("-", "—", "–", ":")
    )
    return opens_line and dashed and bool(words) and all(t.is_upper for t in words)


def _generic_word(span: Span) -> bool:
    # "Islamists", "Jihadists": generic_actors.py gives them a kind and sector.
    return span.root.lemma_.lower().rstrip("s") in GENERIC_HEADS


def _nominal(span: Span) -> bool:
    root = span.root
    return root.dep_ in NOMINAL_DEPS and root.pos_ in ("NOUN", "PROPN")


def _text_span(span: Span) -> TextSpan:
    return TextSpan(span.start_char, span.end_char)


def _order(mention: ActorMention) -> tuple[int, int]:
    return (mention.span.start, -mention.span.end)


def _without_overlaps(
    candidates: Iterable[ActorMention], kept: list[ActorMention]
) -> list[ActorMention]:
    def overlaps(m: ActorMention) -> bool:
        return any(m.span.start < k.span.end and k.span.start < m.span.end for k in kept)

    return [m for m in candidates if not overlaps(m)]


def _token_cover(doc: Doc, mentions: Iterable[ActorMention]) -> set[int]:
    covered: set[int] = set()
    for m in mentions:
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    return covered
