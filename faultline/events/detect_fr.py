"""French constructions the English trigger rules in ``detect.py`` do not see.

The French model often misattaches an eventive noun after a light verb when a date sits
between them ("ont imposé jeudi des sanctions": "sanctions" hangs off "jeudi"), reports
measures in the passive ("un couvre-feu a été instauré", "les frontières ont été fermées"),
and French states an ultimatum without the word ("ont donné 72 heures aux militaires pour ...").
Every function here is only called for French tokens, so English takes its old path.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["french_light_verb", "french_phrase_words", "french_special_trigger"]

# Tokens between a light verb and its noun when a date or a number sits between them
# ("a imposé le 20 février des sanctions").
_FRENCH_LIGHT_REACH = 7
# "donner 72 heures à X pour ...": a deadline given to someone is an ultimatum.
_DEADLINE_UNITS = frozenset({"heure", "heures", "jour", "jours", "semaine", "semaines"})
# French verbs whose act our English lexicon has no verb for (English keeps its own lexicon).
_FRENCH_VERBS = {"reject": "rejection"}


def french_light_verb(noun: Token, light_verbs: frozenset[str]) -> Token | None:
    """The light verb an eventive French noun is the object of, through a misattachment."""
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in light_verbs:
        return noun.head  # "un couvre-feu a été instauré": the passive names the same act
    node = noun
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            near = 0 < noun.i - node.i <= _FRENCH_LIGHT_REACH
            return node if near and node.lemma_.lower() in light_verbs else None
    return None


def french_phrase_words(verb: Token) -> list[Token]:
    """Passive subjects (and their conjuncts) stand for the object of a verb phrase: "les
    frontières du pays ont été fermées" closes the borders as "fermer les frontières" does."""
    words: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            words.extend([child, *child.conjuncts])
    return words


def french_special_trigger(verb: Token) -> tuple[str, str] | None:
    """(lemma, lexical class) for French verb triggers outside the English tables."""
    lemma = verb.lemma_.lower()
    if lemma in _FRENCH_VERBS:
        return lemma, _FRENCH_VERBS[lemma]
    if lemma == "give" and any(_is_deadline(c) for c in verb.children if c.dep_ == "dobj"):
        return "ultimatum", "threat"
    return None


def _is_deadline(noun: Token) -> bool:
    return noun.lower_ in _DEADLINE_UNITS and any(c.like_num for c in noun.children)
