"""Syntactic tests the actor resolver needs: is a name used as an actor, and what title precedes it.

A country or capital name is usually a place ("fighting in Kinshasa"). It names a political
actor only in an actor's slot: subject of a verb ("Rwanda backs M23", "Kigali denied"), agent
of a passive ("backed by Rwanda"), possessor of an act ("Kigali's support"), object of a
political verb ("accuses Rwanda") or of a preposition after a political noun ("aid to
Kigali", "ties with Beijing"). These tests read spaCy's dependency parse only.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
from spacy.attrs import ENT_IOB, LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from faultline.kb.titles import TITLES
from faultline.mentions.place_cues import RELATION_NOUNS, english_word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose subject or object is an actor when it is a state or its capital.
POLITICAL_VERBS = _words(
    """
    accuse acknowledge admit agree aid announce approve arm ask assist attack back ban blame commit
    block bomb break buy call claim close condemn conduct confirm consider continue criticize equip
    criticise cut decide declare demand deny deploy distance expel export finance flirt freeze
    fund give halt help host impose insist intend invade invest invite join launch leave maintain
    mediate meet negotiate offer oppose order plan pledge praise present pressure promise propose
    provide purchase push recall recognize recognise refuse reject request respond restore resume
    retaliate say seek sell send sign strike summon supply support suspend tell threaten train
    urge veto visit vow want wage warn welcome withdraw
    """
)
# Nouns naming an act or relation between actors: their possessor or their prepositional
# object ("support from Rwanda", "sanctions on Kigali") is an actor.
POLITICAL_NOUNS = _words(
    """
    accusation agreement aid ally allies backing ban conflict cooperation decision deal demand
    denial embargo friendship influence interest intervention involvement negotiation offer
    partnership policy position pressure proposal refusal relation response role sanction
    statement struggle support talk tie threat war warning
    """
)
ACTOR_PREPOSITIONS = frozenset({"from", "to", "with", "on", "against", "by", "for", "between"})
EXAMPLE_PREPOSITIONS = frozenset({"like", "include", "including", "such"})
# A subject of these verbs is described, not acting ("Mali is one of the poorest countries").
STATIVE_VERBS = frozenset({"be", "have", "become", "remain", "seem", "lie", "border", "contain"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})

# How far back from a name a title is looked for ("US Ambassador to the DRC Lucy Tamlyn").
TITLE_WINDOW = 6
TITLE_GAP_POS = frozenset({"PROPN", "NOUN", "ADP", "DET", "ADJ", "PART"})


def is_actor_slot(span: Span, *, strict: bool = False) -> bool:
    """Whether ``span`` stands in an actor's slot of its clause.

    ``strict`` (for capitals) accepts a subject only of a political verb, since "Kinshasa is
    a city of 17 million" names the place, not the government.
    """
    root = _first_conjunct(span.root)
    dep = root.dep_
    if dep == "appos":
        root = _first_conjunct(root.head)
        dep = root.dep_
    if dep in SUBJECT_DEPS:
        return _acting_verb(root.head, strict=strict)
    if dep == "poss":
        return root.head.lemma_.lower() in POLITICAL_NOUNS
    if dep in ("dobj", "dative"):
        return root.head.lemma_.lower() in POLITICAL_VERBS
    if dep == "pobj":
        return _actor_object_of_preposition(root.head)
    return False


def _first_conjunct(token: Token) -> Token:
    """ "Germany and the United Kingdom": the second conjunct takes the first one's slot."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _acting_verb(verb: Token, *, strict: bool) -> bool:
    lemma = verb.lemma_.lower()
    if strict and lemma in _MODALS:
        # "Washington pourrait former et équiper les FARDC": the act is the modal's verb.
        acts = [c for c in verb.children if c.dep_ == "xcomp"]
        acts += [c for a in acts for c in a.conjuncts]
        return any(a.lemma_.lower() in POLITICAL_VERBS for a in acts)
    if strict:
        return lemma in POLITICAL_VERBS
    return verb.pos_ in ("VERB", "AUX") and lemma not in STATIVE_VERBS


_MODALS = frozenset({"can", "could", "may", "might", "must", "should", "would", "will"})


def _actor_object_of_preposition(prep: Token) -> bool:
    preposition = english_word(prep)
    governor = prep.head
    if prep.dep_ == "agent":
        return True
    if preposition in EXAMPLE_PREPOSITIONS or prep.lemma_.lower() in EXAMPLE_PREPOSITIONS:
        # "countries like Germany ... have frozen": the example takes its category's slot.
        return governor.dep_ in SUBJECT_DEPS and _acting_verb(governor.head, strict=False)
    lemma = governor.lemma_.lower()
    if prep.lang_ == "fr" and preposition == "at":
        return lemma in RELATION_NOUNS  # "leur aide à Kigali"; "arrêtés à Kinshasa" is a place
    if preposition not in ACTOR_PREPOSITIONS:
        return False
    return lemma in POLITICAL_NOUNS or lemma in POLITICAL_VERBS


def title_of(tokens: Span) -> str | None:
    """The role a title word right before (or at the start of) a name states, if any.

    Looks back over a short run of name-like words, so "DRC President Félix Tshisekedi" and
    "US Ambassador to the DRC Lucy Tamlyn" both find their title; stops at punctuation and
    verbs, so a title from another clause never leaks in.
    """
    leading = leading_title_length(tokens)
    if leading:
        return TITLES.get(tokens[leading - 1].lower_)
    doc = tokens.doc
    for i in range(tokens.start - 1, max(tokens.start - TITLE_WINDOW, 0) - 1, -1):
        token = doc[i]
        role = TITLES.get(token.lower_)
        if role and token.text[:1].isupper():
            return _with_prefix(doc, i, role)
        if token.pos_ not in TITLE_GAP_POS:
            return None
    return None


def _with_prefix(doc: Doc, i: int, role: str) -> str:
    # "Prime Minister" is a different office from a plain minister.
    if role == "minister" and i > 0 and doc[i - 1].lower_ == "prime":
        return "prime minister"
    return role


def leading_title_length(tokens: Span) -> int:
    """How many tokens at the start of ``tokens`` are title words ("Captain", "Lt. Col.")."""
    count = 0
    for token in tokens:
        if token.lower_ not in TITLES or not token.text[:1].isupper():
            break
        count += 1
    return count if count < len(tokens) else 0


# --- finding candidate tokens without touching every token ------------------------------------
# Creating a spaCy Token costs about a microsecond, so scans over a whole article read the
# C arrays first and build Tokens only for the few candidates.
NOUN_POS = (POS_IDS["NOUN"], POS_IDS["PROPN"])
OUTSIDE_ENTITY = 2  # ENT_IOB value for "O"
LEADING_NOISE = frozenset({"the", "a", "an", "this", "that", "these", "those", ",", '"', "and"})


@cache
def _lemma_hashes(lemmas: frozenset[str]) -> np.ndarray:
    # Lemmas of proper nouns keep their case and sometimes their plural ("Islamists").
    forms = {f for lemma in lemmas for f in (lemma, lemma + "s")}
    forms |= {f.capitalize() for f in forms}
    return np.array(sorted(hash_string(f) for f in forms), dtype=np.uint64)


def nouns_with_lemma(doc: Doc, lemmas: Iterable[str]) -> list[int]:
    """Indices of nouns whose lemma is one of ``lemmas`` (lower-case)."""
    if not len(doc):
        return []
    array = doc.to_array([POS, LEMMA])
    mask = np.isin(array[:, 0], NOUN_POS) & np.isin(array[:, 1], _lemma_hashes(frozenset(lemmas)))
    return np.flatnonzero(mask).tolist()


def proper_nouns_outside_entities(doc: Doc) -> list[int]:
    if not len(doc):
        return []
    array = doc.to_array([POS, ENT_IOB])
    mask = (array[:, 0] == POS_IDS["PROPN"]) & (array[:, 1] == OUTSIDE_ENTITY)
    return np.flatnonzero(mask).tolist()


def noun_phrase(head: Token) -> Span:
    """The noun phrase ending at ``head``: its left modifiers, without a leading article."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and doc[start].lower_ in LEADING_NOISE:
        start += 1
    return doc[start : head.i + 1]
