"""The light verb behind a French eventive noun, shared by detection and role reading.

The French model often misattaches an eventive noun after a light verb when a date sits
between them ("ont imposé jeudi des sanctions": "sanctions" hangs off "jeudi"). Detection
needs the verb to accept the noun as a trigger; role reading needs it to give the noun the
verb's subject as actor. It lives apart from both because ``detect`` imports ``roles``.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["french_light_verb"]

# Tokens between a light verb and its noun when a date or a number sits between them
# ("a imposé le 20 février des sanctions").
_FRENCH_LIGHT_REACH = 7


def french_light_verb(noun: Token, light_verbs: frozenset[str] | None = None) -> Token | None:
    """The light verb an eventive French noun is the object of, through a misattachment.

    ``light_verbs`` limits which verbs count; None accepts any verb, as role reading does
    for an English direct object."""
    if noun.dep_ == "nsubjpass" and _is_light(noun.head, light_verbs):
        return noun.head  # "un couvre-feu a été instauré": the passive names the same act
    node = noun
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            near = 0 < noun.i - node.i <= _FRENCH_LIGHT_REACH
            return node if near and _is_light(node, light_verbs) else None
    return None


def _is_light(verb: Token, light_verbs: frozenset[str] | None) -> bool:
    if light_verbs is None:
        return verb.pos_ in ("VERB", "AUX")
    return verb.lemma_.lower() in light_verbs
