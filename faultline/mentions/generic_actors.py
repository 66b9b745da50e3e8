"""Generic actor phrases: "mutinous soldiers", "several dozen heavily armed men", "protesters".

They name no one, but events need them as actors and victims. Each is the noun phrase around a
head noun from a small lexicon, with a kind, a PLOVER sector and the country the context gives.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator

from spacy.tokens import Doc, Span, Token

from faultline.mentions.actor_syntax import noun_phrase, nouns_with_lemma
from faultline.mentions.place_cues import english_word
from faultline.models import ActorKind, ActorMention
from faultline.models import Span as TextSpan

Generic = tuple[ActorKind, str, str]  # kind, sector, canonical name

HEADS: dict[str, Generic] = {
    "soldier": ("military", "MIL", "Soldiers"),
    "troop": ("military", "MIL", "Soldiers"),
    "serviceman": ("military", "MIL", "Soldiers"),
    "army": ("military", "MIL", "Army"),
    "military": ("military", "MIL", "Army"),
    "mutineer": ("military", "MIL", "Mutinous soldiers"),
    "junta": ("military", "MIL", "Military junta"),
    "putschist": ("military", "MIL", "Coup plotters"),
    "gunman": ("group", "UAF", "Unidentified gunmen"),
    "bandit": ("militia", "UAF", "Bandits"),
    "kidnapper": ("group", "UAF", "Kidnappers"),
    "assailant": ("group", "UAF", "Unidentified assailants"),
    "attacker": ("group", "UAF", "Unidentified assailants"),
    "rebel": ("rebel", "REB", "Rebels"),
    "insurgent": ("rebel", "REB", "Rebels"),
    "guerrilla": ("rebel", "REB", "Rebels"),
    "militant": ("rebel", "REB", "Militants"),
    "jihadist": ("rebel", "REB", "Jihadists"),
    "islamist": ("rebel", "REB", "Jihadists"),
    "fighter": ("rebel", "REB", "Fighters"),
    "militia": ("militia", "REB", "Militia"),
    "militiaman": ("militia", "REB", "Militia"),
    "militiamen": ("militia", "REB", "Militia"),
    "protester": ("civilians", "CVL", "Protesters"),
    "protestor": ("civilians", "CVL", "Protesters"),
    "demonstrator": ("civilians", "CVL", "Protesters"),
    "civilian": ("civilians", "CVL", "Civilians"),
    "villager": ("civilians", "CVL", "Civilians"),
    "worshipper": ("civilians", "CVL", "Civilians"),
    "chief": ("civilians", "CVL", "Civilians"),
    "journalist": ("civilians", "JRN", "Journalists"),
    "teacher": ("civilians", "CVL", "Civilians"),
    "priest": ("civilians", "CVL", "Civilians"),
    "pastor": ("civilians", "CVL", "Civilians"),
    "imam": ("civilians", "CVL", "Civilians"),
    "trader": ("civilians", "CVL", "Civilians"),
    "miner": ("civilians", "CVL", "Civilians"),
    "herder": ("civilians", "CVL", "Civilians"),
    "student": ("civilians", "CVL", "Civilians"),
    "pupil": ("civilians", "CVL", "Civilians"),
    "farmer": ("civilians", "CVL", "Civilians"),
    "passenger": ("civilians", "CVL", "Civilians"),
    "resident": ("civilians", "CVL", "Civilians"),
    "citizen": ("civilians", "CVL", "Civilians"),
    "refugee": ("civilians", "REF", "Refugees"),
    "police": ("police", "COP", "Police"),
    "policeman": ("police", "COP", "Police"),
    "policemen": ("police", "COP", "Police"),
    "gendarme": ("police", "COP", "Police"),
    # Parties to resource deals: "a consortium led by a Hong Kong-registered mining group
    # signed an agreement with Congo's state mining company".
    "consortium": ("company", "BUS", "Company"),
    "company": ("company", "BUS", "Company"),
    "firm": ("company", "BUS", "Company"),
    "corporation": ("company", "BUS", "Company"),
    "conglomerate": ("company", "BUS", "Company"),
}
ARMED_MEN: Generic = ("group", "UAF", "Unidentified armed men")
# "men" is an actor only when armed: "heavily armed men", "masked men", "men in fatigues".
ARMED_WORDS = frozenset({"armed", "masked", "unidentified", "unknown", "uniformed", "hooded"})
DRESS_WORDS = frozenset({"fatigue", "fatigues", "uniform", "uniforms", "camouflage"})
# French participles say it after the noun ("des hommes armés", a participle clause, ``acl``);
# the gloss gives "armés" the lemma "arm", so these are compared by French word.
FRENCH_ARMED_WORDS = frozenset({"armé", "armés", "masqué", "masqués", "cagoulé", "cagoulés",
                                "inconnu", "inconnus", "encagoulés", "uniformisés"})  # fmt: skip
# French counts a group with a collective noun that heads the phrase: in "plusieurs dizaines
# d'hommes lourdement armés" the parser hangs "armés" off "dizaines", not off "hommes".
FRENCH_COLLECTIVES = frozenset({"millier", "milliers", "groupe", "groupes", "poignée", "bande"})
# "dizaine", "vingtaine", "cinquantaine", "centaine": approximate numbers end in "-aine(s)".
FRENCH_APPROXIMATE_ENDINGS = ("aine", "aines")
# "forces" alone is too vague; these modifiers say whose.
STATE_FORCE_WORDS = frozenset({"security", "government", "defence", "defense", "state", "special"})
REBEL_FORCE_WORDS = frozenset({"rebel", "islamist", "jihadist", "insurgent", "opposition"})
# Modifiers ("rebel group") and descriptions of someone already named ("Malanga, a US
# resident"; "who was then a general") are not actors of their own.
DESCRIBING_DEPS = frozenset({"compound", "amod", "nmod", "appos", "attr"})
HEAD_LEMMAS = frozenset({*HEADS, "man", "men", "force"})


def find_generic(
    doc: Doc,
    covered: Container[int],
    country_for: Callable[[Span], str | None],
) -> Iterator[ActorMention]:
    """Generic actor phrases whose tokens no named actor already covers."""
    for i in nouns_with_lemma(doc, HEAD_LEMMAS):
        token = doc[i]
        generic = _generic_of(token)
        if generic is None or i in covered:
            continue
        phrase = noun_phrase(token)
        if any(i in covered for i in range(phrase.start, phrase.end)):
            continue
        kind, sector, name = generic
        yield ActorMention(
            span=TextSpan(phrase.start_char, phrase.end_char),
            text=phrase.text,
            name=name,
            kind=kind,
            sector=sector,
            country=country_for(phrase),
            method="generic",
            score=0.6,
        )


def _generic_of(token: Token) -> Generic | None:
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in DESCRIBING_DEPS:
        return None
    lemma = token.lemma_.lower()
    if lemma in HEADS:
        return HEADS[lemma]
    if lemma == "man":
        return ARMED_MEN if _armed(token) else None
    if lemma == "force":
        return _force_kind(token)
    return None


def _armed(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in ARMED_WORDS:
            return True
        if child.dep_ in ("amod", "acl") and _french_armed(child):
            return True
        if child.dep_ == "prep" and english_word(child) == "in" and _dressed(child):
            return True
    collective = _french_collective_of(token)
    return collective is not None and any(
        c.dep_ in ("amod", "acl") and _french_armed(c) for c in collective.children
    )


def _french_collective_of(token: Token) -> Token | None:
    """The collective noun heading "des dizaines d'hommes", if ``token`` is what it counts."""
    preposition = token.head
    if token.lang_ != "fr" or token.dep_ != "pobj" or english_word(preposition) != "of":
        return None
    collective = preposition.head
    word = collective.lower_
    if collective.pos_ != "NOUN" or preposition.dep_ != "prep":
        return None
    if word in FRENCH_COLLECTIVES or word.endswith(FRENCH_APPROXIMATE_ENDINGS):
        return collective
    return None


def _french_armed(modifier: Token) -> bool:
    return modifier.lang_ == "fr" and modifier.lower_ in FRENCH_ARMED_WORDS


def _dressed(preposition: Token) -> bool:
    """ "men in fatigues"; "des hommes en uniforme" (the gloss reads "uniforme" as "uniform")."""
    objects = [o for o in preposition.children if o.dep_ == "pobj"]
    return any(o.lower_ in DRESS_WORDS or _french_dress(o) for o in objects)


def _french_dress(token: Token) -> bool:
    return token.lang_ == "fr" and (
        token.lemma_.lower() in DRESS_WORDS or token.lower_ == "treillis"
    )


def _force_kind(token: Token) -> Generic | None:
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            # "defence and security forces": the conjoined modifier counts too.
            modifiers.update(c.lower_ for c in child.children if c.dep_ == "conj")
    if modifiers & STATE_FORCE_WORDS:
        return ("military", "MIL", "Security forces")
    if modifiers & REBEL_FORCE_WORDS:
        return ("rebel", "REB", "Rebels")
    return None
