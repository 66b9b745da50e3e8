"""French reporting cues the English parse shapes do not cover.

French news puts the reporting verb after the statement with its subject inverted ("..., a
annoncé le porte-parole", "..., a-t-il ajouté"); the French parser hangs that verb under the
statement (``conj``/``parataxis``) instead of above it as the English parser does. Sources
also come as "selon X", "d'après X", "à en croire X" and "de source militaire". These helpers
find the cue tokens and the speaker's head; :mod:`faultline.events.attribution` builds the cue.
Everything here is called only for tokens of a French doc.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = [
    "FRENCH_PRONOUNS",
    "french_source_phrase",
    "in_prepositional_phrase",
    "inverted_subject",
    "is_french",
    "postposed_reporting_verb",
    "subjectless_speaker",
]

# French pronoun → the English one the speaker resolution agrees on.
FRENCH_PRONOUNS = {"il": "he", "elle": "she", "ils": "they", "elles": "they", "lui": "he",
                   "eux": "they", "nous": "we", "je": "i", "on": "they"}  # fmt: skip
# Lemmas that report only when post-posed with an inverted subject ("a-t-il lancé").
POSTPOSED_ONLY_LEMMAS = frozenset({"launch", "denounce", "recognize", "promise", "insist"})
# A verb inserted in or after the statement hangs from it under one of these labels.
INSERTED_DEPS = frozenset({"conj", "parataxis", "ccomp", "advcl", "advmod", "dep", "acl"})
RELATIVES = frozenset({"qui", "que", "quoi", "lequel", "laquelle", "lesquels", "lesquelles"})
# Where a speaker phrase written before its verb stops when the parser gave it no subject.
PHRASE_STOPS = frozenset({",", ";", ":", "«", "»", "(", ")", ".", "—", "–", '"'})
# "a-t-il": the euphonic "t" is no subject.
EUPHONIC = frozenset({"-t", "-t-", "t"})
# How far after a post-posed verb its cut-off subject may start ("a annoncé lundi le ...").
FOLLOWING_WINDOW = 5
PHRASE_STOP_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON"})


def is_french(token: Token) -> bool:
    return token.lang_ == "fr"


def postposed_reporting_verb(trigger: Token, reporting: frozenset[str]) -> Token | None:
    """The reporting verb inserted after (or inside) the statement that holds ``trigger``."""
    current = trigger
    while True:
        for child in current.children:
            if child.i > trigger.i and _inserted_report(child, trigger, reporting):
                return child
        if current.head.i == current.i or current.dep_ in ("ccomp", "relcl"):
            return None
        if _misparsed_above(current.head, trigger, reporting):
            return current.head
        current = current.head


def _inserted_report(verb: Token, trigger: Token, reporting: frozenset[str]) -> bool:
    if verb.dep_ not in INSERTED_DEPS or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    if lemma not in reporting and lemma not in POSTPOSED_ONLY_LEMMAS:
        return False
    if any(c.dep_ == "cc" or (c.dep_ == "nsubj" and c.i < verb.i) for c in verb.children):
        return False  # "ont tué dix civils et ont annoncé ...": a second statement
    if verb.left_edge.i <= trigger.i <= verb.right_edge.i or not _after_a_break(verb):
        return False
    return inverted_subject(verb) is not None


def _misparsed_above(verb: Token, trigger: Token, reporting: frozenset[str]) -> bool:
    """ "X et Y ont été tués, a indiqué le général": the parser made the statement's first noun
    the subject of the reporting verb, which has its real subject after it."""
    if verb.i < trigger.i or verb.lemma_.lower() not in reporting or not _after_a_break(verb):
        return False
    subject = inverted_subject(verb)
    return subject is not None and subject.i > verb.i


def _after_a_break(verb: Token) -> bool:
    """An inserted reporting clause opens after a comma or a closing quotation mark."""
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ in ("aux", "auxpass"))])
    return first > 0 and verb.doc[first - 1].text in (",", "»", "”", '"')


def inverted_subject(verb: Token) -> Token | None:
    """The subject after the verb: "a déclaré le général", "a-t-il déclaré", and the noun the
    parser cut off into a sentence of its own ("a annoncé lundi | le porte-parole ...")."""
    for child in verb.children:
        subject = child.dep_ in ("nsubj", "expl") and child.lower_ not in EUPHONIC
        if subject and (child.i > verb.i or child.text.startswith("-")):
            return child
    doc = verb.doc
    for token in doc[verb.i + 1 : min(len(doc), verb.i + FOLLOWING_WINDOW)]:
        if token.text in PHRASE_STOPS or token.pos_ in ("VERB", "AUX", "ADP"):
            return None
        adjunct = token.head.i == verb.i and token.dep_ != "nsubj"  # "a annoncé lundi"
        if token.pos_ in ("NOUN", "PROPN") and not adjunct:
            return token
    return None


def subjectless_speaker(verb: Token) -> Span | None:
    """A speaker written right before the verb that the parser left without a subject label
    ("l’état-major a affirmé"), or the inverted clitic of "a-t-il ajouté"."""
    clitic = inverted_subject(verb)
    if clitic is not None and clitic.text.startswith("-"):
        return verb.doc[clitic.i : clitic.i + 1]
    auxiliaries = [c.i for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    end = min([verb.i, *auxiliaries])
    start = end
    doc = verb.doc
    while start > verb.sent.start and not _stops_phrase(doc[start - 1]):
        start -= 1
    phrase = doc[start:end]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
        return None
    return phrase


def in_prepositional_phrase(noun: Token) -> bool:
    """ "Dans un communiqué, l'état-major a affirmé": the parser can take the noun after a
    preposition for the subject; a French subject never has a preposition of its own."""
    return any(c.dep_ == "prep" and c.i < noun.i and c.pos_ == "ADP" for c in noun.children)


def _stops_phrase(token: Token) -> bool:
    return token.text in PHRASE_STOPS or token.pos_ in PHRASE_STOP_POS


def french_source_phrase(token: Token) -> tuple[tuple[Token, ...], Token] | None:
    """ "selon X", "d'après X", "à en croire X", "de source militaire": cue tokens and X."""
    word = token.lower_
    previous = token.nbor(-1) if token.i > 0 else None
    before = previous.lower_ if previous is not None else ""
    if word == "selon" or (word == "après" and before in ("d'", "d’")):
        cue = (token,) if word == "selon" else (previous, token)
        return _with_object(cue, token, ("pobj",))
    if word == "croire" and before == "en" and token.i > 1 and token.nbor(-2).lower_ == "à":
        return _with_object((token.nbor(-2), previous, token), token, ("dobj", "pobj"))
    if word == "source" and before == "de" and token.dep_ == "pobj":
        return (previous,), token
    return None


def _with_object(
    cue: tuple[Token | None, ...], token: Token, deps: tuple[str, ...]
) -> tuple[tuple[Token, ...], Token] | None:
    objects = [c for c in token.children if c.dep_ in deps and c.lower_ not in RELATIVES]
    if not objects or any(t is None for t in cue):
        return None
    return tuple(t for t in cue if t is not None), objects[0]
