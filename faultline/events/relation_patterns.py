"""Standing ties between named entities, read from the phrases of one parsed article.

Events say what happened; these phrases say how actors stand, in shapes the dependency parse
exposes: cue verbs ("Rwanda backs M23", "M23, which is backed by Rwanda", "X, who heads Y",
"X joined Y", "accuses Rwanda of arming M23"), hyphen compounds ("the Rwanda-backed M23",
"al-Qaeda-linked JNIM"), role nouns ("X, the leader of Y", "Y leader X", "X, an M23 fighter",
"X and its ally Y", "Y critic X", "JNIM, the al-Qaeda affiliate", "X is part of Y") and support
nouns ("Rwanda's support for M23"); membership of bodies is in ``relation_memberships``. The
ends are resolved in ``relation_ends``; where the parse puts them, in ``relation_syntax``.
A clause takes the event modality ("Rwanda denies backing M23": negated); a phrase states the
tie in passing, so the clause around it says nothing of the tie: the phrase is asserted, hedged
by its own "alleged", or claimed when the sentence is attributed.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from spacy.tokens import Doc, Token

from faultline.events.relation_ends import (
    Endpoint,
    Endpoints,
    Tie,
    clause_modality,
    fits,
    phrase_modality,
    resolved,
)
from faultline.events.relation_memberships import MEMBERSHIP_CUES, membership_ties
from faultline.events.relation_syntax import (
    NOMINAL,
    POSSESSIVE_PRONOUNS,
    conjuncts,
    coordination,
    joins_action,
    misattached_gerund,
    possessors,
    prep_objects,
    surface_subjects,
)
from faultline.models import Article, Mentions, Modality, Predicate, Relation, Span
from faultline.nlp import doc_tokens

__all__ = ["pattern_relations"]

VERB_CUES: dict[str, Predicate] = {
    **dict.fromkeys(("back", "support", "arm", "fund", "finance", "sponsor", "bankroll"),
                    "supports"),
    **dict.fromkeys(("lead", "head", "command", "chair"), "leads"),
    "join": "member_of", "oppose": "opposes", "ally": "allied_with",
}  # fmt: skip
# "the Rwanda-backed M23": the word before the hyphen backs the noun; "the al-Qaeda-linked
# JNIM": the noun belongs to it.
HYPHEN_PARTICIPLES: dict[str, Predicate] = {
    **dict.fromkeys(("backed", "supported", "sponsored", "funded", "financed", "armed"),
                    "supports"),
    **dict.fromkeys(("linked", "affiliated"), "member_of"),
}  # fmt: skip
ROLE_NOUNS: dict[str, Predicate] = {
    **dict.fromkeys(("leader", "head", "chief", "president", "chairman", "chairwoman",
                     "chairperson", "chair", "commander", "boss"), "leads"),
    **dict.fromkeys(("member", "fighter", "militant", "spokesman", "spokeswoman", "spokesperson",
                     "official", "cadre", "lawmaker"), "member_of"),
    # A group that is a piece of another: "JNIM, the al-Qaeda affiliate", "X is part of Y".
    **dict.fromkeys(("affiliate", "branch", "wing", "franchise", "faction", "part"), "member_of"),
    "ally": "allied_with",
    **dict.fromkeys(("opponent", "critic", "foe", "adversary", "enemy", "rival"), "opposes"),
    **dict.fromkeys(("backer", "sponsor", "patron"), "supports"),
}  # fmt: skip
SUPPORT_NOUNS = frozenset({"support", "backing", "sponsorship", "funding", "financing"})
# "Rwanda denied any support for M23": the subject of these verbs is the backer.
SUPPORT_LIGHT_VERBS = frozenset({"provide", "give", "lend", "extend", "deny", "offer", "continue"})
# "the junta leader", "the leader of Mali's junta": whoever leads these leads the country.
RULING_BODIES = frozenset({"junta", "government", "regime"})
# A former or deputy leader does not hold the tie now, or not as its head.
NOT_STANDING = frozenset({"former", "ex", "late", "then", "erstwhile", "deputy", "vice"})
INDEFINITE = frozenset({"a", "an", "one"})
_CUE_WORDS = frozenset(
    {*HYPHEN_PARTICIPLES, *VERB_CUES, *ROLE_NOUNS, *SUPPORT_NOUNS, *MEMBERSHIP_CUES}
)


def pattern_relations(doc: Doc, article: Article, mentions: Mentions) -> tuple[Relation, ...]:
    """Ties the article's phrases state, in text order, first evidence per edge kept."""
    ends = Endpoints(doc, mentions)
    ties = [t for token in doc_tokens(doc) if _may_cue(token)
            for t in _ties_at(token, ends, mentions)]  # fmt: skip
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


def _may_cue(token: Token) -> bool:
    """Whether the token's word could be a cue at all: most are not, and ``_ties_at`` reads
    several attributes of each (measured: most of the relation stage went to ruling words out)."""
    return token.lower_ in _CUE_WORDS or token.lemma_.lower() in _CUE_WORDS


def _ties_at(token: Token, ends: Endpoints, mentions: Mentions) -> Iterator[Tie]:
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
    elif lemma in MEMBERSHIP_CUES or token.lower_ in MEMBERSHIP_CUES:
        yield from membership_ties(token, ends, mentions)


def _hyphen_compound(participle: Token, ends: Endpoints, mentions: Mentions) -> Iterator[Tie]:
    """ "the Rwanda-backed M23": the word before the hyphen backs the noun the compound
    modifies; "the al-Qaeda-linked JNIM": the noun belongs to the group before the hyphen."""
    first = ends.of(participle.doc[participle.i - 2])
    noun = ends.of(participle.head) if participle.head.i > participle.i else None
    if first is None or noun is None:
        return
    predicate = HYPHEN_PARTICIPLES[participle.lower_]
    subject, target = (noun, first) if predicate == "member_of" else (first, noun)
    if fits(predicate, subject, target):
        yield Tie(subject, predicate, target, participle, phrase_modality(participle, mentions))


def _cue_verb(verb: Token, predicate: Predicate, ends: Endpoints,
              mentions: Mentions) -> Iterator[Tie]:  # fmt: skip
    modality = clause_modality(misattached_gerund(verb) or verb, mentions)
    forces = predicate == "member_of" and any(c.lower_ == "forces" for c in verb.children)
    if predicate == "allied_with" or forces:  # "X joined forces with Y"
        yield from _alliance(verb, ends, modality)
        return
    if predicate == "member_of" and joins_action(verb):
        return  # "joined M23 in attacking Goma": joining an action, not the group
    subjects = [t for s in surface_subjects(verb) for t in conjuncts(s)]
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in conjuncts(c)]
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):  # "M23, backed by Rwanda"
        subjects, objects = prep_objects(verb, ("by",), dep="agent"), subjects
    elif predicate == "leads":  # "who commands the ADF's northern wing": one of the ADF
        yield from _unit_members(verb, resolved(subjects, ends), objects, ends, modality)
    for subject in resolved(subjects, ends):
        for target in resolved(objects, ends):
            if fits(predicate, subject, target):
                yield Tie(subject, predicate, target, verb, modality)


def _alliance(verb: Token, ends: Endpoints, modality: Modality) -> Iterator[Tie]:
    """ "X allied (itself) with Y", "X joined forces with Y", "X and Y, which are allied";
    "Mali and Burkina Faso, which are allied within the AES": both belong to the body."""
    holders = resolved([t for s in surface_subjects(verb) for t in conjuncts(s)], ends)
    partners = resolved(prep_objects(verb, ("with",)), ends)
    pairs = [(h, p) for h in holders for p in partners] if partners else combinations(holders, 2)
    for first, second in pairs:
        yield Tie(first, "allied_with", second, verb, modality)
    bodies = [b for b in resolved(prep_objects(verb, ("within", "in")), ends) if b.kind == "igo"]
    for member in (*holders, *partners):
        for body in bodies:
            yield Tie(member, "member_of", body, verb, modality)


def _role_noun(role: Token, predicate: Predicate, ends: Endpoints,
               mentions: Mentions) -> Iterator[Tie]:  # fmt: skip
    """ "X, the leader of Y", "Y leader X", "Y's leader, X", "X is a member of Y", ..."""
    indefinite = any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in role.children)
    commander = role.lower_.startswith("commander") and not prep_objects(role, ("of",))
    if predicate == "leads" and (indefinite or commander):
        predicate = "member_of"  # "a leader of Y", "an M23 commander": one among several
    holders = resolved(_holders(role), ends)
    member = predicate == "member_of"
    targets = resolved(_targets(role, member), ends, country_words=not member)
    if predicate == "leads":
        targets.extend(_ruled(role, ends))
    clause = role.dep_ == "attr"  # "X is the leader of Y"; "X, the leader of Y" is a phrase
    modality = clause_modality(role.head, mentions) if clause else phrase_modality(role, mentions)
    pairs = [(h, t) for h in holders for t in targets]
    if not targets and predicate == "allied_with":
        pairs = list(combinations(holders, 2))  # "Burundi and the DRC are allies"
    for holder, target in pairs:
        if fits(predicate, holder, target):
            yield Tie(holder, predicate, target, role, modality)
    if predicate in ("leads", "member_of"):  # "a member of the M23's high command"
        units = prep_objects(role, ("of", "in", "within") if member else ("of",))
        yield from _unit_members(role, holders, units, ends, modality)


def _unit_members(cue: Token, holders: list[Endpoint], units: list[Token], ends: Endpoints,
                  modality: Modality) -> Iterator[Tie]:  # fmt: skip
    """Who leads or serves in a unit no name covers belongs to its owner: "a commander in the
    ADF's northern wing", "a member of the M23's high command", "heads M23's political wing"."""
    unnamed = [u for u in units if u.pos_ == "NOUN" and ends.of(u) is None
               and u.lemma_.lower() not in RULING_BODIES]  # fmt: skip
    owners = resolved([p for u in unnamed for p in possessors(u)], ends, country_words=False)
    for holder in holders:
        for owner in owners:
            if fits("member_of", holder, owner):
                yield Tie(holder, "member_of", owner, cue, modality)


def _holders(role: Token) -> list[Token]:
    """Who holds the role: the name it describes, or the subject of "X is a member of Y";
    a plural role, the whole list: "Mali and Niger, members of the AES"."""
    found = [role] if role.ent_type_ == "PERSON" else []  # "President" inside a person's name
    if _describes_name(role) and role.head.i != role.i:
        found.extend(coordination(role.head) if role.tag_ == "NNS" else [role.head])
    found.extend(c for c in role.children if c.dep_ == "appos")
    if role.dep_ == "attr":
        found.extend(c for c in role.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return [t for h in found for t in conjuncts(h)]


def _describes_name(role: Token) -> bool:
    """ "X, the leader of Y", "Y leader X"; the French parse hangs "X, chef du Y" as ``nmod``."""
    if role.dep_ in ("appos", "compound"):
        return True
    return role.lang_ == "fr" and role.dep_ == "nmod" and role.head.pos_ == "PROPN"


def _targets(role: Token, member: bool) -> list[Token]:
    """Whose role it is: "of Y" ("in Y" for a member), "Y's", "its" (the first conjunct), or a
    modifying name."""
    found = prep_objects(role, ("of", "in", "within") if member else ("of",))
    for child in role.children:
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS and role.dep_ == "conj":
            found.append(role.head)  # "Burundi and its ally the DRC"
        elif child.dep_ == "poss" and child.lower_ not in POSSESSIVE_PRONOUNS:
            found.append(child)
    modifiers = [c for c in role.children if c.dep_ in ("compound", "amod", "nmod")]
    # "Congolese opposition leader": the role belongs to the noun between, not the country.
    if any(c.pos_ == "NOUN" and c.dep_ == "compound" for c in modifiers):
        modifiers = [m for m in modifiers if m.pos_ == "PROPN" or m.dep_ == "compound"]
    return found + [t for m in modifiers for t in conjuncts(m)]


def _ruled(role: Token, ends: Endpoints) -> list[Endpoint]:
    """ "the Malian junta leader", "the leader of Mali's junta", "the junta leader": the
    country whose ruling body it is, named beside it or, else, where its mention was placed."""
    bodies = [c for c in (*role.children, *prep_objects(role, ("of",)))
              if c.dep_ in ("compound", "pobj") and c.lemma_.lower() in RULING_BODIES]  # fmt: skip
    found: list[Endpoint] = []
    for body in bodies:
        words = [c for c in (*body.children, *role.children)
                 if c.dep_ in ("poss", "amod", "compound") and c.i != body.i]  # fmt: skip
        named = [e for e in resolved(words, ends) if e.id.startswith("cty_")]
        state = ends.state_of(body)
        found.extend(named or ([state] if state is not None else []))
    return found


def _not_standing(role: Token) -> bool:
    """ "former ally", "ex-leader", "late President", "deputy leader"."""
    words = [c for c in role.children if c.dep_ in ("amod", "compound", "advmod")]
    if role.dep_ == "compound":
        words.extend(c for c in role.head.children if c.dep_ == "amod")
    return any(w.lower_.rstrip("-") in NOT_STANDING for w in words)


def _support_noun(noun: Token, ends: Endpoints, mentions: Mentions) -> Iterator[Tie]:
    """ "Rwanda's support for M23", "Rwandan support for M23", "support from Rwanda for M23"."""
    sources = prep_objects(noun, ("from",))
    backers = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound")] + sources
    head = noun.head
    if not backers and noun.dep_ == "dobj" and head.lemma_.lower() in SUPPORT_LIGHT_VERBS:
        backers = surface_subjects(head)  # "Rwanda denied any support for M23"
    # The parser often hangs "for M23" on the source: "support from Rwanda for M23".
    backed = [t for n in (noun, *sources) for t in prep_objects(n, ("for", "to"))]
    modality = clause_modality(noun, mentions)
    for backer in resolved(backers, ends):
        for target in resolved(backed, ends):
            yield Tie(backer, "supports", target, noun, modality)
