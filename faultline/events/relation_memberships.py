"""Membership of bodies and allegiance between groups, for ``relation_patterns``.

A body names its members ("the AES, which groups Burkina Faso with Mali and Niger", "ECOWAS
includes Nigeria", "the AES consists of Mali, Burkina Faso and Niger"), members name the body
they formed ("Mali, Burkina Faso and Niger set up the AES", "the AES, made up of Mali and
Niger"), and groups declare whose they are ("the ADF, which pledged allegiance to the Islamic
State", "JNIM, which is affiliated with al-Qaeda"). Each gives ``member_of`` ties, member →
body, where both ends name entities that may stand so (``relation_ends.fits``).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from faultline.events.relation_ends import (
    GROUP_KINDS,
    Endpoints,
    Tie,
    clause_modality,
    fits,
    phrase_modality,
    resolved,
)
from faultline.events.relation_syntax import conjuncts, prep_objects, surface_subjects
from faultline.models import Mentions

# The body is the subject, its members the objects: "the AES groups Mali with Niger".
BODY_VERBS = frozenset({"group", "include", "comprise", "consist"})
# The members are the subject, the body the object: "Mali and Niger formed the AES".
FOUNDING_VERBS = frozenset({"form", "found", "create", "establish", "constitute", "compose",
                            "make", "set"})  # fmt: skip
PARTICLES = {"make": "up", "set": "up"}  # "make up the AES", "set up the AES"
# "JNIM, which is linked to al-Qaeda", "groups affiliated with the Islamic State".
AFFILIATION_PARTICIPLES = frozenset({"linked", "affiliated"})
# "pledged allegiance to the Islamic State", "swore loyalty to M23".
ALLEGIANCE_NOUNS = frozenset({"allegiance", "loyalty", "fealty"})
PLEDGE_VERBS = frozenset({"pledge", "swear", "declare", "announce", "reaffirm", "renew",
                          "proclaim"})  # fmt: skip
STATE_KINDS = frozenset({"state", "government"})
MEMBERSHIP_CUES = BODY_VERBS | FOUNDING_VERBS | AFFILIATION_PARTICIPLES | ALLEGIANCE_NOUNS


def membership_ties(token: Token, ends: Endpoints, mentions: Mentions) -> Iterator[Tie]:
    """The ``member_of`` ties a membership cue states, member → body."""
    lemma = token.lemma_.lower()
    body_kinds: frozenset[str] | None = GROUP_KINDS  # None: any the predicate admits
    if token.pos_ == "NOUN" and lemma in ALLEGIANCE_NOUNS:
        members, bodies = _allegiance(token)
        member_kinds = GROUP_KINDS | {"person"}
    elif token.pos_ in ("VERB", "ADJ") and token.lower_ in AFFILIATION_PARTICIPLES:
        if any(c.dep_ == "dobj" for c in token.children):
            return  # "experts linked Rwanda to M23": a finding, not a tie
        members, bodies = surface_subjects(token), prep_objects(token, ("to", "with"))
        member_kinds = GROUP_KINDS
    elif token.pos_ == "VERB" and _particle_ok(token, lemma):
        members, bodies = _body_and_members(token, lemma)
        # A person who founds a body leads it ("Kagame founded the RPF"); a body that creates
        # one runs it ("the UN created MONUSCO"): neither is a member.
        founding = lemma in FOUNDING_VERBS
        member_kinds = STATE_KINDS | GROUP_KINDS | (frozenset() if founding else {"person"})
        body_kinds = None
    else:
        return
    acl = token.dep_ == "acl"
    chain = token.head if token.pos_ == "NOUN" else token
    modality = phrase_modality(token, mentions) if acl else clause_modality(chain, mentions)
    for member in resolved([t for m in members for t in conjuncts(m)], ends):
        for body in resolved(bodies, ends, country_words=False):
            body_ok = body_kinds is None or body.kind in body_kinds
            if member.kind in member_kinds and body_ok and fits("member_of", member, body):
                yield Tie(member, "member_of", body, token, modality)


def _allegiance(noun: Token) -> tuple[list[Token], list[Token]]:
    """ "X pledged allegiance to Y", "X, which swore its loyalty to Y"."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in PLEDGE_VERBS:
        return [], []
    return surface_subjects(verb), prep_objects(noun, ("to",)) + prep_objects(verb, ("to",))


def _particle_ok(verb: Token, lemma: str) -> bool:
    if lemma not in BODY_VERBS | FOUNDING_VERBS:
        return False
    particle = PARTICLES.get(lemma)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children)


def _body_and_members(verb: Token, lemma: str) -> tuple[list[Token], list[Token]]:
    """Members and body of a membership verb, active or passive."""
    subjects = surface_subjects(verb)
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in conjuncts(c)]
    partners = [t for o in (verb, *objects) for t in prep_objects(o, ("with",))]
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
    if passive or (verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD")):  # "made up of
        if lemma in BODY_VERBS:
            return [], []  # "Mali is grouped with Niger": no body named
        # "the AES, formed by Mali and Niger", "made up of Mali and Niger"
        return prep_objects(verb, ("by",), dep="agent") + prep_objects(verb, ("of",)), subjects
    if lemma in BODY_VERBS:  # "groups Burkina Faso with Mali", "consists of Mali and Niger"
        return objects + partners + prep_objects(verb, ("of",)), subjects
    return subjects + partners, objects  # "Mali formed the AES with Burkina Faso and Niger"
