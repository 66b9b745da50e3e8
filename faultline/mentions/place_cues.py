"""Sentence cues that decide whether a name is used as a place, and which place.

Each cue reads the dependency parse around one entity: is it the object of a locative
preposition or of a verb of taking territory ("in Bukavu", "seized Goma"); is it a person
("Mr Goma said"); does an apposition name its country or province ("Bukavu, the capital of South
Kivu province"); is a capital standing for its government ("Washington's real interests").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as EntSpan

from faultline.mentions.gazetteer import Gazetteer, normalise_name
from faultline.models import Span
from faultline.nlp import doc_tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LOCATIVE_PREPS = _words(
    "in at near around outside inside into across throughout from to toward towards through "
    "within via beyond between along onto upon on"
)
# Verbs whose object is territory: "seized Goma", "entered Kidal", "shelled Bukavu".
TERRITORIAL_VERBS = _words(
    "seize capture take enter attack shell bomb storm overrun besiege encircle surround "
    "occupy control retake recapture liberate flee leave visit evacuate reach raid hold "
    "defend bombard strike target invade tour"
)
# Nouns that make "of X" a place: "control of Bukavu", "the town of Gao".
PLACE_NOUNS = _words(
    "control fall capture city town village capital outskirts streets suburbs centre center "
    "residents people heart region province district territory area governor mayor siege "
    "seizure outskirt entrance neighbourhood neighborhood airport port north south east west "
    "northeast northwest southeast southwest"
)
PERSON_TITLES = _words(
    "mr mrs ms miss dr sir madam mme monsieur m president minister general gen colonel col "
    "captain capt lieutenant lt sergeant sgt major commander cmdr prof professor pastor "
    "bishop father chief senator governor ambassador judge king queen prince sheikh imam"
)
SPEECH_VERBS = _words(
    "say tell add claim state declare announce deny insist explain argue write warn"
)
# Nouns that make a capital's possessive about the city itself ("Kinshasa's streets").
CITY_NOUNS = _words(
    "streets street outskirts suburbs residents population airport mayor centre center "
    "districts neighbourhoods neighborhoods port inhabitants people"
)
# Nouns whose "with/to X" is a relation between states: "ties with Beijing", "aid to Kigali".
RELATION_NOUNS = _words(
    "tie relation relationship talk deal agreement aid support pressure sanction "
    "cooperation alliance partnership dialogue negotiation rapprochement loan assistance "
    "contact dispute rivalry tension pact accord"
)
# Verbs whose object is an actor: "Kinshasa accuses Kigali", "sanctions against Kigali".
ACTOR_VERBS = _words(
    "accuse blame condemn urge warn support back sanction pressure criticize criticise "
    "threaten recognise recognize thank fund arm court lobby petition"
)
ADMIN_CUES = _words("province region state prefecture governorate department")
APPOSITION_WIDTH = 15
# Neighbouring proper nouns with these entity types (or none) continue a name.
NAME_PART_LABELS = frozenset({"", "PERSON", "ORG", "NORP"})
STOP_PUNCT = frozenset({".", ";", "!", "?", ")", "(", ":"})
# French nouns with no English gloss that make "de X" a place: "la commune de la Gombe",
# "chef-lieu du Sud-Kivu", "l'est de la RDC" (the parser reads "est" as "is": lemma "être").
FRENCH_PLACE_NOUNS = frozenset({"commune", "chef-lieu", "est", "être", "environs", "cercle"})
# French prepositions as the English ones our cues key on. The gloss lemmatises most of them
# already, but contractions ("au", "du") keep French lemmas. "à" reads as "at": it is "to" only
# after a noun of relations ("leur aide à Kigali"), see ``is_metonym``.
FRENCH_PREPOSITIONS = {
    "à": "at", "au": "at", "aux": "at", "en": "in", "dans": "in", "de": "of", "du": "of",
    "des": "of", "d'": "of", "d’": "of", "par": "by", "près": "near", "contre": "against",
    "sur": "on", "avec": "with", "vers": "toward", "pour": "for", "chez": "at", "entre": "between",
    "autour": "around", "depuis": "from", "hors": "outside",
}  # fmt: skip


def english_word(token: Token) -> str:
    """The lower-case word English cues compare: the text itself, or for a token of a French
    parse its English preposition or glossed lemma, so English text takes the same path."""
    if token.lang_ != "fr":
        return token.lower_
    if token.pos_ == "PRON" and token.dep_ != "prep":
        return ""  # "on", "en" as pronouns are no prepositions ("en" is mistagged as one)
    return FRENCH_PREPOSITIONS.get(token.lower_) or token.lemma_.lower()


def _place_noun(token: Token) -> bool:
    if token.lang_ == "fr" and token.lemma_.lower() in FRENCH_PLACE_NOUNS:
        return True
    return token.lemma_.lower() in PLACE_NOUNS


@dataclass(frozen=True, slots=True)
class Parents:
    """Countries (ISO3) and admin1 names (normalised) an apposition places a name in."""

    countries: frozenset[str] = field(default_factory=frozenset)
    admin1s: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.countries or self.admin1s)


def is_locative(ent: EntSpan) -> bool:
    root = _first_conjunct(ent.root)
    head = root.head
    if root.dep_ == "pobj":
        if english_word(head) in LOCATIVE_PREPS:
            return True
        if english_word(head) == "of" and _place_noun(head.head):
            return True
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in TERRITORIAL_VERBS:
        return True
    # The parse is often wrong around mis-tagged names; the raw previous word still helps.
    previous = _previous(ent)
    return previous is not None and english_word(previous) in LOCATIVE_PREPS


def is_person(ent: EntSpan, locative: bool, surnames: frozenset[str]) -> bool:
    """ "Mr Goma", "Goma said", or the last name of a person named in full elsewhere."""
    previous = _previous(ent)
    if previous is not None and previous.lower_.rstrip(".") in PERSON_TITLES:
        return True
    if _touches_person(ent) or _part_of_longer_name(ent):
        return True
    if locative:
        return False
    root = ent.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS:
        return True
    return ent.label_ == "PERSON" and normalise_name(ent.text) in surnames


def is_metonym(ent: EntSpan) -> bool:
    """A capital standing for its government: possessor, acting subject, or party to a
    relation between states."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ in ("'s", "’s", "'"):
        owned = following.head if following.dep_ == "case" else None
        return owned is None or owned.lemma_.lower() not in CITY_NOUNS
    root = _first_conjunct(ent.root)
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        # "Kinshasa was calm" describes the city; "Paris invested" describes the state.
        return not (head.lemma_ == "be" and any(c.dep_ == "acomp" for c in head.children))
    if root.dep_ == "dobj" and head.lemma_.lower() in ACTOR_VERBS:
        return True
    if root.dep_ == "pobj" and _relation_preposition(head):
        governor = head.head
        if governor.lemma_.lower() in RELATION_NOUNS:
            return True
        # "froze their aid to Kigali": the parser often hangs "to" on the verb.
        return governor.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in RELATION_NOUNS for c in governor.children
        )
    return False


def _relation_preposition(preposition: Token) -> bool:
    word = english_word(preposition)
    french_to = preposition.lang_ == "fr" and word == "at"  # "aide à Kigali"
    return french_to or word in ("with", "to", "against", "between", "from")


def apposition_parents(
    ent: EntSpan, gazetteer: Gazetteer, extra: Sequence[EntSpan] = ()
) -> Parents:
    """Countries and admin1 areas named right after a name: "Goma, North Kivu", "Bukavu, the
    capital of South Kivu province", "Goma, the largest city in eastern DRC", "San, a town in
    Mali", "Kidal in the north of Mali"; or before it: "the Malian town of Gao"."""
    countries: set[str] = set()
    admin1s: set[str] = set()
    for other in [*_apposition_ents(ent), *_qualifier_ents(ent), *extra]:
        if other.ent_id_.startswith("cty_"):
            countries.add(other.ent_id_.removeprefix("cty_"))
            continue
        for candidate in gazetteer.lookup(other.text):
            if candidate.feature == "admin1" and candidate.admin1:
                admin1s.add(normalise_name(candidate.admin1))
            elif candidate.feature == "country" and not candidate.alias:
                countries.add(candidate.country)  # countries the knowledge base lacks
    return Parents(frozenset(countries), frozenset(admin1s))


def has_admin_cue(ent: EntSpan) -> bool:
    """ "South Kivu province", "Gao region", "the province of X"."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ in ADMIN_CUES:
        return True
    root = ent.root
    return (
        root.dep_ == "pobj"
        and english_word(root.head) == "of"
        and english_word(root.head.head) in ADMIN_CUES
    )


def span_with_admin_cue(ent: EntSpan) -> Span | None:
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and following.lower_ in ADMIN_CUES:
        return Span(ent.start_char, following.idx + len(following))
    return None


def capital_phrases(doc: Doc, focus: str | None) -> Iterator[tuple[Span, str]]:
    """ "the capital of Mali" / "the capital" (the article's main country) used as a place and
    not in apposition to a named city ("Bamako, the capital of Mali" names Bamako already)."""
    for token in doc_tokens(doc):
        if token.lower_ != "capital" or token.i == 0 or doc[token.i - 1].lower_ != "the":
            continue
        the = doc[token.i - 1]
        if _after_comma_name(the) or _before_comma_name(token) or not _locative_token(the):
            continue
        country, end = _capital_of(doc, token)
        iso3 = country or (None if _of_follows(doc, token) else focus)
        if iso3 is not None:
            yield Span(the.idx, end), iso3


# --- helpers ---------------------------------------------------------------------------------


def _first_conjunct(token: Token) -> Token:
    # "Beijing and Moscow": the second conjunct takes its role from the first.
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _previous(ent: EntSpan) -> Token | None:
    return ent.doc[ent.start - 1] if ent.start > 0 else None


def _touches_person(ent: EntSpan) -> bool:
    """Name parts: "Alpha" right before "Oumar Konaré" is a first name, not a town."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return any(t is not None and t.ent_type_ == "PERSON" for t in (before, after))


def _part_of_longer_name(ent: EntSpan) -> bool:
    """A capitalised proper noun glued to the name ("Alpha Oumar") makes it part of a name."""
    doc = ent.doc
    for i in (ent.start - 1, ent.end):
        if 0 <= i < len(doc):
            token = doc[i]
            if token.pos_ == "PROPN" and token.is_title and token.ent_type_ in NAME_PART_LABELS:
                return True
    return False


def _apposition_ents(ent: EntSpan) -> list[EntSpan]:
    doc = ent.doc
    start = _apposition_start(ent)
    if start is None:
        return []
    stop = min(len(doc), ent.end + APPOSITION_WIDTH, ent.sent.end)
    for i in range(start, stop):
        if doc[i].text in STOP_PUNCT or doc[i].text == ",":
            stop = i
            break
    return list(doc[start:stop].ents) if start < stop else []


def _apposition_start(ent: EntSpan) -> int | None:
    """Where the words placing a name begin: after "X," / "X in", or "the X region of"."""
    doc, end = ent.doc, ent.end
    if end < len(doc) and doc[end].text in (",", "in"):
        return end + 1
    if end + 1 < len(doc) and doc[end].lower_ in ADMIN_CUES and doc[end + 1].lower_ in ("of", "in"):
        return end + 2
    return None


def _qualifier_ents(ent: EntSpan) -> list[EntSpan]:
    """ "the Malian town of Gao": modifiers of the place noun that governs "of Gao"."""
    root = ent.root
    if root.dep_ != "pobj" or english_word(root.head) != "of":
        return []
    noun = root.head.head
    if not _place_noun(noun):
        return []
    return list(ent.doc[noun.left_edge.i : noun.i].ents)


def _after_comma_name(the: Token) -> bool:
    doc = the.doc
    return the.i >= 2 and doc[the.i - 1].text == "," and bool(doc[the.i - 2].ent_type_)


def _before_comma_name(capital: Token) -> bool:
    doc = capital.doc
    nxt = capital.i + 1
    return nxt + 1 < len(doc) and doc[nxt].text == "," and bool(doc[nxt + 1].ent_type_)


def _locative_token(the: Token) -> bool:
    head = the.head
    if head.dep_ == "pobj":
        return english_word(head.head) in LOCATIVE_PREPS
    return head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in TERRITORIAL_VERBS


def _capital_of(doc: Doc, capital: Token) -> tuple[str | None, int]:
    """The country in "the capital of Mali", and where the phrase ends."""
    end = capital.idx + len(capital)
    if not _of_follows(doc, capital):
        return None, end
    for e in doc[capital.i + 2 : capital.i + 10].ents:
        if e.start == capital.i + 2 and e.ent_id_.startswith("cty_") and e.label_ == "GPE":
            return e.ent_id_.removeprefix("cty_"), e.end_char
    return None, end


def _of_follows(doc: Doc, capital: Token) -> bool:
    return capital.i + 1 < len(doc) and doc[capital.i + 1].lower_ == "of"
