"""Word cues for coups: outcome votes near a trigger, military words, foreign nationals.

Kept apart from ``coup.py`` so the vocabulary can grow without the logic around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from faultline.kb import kb_index
from faultline.models import ActorMention

Vote = Literal["successful", "attempted", "plot"] | None

# Head nouns that make "coup" a description of people, not of an event ("coup plotters").
ACTOR_NOUNS = frozenset(
    {"plotter", "plotters", "leader", "leaders", "maker", "makers", "member", "members"}
    | {"supporter", "supporters", "perpetrator", "perpetrators", "instigator", "ringleader"}
)
# Overt action that failed: Cline's "attempted".
ATTEMPT_CUES = frozenset(
    {"fail", "failed", "attempt", "attempted", "abortive", "botched", "crush", "quash", "quell"}
    | {"repel", "repulse", "unsuccessful", "bid", "abort", "suppress", "nip", "rout", "defeat"}
)
# Stopping words that fit a plot as well as an attempt ("foiled a coup plot").
STOP_CUES = frozenset({"foil", "thwart", "uncover", "prevent", "pre-empt", "preempt", "avert"})
PLOT_CUES = frozenset({"plot", "conspiracy", "conspire", "plan", "scheme", "planning"})
SUCCESS_CUES = frozenset(
    {"seize", "grab", "overthrow", "topple", "oust", "depose", "succeed", "usurp", "install"}
)
# Verbs whose subject fought the coup: their subject is never its leader.
SUPPRESSION_VERBS = ATTEMPT_CUES | STOP_CUES | {"arrest", "condemn", "denounce", "resist"}
MILITARY_WORDS = frozenset(
    {"military", "army", "soldier", "soldiers", "junta", "mutineer", "mutineers", "mutinous"}
    | {"officer", "officers", "troops", "putschist", "putschists", "colonel", "captain"}
    | {"lieutenant", "sergeant", "paratrooper", "paratroopers", "guard", "guards"}
)
MILITARY_TITLES = frozenset(
    {"captain", "capt", "colonel", "col", "lieutenant", "lt", "general", "gen", "major", "maj"}
    | {"sergeant", "sgt", "commander", "admiral", "brigadier", "corporal", "cpl", "marshal"}
    # French ranks ("le capitaine Amadou Sanogo"); none of them is an English word.
    | {"capitaine", "général", "sergent", "commandant", "caporal", "lieutenant-colonel"}
)
# Nouns for people: a nationality word that modifies one names foreign nationals.
PERSON_NOUNS = frozenset(
    {"citizen", "national", "mercenary", "man", "woman", "soldier", "fighter", "resident"}
    | {"person", "people", "operative", "contractor", "veteran", "passport", "holder", "native"}
)
# French outcome words the gloss leaves French (participles, adjectives): "coup d'État manqué".
FRENCH_ATTEMPT_CUES = frozenset(
    {"manqué", "manquée", "manquer", "raté", "ratée", "rater", "avorté", "avortée", "mort-né"}
    | {"échec", "failure", "échoué", "déjoué", "déjouée", "étouffé", "étouffée", "tentative"}
)
FRENCH_ELECTION = re.compile(
    r"\b(élections?|électora\w*|scrutin|vote[sr]?|urnes|(ré)?élue?s?|investiture"
    r"|prêt\w* serment)\b",
    re.I,
)
_WINDOW = 6
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_TITLE_ATTEMPT = re.compile(r"\b(failed|attempted|foiled|thwarted|abortive|botched|crushed)\b")
_TITLE_PLOT = re.compile(r"\b(coup|putsch) plot\b|\bplot(ting|ted)? (a|to)\b")
_TITLE_SUCCESS = re.compile(r"\b(seiz\w*|grab\w*) power\b|\b(oust|topple|overthrow|depose)s?\b")
_TITLE_COUP_FR = re.compile(r"\b(coup d'[ée]tat|coup de force|putsch|mutinerie|complot)")
_TITLE_PLOT_FR = re.compile(r"\bcomplot")
_TITLE_ATTEMPT_FR = re.compile(
    r"\b(tentative|manqu[ée]e?|rat[ée]e?|avort[ée]e?|d[ée]jou[ée]e?|[ée]chou)"
)
_TITLE_SUCCESS_FR = re.compile(
    r"\b(renvers\w*|pris le pouvoir|prise du pouvoir|empar\w* du pouvoir)"
)


def normalise(text: str) -> str:
    """Typographic quotes and apostrophes as their ASCII forms."""
    return text.translate(_QUOTES)


def near_vote(trigger: Token) -> Vote:
    """The outcome the words beside ``trigger`` state, or None when they state none."""
    lemmas = set(_near_lemmas(trigger))
    attempt = bool(lemmas & ATTEMPT_CUES)
    if trigger.lang_ == "fr":
        attempt = attempt or bool(lemmas & FRENCH_ATTEMPT_CUES)
    plot = bool(lemmas & PLOT_CUES)
    if plot and not attempt:
        return "plot"
    if attempt or lemmas & STOP_CUES:
        return "attempted"
    if lemmas & SUCCESS_CUES or ({"power"} <= lemmas and lemmas & {"take", "come", "assume"}):
        return "successful"
    return None


def _near_lemmas(trigger: Token) -> Iterator[str]:
    sent = trigger.sent
    lo, hi = max(sent.start, trigger.i - _WINDOW), min(sent.end, trigger.i + _WINDOW + 1)
    for token in trigger.doc[lo:hi]:
        # "the coup took place" is no seizure of power; "coup plotters" no plot.
        if token.lower_ == "place" and token.head.lemma_ == "take":
            yield "place"
            continue
        yield token.lemma_.lower()
        if token.lang_ == "fr":  # the gloss leaves participles French: "manqué", "avorté"
            yield token.lower_
    yield from (v.lemma_.lower() for v in _verb_of(trigger))


def _verb_of(trigger: Token) -> Iterator[Token]:
    """The verb whose subject or object the coup is ("the coup ... was foiled")."""
    noun = trigger
    while noun.dep_ in {"compound", "amod"} and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj", "obj"} and noun.head.pos_ == "VERB":
        yield noun.head


def title_vote(title: str, language: str = "en") -> Vote:
    text = normalise(title).lower()
    if language == "fr":
        return _french_title_vote(text)
    if not re.search(r"\b(coup|putsch|mutiny)", text):
        return None
    if _TITLE_PLOT.search(text):
        return "plot"
    if _TITLE_ATTEMPT.search(text):
        return "attempted"
    return "successful" if _TITLE_SUCCESS.search(text) else None


def _french_title_vote(text: str) -> Vote:
    if not _TITLE_COUP_FR.search(text):
        return None
    if _TITLE_PLOT_FR.search(text):
        return "plot"
    if _TITLE_ATTEMPT_FR.search(text):
        return "attempted"
    return "successful" if _TITLE_SUCCESS_FR.search(text) else None


def sentence_has_past_year(sent: DocSpan, year: int | None) -> bool:
    """A year before publication marks a sentence as history ("a military coup in 1991")."""
    if year is None:
        return False
    return any(_YEAR.match(t.text) and int(t.text) < year for t in sent)


def foreign_nationals(sent: DocSpan) -> Iterator[str]:
    """ISO3 of each nationality the sentence gives to people ("several Americans", "US citizens",
    "a naturalized British citizen"); "the US State Department" names no national."""
    index = kb_index()
    for token in sent:
        word = normalise(token.text).strip(".'\"")
        if not word:
            continue
        demonym = index.country_by_demonym.get(word.lower())
        if demonym and _as_person(token):
            yield demonym
            continue
        country = index.country_of(word)
        if country and _modifies_person(token):
            yield country


def _as_person(token: Token) -> bool:
    """A demonym that is itself the people ("several Americans") or describes a person noun."""
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ not in {"compound", "amod", "nmod"}:
        return True
    return _modifies_person(token)


def _modifies_person(token: Token) -> bool:
    if token.i > 0 and token.nbor(-1).lower_ in {"naturalized", "naturalised"}:
        return True
    head = token.head
    return token.dep_ in {"amod", "compound", "nmod"} and head.lemma_.lower() in PERSON_NOUNS


def foreign_backed(sent: DocSpan, country: str | None) -> bool:
    """ "French-backed", "foreign-sponsored", "foreign mercenaries": a coup from outside."""
    for match in re.finditer(r"([\w.]+)-(backed|sponsored|orchestrated|instigated)", sent.text):
        who = match.group(1)
        if who.lower() in {"foreign", "mercenary"}:
            return True
        iso3 = kb_index().country_of(who)
        if iso3 and iso3 != country:
            return True
    return bool(re.search(r"\bforeign mercenar", sent.text, re.I))


def by_leader(leader: ActorMention | None, text: str) -> str | None:
    """Cline type from who led it, when no word names the type outright."""
    if re.search(r"\b(popular uprising|protesters|demonstrators|mass protests)\b", text):
        return "popular"
    if leader is None:
        return "dissident" if re.search(r"\barmed (men|civilians|group)", text) else None
    if leader.kind == "rebel" or (leader.entity_id or "").startswith("grp_"):
        return "rebel"
    if leader.sector in {"GOV", "ELI"}:
        return "palace"
    return "dissident"
