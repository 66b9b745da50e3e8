"""French constructions the English trigger rules in ``detect.py`` do not see.

The French model often misattaches an eventive noun after a light verb when a date sits
between them ("ont imposé jeudi des sanctions": "sanctions" hangs off "jeudi"), reports
measures in the passive ("un couvre-feu a été instauré", "les frontières ont été fermées"),
and French states an ultimatum without the word ("ont donné 72 heures aux militaires pour ...").
Every function here is only called for French tokens, so English takes its old path.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from spacy.tokens import Token

from faultline.events.light_verbs_fr import french_light_verb

__all__ = [
    "FRENCH_COUNT_HEADS",
    "french_demonstrative_trigger",
    "french_light_verb",
    "french_phrase_words",
    "french_special_trigger",
    "french_toll_verb",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# "donner 72 heures à X pour ...": a deadline given to someone is an ultimatum.
_DEADLINE_UNITS = frozenset({"heure", "heures", "jour", "jours", "semaine", "semaines"})
# French verbs whose act our English lexicon has no verb for (English keeps its own lexicon).
_FRENCH_VERBS = {"reject": "rejection"}
# French binds a count to the counted noun itself where English binds it to a verb: "2 900
# corps ont été ramassés", "le nombre de déplacés avait atteint 6,9 millions" (glossed lemmas).
FRENCH_COUNT_HEADS = frozenset({"body", "displaced"})
# "faire N morts": French states a toll with "faire", as English does with "leave" or "kill".
_TOLL_NOUNS = frozenset(
    {
        "dead",
        "death",
        "displaced",
        "displace",
        "injured",
        "wounded",
        "victim",
        "casualty",
        "refugee",
        "body",
    }
)


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


def french_demonstrative_trigger(
    verb: Token, nouns: Mapping[str, str], light_verbs: Set[str]
) -> tuple[str, str] | None:
    """ "La junte invoquait la rébellion. Celle-ci a été lancée le 17 janvier par le MNLA":
    a light verb whose subject is "celle-ci" acts out the eventive noun it stands for."""
    if verb.lemma_.lower() not in light_verbs:
        return None
    pronoun = next(
        (c for c in verb.children if c.dep_ in _SUBJECTS and c.lemma_.lower() == "celui"), None
    )
    if pronoun is None:
        return None
    antecedent = _eventive_antecedent(pronoun, nouns)
    if antecedent is None:
        return None
    lemma = antecedent.lemma_.lower()
    return lemma, nouns[lemma]


def _eventive_antecedent(pronoun: Token, nouns: Mapping[str, str]) -> Token | None:
    doc = pronoun.doc
    sentence = pronoun.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    gender = pronoun.morph.get("Gender")
    for token in reversed(doc[start : pronoun.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in nouns:
            agrees = (
                not gender or not token.morph.get("Gender") or gender == token.morph.get("Gender")
            )
            return token if agrees else None
    return None


def _is_deadline(noun: Token) -> bool:
    return noun.lower_ in _DEADLINE_UNITS and any(c.like_num for c in noun.children)


def french_toll_verb(verb: Token) -> bool:
    """Whether ``verb`` is "faire" stating a toll ("les combats ont fait 206 000 déplacés",
    "auraient fait une quarantaine de morts"): its subject is then an event that happened."""
    if verb.lemma_.lower() != "make":
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        counted = [obj, *(g for p in obj.children if p.dep_ == "prep" for g in p.children)]
        if any(w.lemma_.lower() in _TOLL_NOUNS for w in counted):
            return True
    return False
