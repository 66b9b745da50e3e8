"""Standing ties between named entities, read from the phrases of one parsed article.

Events say what happened; these phrases say how actors stand, in shapes the dependency parse
exposes: cue verbs ("Rwanda backs M23", "M23, which is backed by Rwanda", "X, who heads Y",
"X joined Y", "accuses Rwanda of arming M23"), hyphen compounds ("the Rwanda-backed M23"), role
nouns ("X, the leader of Y", "Y leader X", "X, an M23 fighter", "X and its ally Y", "Y critic
X") and support nouns ("Rwanda's support for M23"). Both ends must name an entity: an actor
mention with an id, or a country word the actor stage leaves to the places ("Rwanda-backed",
"an ally of Kinshasa"), resolved as it would be: country → state, seat → government.
A clause takes the event modality ("Rwanda denies backing M23": negated); a phrase states the
tie in passing, so the clause around it says nothing of the tie: the phrase is asserted, hedged
by its own "alleged", or claimed when the sentence is attributed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Doc, Token

from faultline.events.attribution import attribution_of
from faultline.events.modality import ATTRIBUTIVE, HEDGE_ADVERBS, modality_of
from faultline.kb import kb_index, name_key
from faultline.kb.entity_ids import mention_entity_id
from faultline.models import Article, Mentions, Modality, Predicate, Relation, Span

__all__ = ["pattern_relations"]

VERB_CUES: dict[str, Predicate] = {
    **dict.fromkeys(("back", "support", "arm", "fund", "finance", "sponsor", "bankroll"),
                    "supports"),
    **dict.fromkeys(("lead", "head", "command", "chair"), "leads"),
    "join": "member_of", "oppose": "opposes", "ally": "allied_with",
}  # fmt: skip
HYPHEN_PARTICIPLES = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed"})
ROLE_NOUNS: dict[str, Predicate] = {
    **dict.fromkeys(("leader", "head", "chief", "president", "chairman", "chairwoman",
                     "chairperson", "chair", "commander", "boss"), "leads"),
    **dict.fromkeys(("member", "fighter", "militant", "spokesman", "spokeswoman", "spokesperson",
                     "official", "cadre", "lawmaker"), "member_of"),
    "ally": "allied_with",
    **dict.fromkeys(("opponent", "critic", "foe", "adversary", "enemy", "rival"), "opposes"),
    **dict.fromkeys(("backer", "sponsor", "patron"), "supports"),
}  # fmt: skip
SUPPORT_NOUNS = frozenset({"support", "backing", "sponsorship", "funding", "financing"})
# "Rwanda denied any support for M23": the subject of these verbs is the backer.
SUPPORT_LIGHT_VERBS = frozenset({"provide", "give", "lend", "extend", "deny", "offer", "continue"})
# A former or deputy leader does not hold the tie now, or not as its head.
NOT_STANDING = frozenset({"former", "ex", "late", "then", "erstwhile", "deputy", "vice"})
INDEFINITE = frozenset({"a", "an", "one"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
NOMINAL = frozenset({"NOUN", "PROPN"})
PERSON_TARGET_OK = frozenset({"allied_with", "opposes", "supports"})  # ties between equals
HEDGES = HEDGE_ADVERBS | {w for w, m in ATTRIBUTIVE.items() if m == "hedged"}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of a tie: the entity and the text span that names it."""

    id: str
    name: str
    kind: str
    start: int
    end: int
    country_word: bool = False  # a bare country word, not an actor mention


@dataclass(frozen=True, slots=True)
class Tie:
    subject: Endpoint
    predicate: Predicate
    object: Endpoint
    cue: Token
    modality: Modality


def pattern_relations(doc: Doc, article: Article, mentions: Mentions) -> tuple[Relation, ...]:
    """Ties the article's phrases state, in text order, first evidence per edge kept."""
    ends = _Endpoints(doc, mentions)
    ties = [t for token in doc for t in _ties_at(token, ends, mentions)]
    found = sorted((_relation(article, t) for t in ties if t.subject.id != t.object.id),
                   key=lambda r: (r.span.start, r.span.end))  # fmt: skip
    unique: dict[tuple[str, ...], Relation] = {}  # an alliance once, in either direction
    for relation in found:
        pair = (relation.subject_id, relation.object_id)
        unique.setdefault((relation.predicate, *sorted(pair)) if relation.predicate == "allied_with"
                          else (relation.predicate, *pair), relation)  # fmt: skip
    return tuple(unique.values())


def _relation(article: Article, tie: Tie) -> Relation:
    subject, target, cue = tie.subject, tie.object, tie.cue
    if tie.predicate == "allied_with" and target.start < subject.start:
        subject, target = target, subject  # symmetric: the earlier name comes first
    start = min(subject.start, target.start, cue.idx)
    end = max(subject.end, target.end, cue.idx + len(cue))
    return Relation(article_id=article.id, subject_id=subject.id, subject=subject.name,
                    predicate=tie.predicate, object_id=target.id, object=target.name,
                    span=Span(start, end), text=article.text[start:end],
                    modality=tie.modality)  # fmt: skip


class _Endpoints:
    """Tokens mapped to entities: actor mentions first, then country and capital places."""

    def __init__(self, doc: Doc, mentions: Mentions) -> None:
        self.doc = doc
        self.by_token: dict[int, Endpoint] = {}
        for actor in mentions.actors:
            entity_id = mention_entity_id(actor)  # None: generic ("armed men") or a demonym
            if entity_id is not None:
                span = actor.span
                self._cover(Endpoint(entity_id, actor.name, actor.kind, span.start, span.end))
        for place in mentions.places:
            iso3 = place.country if place.precision == "country" else None
            end = self._country(place.text, iso3, place.span.start, place.span.end)
            if end is not None:
                self._cover(end)

    def _cover(self, end: Endpoint) -> None:
        for token in self.doc.char_span(end.start, end.end, alignment_mode="expand") or ():
            self.by_token.setdefault(token.i, end)  # actor mentions came first and win

    def of(self, token: Token, *, country_words: bool = True) -> Endpoint | None:
        """The entity ``token`` names; a common noun borrows its compound's ("the M23 group")."""
        end = self.by_token.get(token.i)
        if end is None and token.pos_ in ("PROPN", "ADJ", "NOUN"):
            end = self._country(token.text, None, token.idx, token.idx + len(token))
        if end is None and token.pos_ == "NOUN":
            names = (self.of(c, country_words=False) for c in token.children
                     if c.dep_ == "compound")  # fmt: skip
            end = next((n for n in names if n is not None), None)
        return None if end is not None and end.country_word and not country_words else end

    @staticmethod
    def _country(text: str, iso3: str | None, start: int, end: int) -> Endpoint | None:
        """ "Rwanda", "Rwandan" → the state; "Kinshasa" → its government (as metonyms are)."""
        index = kb_index()
        iso3 = iso3 or index.country_of(text)
        seat = index.country_by_seat.get(name_key(text))
        entity = index.by_id.get(f"cty_{iso3}" if iso3 else f"gov_{seat}")
        return Endpoint(entity.id, entity.name, entity.kind, start, end, True) if entity else None


def _ties_at(token: Token, ends: _Endpoints, mentions: Mentions) -> Iterator[Tie]:
    lemma, doc, i = token.lemma_.lower(), token.doc, token.i
    hyphen = i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_  # "Rwanda-backed"
    if token.lower_ in HYPHEN_PARTICIPLES and hyphen:
        yield from _hyphen_compound(token, ends, mentions)
    elif token.pos_ in ("VERB", "AUX", "ADJ") and lemma in VERB_CUES:
        yield from _cue_verb(token, VERB_CUES[lemma], ends, mentions)
    elif token.pos_ in NOMINAL and lemma in ROLE_NOUNS and not _not_standing(token):
        yield from _role_noun(token, ROLE_NOUNS[lemma], ends, mentions)
    elif token.pos_ == "NOUN" and lemma in SUPPORT_NOUNS:
        yield from _support_noun(token, ends, mentions)


def _hyphen_compound(participle: Token, ends: _Endpoints, mentions: Mentions) -> Iterator[Tie]:
    """ "the Rwanda-backed M23": the word before the hyphen backs the noun the compound modifies."""
    backer = ends.of(participle.doc[participle.i - 2])
    backed = ends.of(participle.head) if participle.head.i > participle.i else None
    if backer is not None and backed is not None:
        yield Tie(backer, "supports", backed, participle, _phrase_modality(participle, mentions))


def _cue_verb(verb: Token, predicate: Predicate, ends: _Endpoints,
              mentions: Mentions) -> Iterator[Tie]:  # fmt: skip
    modality = _clause_modality(_misattached_gerund(verb) or verb, mentions)
    forces = predicate == "member_of" and any(c.lower_ == "forces" for c in verb.children)
    if predicate == "allied_with" or forces:  # "X joined forces with Y"
        yield from _alliance(verb, ends, modality)
        return
    if predicate == "member_of" and _joins_action(verb):
        return  # "joined M23 in attacking Goma": joining an action, not the group
    subjects = [t for s in _surface_subjects(verb) for t in _conjuncts(s)]
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in _conjuncts(c)]
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):  # "M23, backed by Rwanda"
        subjects, objects = _prep_objects(verb, ("by",), dep="agent"), subjects
    for subject in _resolved(subjects, ends):
        for target in _resolved(objects, ends):
            if _fits(predicate, subject, target):
                yield Tie(subject, predicate, target, verb, modality)


def _alliance(verb: Token, ends: _Endpoints, modality: Modality) -> Iterator[Tie]:
    """ "X allied (itself) with Y", "X joined forces with Y", "X and Y, which are allied"."""
    holders = _resolved([t for s in _surface_subjects(verb) for t in _conjuncts(s)], ends)
    partners = _resolved(_prep_objects(verb, ("with",)), ends)
    pairs = [(h, p) for h in holders for p in partners] if partners else combinations(holders, 2)
    for first, second in pairs:
        yield Tie(first, "allied_with", second, verb, modality)


def _joins_action(verb: Token) -> bool:
    """ "joined M23 in attacking Goma", "in the offensive"; not "in 2022" or "in Goma"."""
    ins = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]
    return any(c.dep_ == "pcomp" or c.pos_ == "NOUN" for i in ins for c in i.children)


def _role_noun(role: Token, predicate: Predicate, ends: _Endpoints,
               mentions: Mentions) -> Iterator[Tie]:  # fmt: skip
    """ "X, the leader of Y", "Y leader X", "Y's leader, X", "X is a member of Y", ..."""
    indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in role.children)
    commander = role.lower_.startswith("commander") and not _prep_objects(role, ("of",))
    if predicate == "leads" and (indefinite or commander):
        predicate = "member_of"  # "a leader of Y", "an M23 commander": one among several
    holders = _resolved(_holders(role), ends)
    targets = _resolved(_targets(role), ends, country_words=predicate != "member_of")
    clause = role.dep_ == "attr"  # "X is the leader of Y"; "X, the leader of Y" is a phrase
    modality = _clause_modality(role.head, mentions) if clause else _phrase_modality(role, mentions)
    pairs = [(h, t) for h in holders for t in targets]
    if not targets and predicate == "allied_with":
        pairs = list(combinations(holders, 2))  # "Burundi and the DRC are allies"
    for holder, target in pairs:
        if _fits(predicate, holder, target):
            yield Tie(holder, predicate, target, role, modality)


def _holders(role: Token) -> list[Token]:
    """Who holds the role: the name it describes, or the subject of "X is a member of Y"."""
    found = [role] if role.ent_type_ == "PERSON" else []  # "President" inside a person's name
    if role.dep_ in ("appos", "compound") and role.head.i != role.i:
        found.append(role.head)
    found.extend(c for c in role.children if c.dep_ == "appos")
    if role.dep_ == "attr":
        found.extend(c for c in role.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return [t for h in found for t in _conjuncts(h)]


def _targets(role: Token) -> list[Token]:
    """Whose role it is: "of Y", "Y's", "its" (the first conjunct), or a modifying name."""
    found = _prep_objects(role, ("of",))
    for child in role.children:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS and role.dep_ == "conj":
            found.append(role.head)  # "Burundi and its ally the DRC"
        elif child.dep_ == "poss" and child.lower_ not in POSSESSIVE_PRONOUNS:
            found.append(child)
    modifiers = [c for c in role.children if c.dep_ in ("compound", "amod", "nmod")]
    # "Congolese opposition leader": the role belongs to the noun between, not the country.
    if any(c.pos_ == "NOUN" and c.dep_ == "compound" for c in modifiers):
        modifiers = [m for m in modifiers if m.pos_ == "PROPN" or m.dep_ == "compound"]
    return found + [t for m in modifiers for t in _conjuncts(m)]


def _not_standing(role: Token) -> bool:
    """ "former ally", "ex-leader", "late President", "deputy leader"."""
    words = [c for c in role.children if c.dep_ in ("amod", "compound", "advmod")]
    if role.dep_ == "compound":
        words.extend(c for c in role.head.children if c.dep_ == "amod")
    return any(w.lower_.rstrip("-") in NOT_STANDING for w in words)


def _support_noun(noun: Token, ends: _Endpoints, mentions: Mentions) -> Iterator[Tie]:
    """ "Rwanda's support for M23", "Rwandan support for M23", "support from Rwanda for M23"."""
    sources = _prep_objects(noun, ("from",))
    backers = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")] + sources
    head = noun.head
    if not backers and noun.dep_ == "dobj" and head.lemma_.lower() in SUPPORT_LIGHT_VERBS:
        backers = _surface_subjects(head)  # "Rwanda denied any support for M23"
    # The parser often hangs "for M23" on the source: "support from Rwanda for M23".
    backed = [t for n in (noun, *sources) for t in _prep_objects(n, ("for", "to"))]
    modality = _clause_modality(noun, mentions)
    for backer in _resolved(backers, ends):
        for target in _resolved(backed, ends):
            yield Tie(backer, "supports", target, noun, modality)


def _surface_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The verb's grammatical subject, through relative pronouns, control and "accused of"."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            relative = child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
            return [verb.head if relative else child]
    head = verb.head
    if depth > 3 or head.i == verb.i:
        return []
    if verb.dep_ == "acl":
        return [head]  # "M23 rebels, backed by Rwanda", "the FDLR, allied with the army"
    if verb.dep_ == "xcomp":
        controller = [c for c in head.children if c.dep_ == "dobj"]  # "urged Rwanda to back"
        return controller or _surface_subjects(head, depth + 1)
    if verb.dep_ in ("conj", "advcl"):
        return _surface_subjects(_misattached_gerund(verb) or head, depth + 1)
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for"):
        holder = head.head  # "accuses Rwanda of backing M23", "Rwanda is accused of arming"
        if holder.pos_ in NOMINAL:
            return [holder]
        objects = [c for c in holder.children if c.dep_ == "dobj"]
        return objects or _surface_subjects(holder, depth + 1)
    return []


def _misattached_gerund(verb: Token) -> Token | None:
    """ "accuses Rwanda of financing and arming the rebels": "arming" hangs on "accuses"; its
    real first conjunct is the gerund after "of", whose subject and claim it shares."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or head.tag_ == "VBG":
        return None
    holders = [head, *(c for c in head.children if c.dep_ == "dobj")]
    gerunds = [g for h in holders for g in _prep_objects(h, ("of", "for"))
               if g.lower_.endswith("ing") and g.i < verb.i]  # fmt: skip
    return gerunds[0] if gerunds else None


def _conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.children if c.dep_ == "conj" and c.pos_ in NOMINAL)]


def _prep_objects(token: Token, words: tuple[str, ...], dep: str = "prep") -> list[Token]:
    """Objects of ``token``'s prepositions ``words`` (with their conjuncts); gerunds included."""
    preps = (c for c in token.children if c.dep_ == dep and c.lower_ in words)
    return [t for p in preps for c in p.children if c.dep_ in ("pobj", "pcomp")
            for t in _conjuncts(c)]  # fmt: skip


def _resolved(tokens: list[Token], ends: _Endpoints, *, country_words: bool = True
              ) -> list[Endpoint]:  # fmt: skip
    found = (ends.of(t, country_words=country_words) for t in tokens)
    return list(dict.fromkeys(e for e in found if e is not None))


def _fits(predicate: Predicate, subject: Endpoint, target: Endpoint) -> bool:
    """Leaders are people; members are people, or states in a body; a person leads no one."""
    if predicate == "leads" and subject.kind != "person":
        return False
    if predicate == "member_of" and subject.kind != "person" and target.kind != "igo":
        return False  # "Rwandan troops joined M23 rebels": they fight beside them, not in them
    return predicate in PERSON_TARGET_OK or target.kind != "person"


def _clause_modality(predicate: Token, mentions: Mentions) -> Modality:
    """The event rule: the predicate chain's modality, claimed when someone is credited."""
    modality = modality_of(predicate)
    if modality == "asserted" and attribution_of(predicate.doc, predicate, mentions) is not None:
        return "claimed"
    return modality


def _phrase_modality(cue: Token, mentions: Mentions) -> Modality:
    """A tie stated in passing: hedged by the phrase's own hedge, else claimed or asserted."""
    if any(c.lower_ in HEDGES for c in cue.children):
        return "hedged"
    return "claimed" if attribution_of(cue.doc, cue, mentions) is not None else "asserted"
