"""The ends of a standing tie, for ``relation_patterns``: which entity a token names, which
pairs a predicate admits, and how sure the sentence is of the tie.

Both ends must name an entity: an actor mention with an id, or a country word the actor stage
leaves to the places ("Rwanda-backed", "an ally of Kinshasa"), resolved as it would be:
country → state, seat → government.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from faultline.events.attribution import attribution_of
from faultline.events.modality import ATTRIBUTIVE, HEDGE_ADVERBS, modality_of
from faultline.kb import kb_index, name_key
from faultline.kb.entity_ids import mention_entity_id
from faultline.models import Mentions, Modality, Predicate

PERSON_TARGET_OK = frozenset({"allied_with", "opposes", "supports"})  # ties between equals
# Non-state organisations, which may belong to one another: "JNIM, the al-Qaeda affiliate".
GROUP_KINDS = frozenset({"rebel", "militia", "party", "group"})
HEDGES = HEDGE_ADVERBS | {w for w, m in ATTRIBUTIVE.items() if m == "hedged"}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of a tie: the entity and the text span that names it."""

    id: str
    name: str
    kind: str
    start: int
    end: int
    country_word: bool = False  # a bare country word, not an actor mention


@dataclass(frozen=True, slots=True)
class Tie:
    subject: Endpoint
    predicate: Predicate
    object: Endpoint
    cue: Token
    modality: Modality


class Endpoints:
    """Tokens mapped to entities: actor mentions first, then country and capital places."""

    def __init__(self, doc: Doc, mentions: Mentions) -> None:
        self.doc = doc
        self.by_token: dict[int, Endpoint] = {}
        self.country_at: dict[int, str] = {}  # the country the actor stage gave a mention
        self.placed = sorted((a.span.start, a.text.casefold().split(), a.country)
                             for a in mentions.actors if a.country)  # fmt: skip
        for actor in mentions.actors:
            entity_id = mention_entity_id(actor)  # None: generic ("armed men") or a demonym
            if entity_id is not None:
                span = actor.span
                self._cover(Endpoint(entity_id, actor.name, actor.kind, span.start, span.end))
            for token in self._tokens(actor.span.start, actor.span.end) if actor.country else ():
                self.country_at.setdefault(token.i, actor.country)
        for place in mentions.places:
            iso3 = place.country if place.precision == "country" else None
            end = self._country(place.text, iso3, place.span.start, place.span.end)
            if end is not None:
                self._cover(end)

    def _tokens(self, start: int, end: int) -> tuple[Token, ...]:
        return tuple(self.doc.char_span(start, end, alignment_mode="expand") or ())

    def _cover(self, end: Endpoint) -> None:
        for token in self._tokens(end.start, end.end):
            self.by_token.setdefault(token.i, end)  # actor mentions came first and win

    def of(self, token: Token, *, country_words: bool = True) -> Endpoint | None:
        """The entity ``token`` names; a common noun borrows its compound's ("the M23 group")."""
        end = self.by_token.get(token.i)
        if end is None and token.pos_ in ("PROPN", "ADJ", "NOUN"):
            end = self._country(token.text, None, token.idx, token.idx + len(token))
        if end is None and token.pos_ == "NOUN":
            names = (self.of(c, country_words=False) for c in token.children
                     if c.dep_ == "compound")  # fmt: skip
            end = next((n for n in names if n is not None), None)
        return None if end is not None and end.country_word and not country_words else end

    def state_of(self, token: Token) -> Endpoint | None:
        """The state whose body "the junta" is: that of the last "Mali's junta" before it,
        else the country the actor stage placed its mention in."""
        earlier = [
            c for start, words, c in self.placed if start < token.idx and token.lower_ in words
        ]
        iso3 = earlier[-1] if earlier else self.country_at.get(token.i)
        return self._country(token.text, iso3, token.idx, token.idx + len(token)) if iso3 else None

    @staticmethod
    def _country(text: str, iso3: str | None, start: int, end: int) -> Endpoint | None:
        """ "Rwanda", "Rwandan" → the state; "Kinshasa" → its government (as metonyms are)."""
        index = kb_index()
        iso3 = iso3 or index.country_of(text)
        seat = index.country_by_seat.get(name_key(text))
        entity = index.by_id.get(f"cty_{iso3}" if iso3 else f"gov_{seat}")
        return Endpoint(entity.id, entity.name, entity.kind, start, end, True) if entity else None


def resolved(tokens: list[Token], ends: Endpoints, *, country_words: bool = True
             ) -> list[Endpoint]:  # fmt: skip
    found = (ends.of(t, country_words=country_words) for t in tokens)
    return list(dict.fromkeys(e for e in found if e is not None))


def fits(predicate: Predicate, subject: Endpoint, target: Endpoint) -> bool:
    """Leaders are people; members are people, states in a body or groups in a group; a person
    leads no one."""
    if predicate == "leads" and subject.kind != "person":
        return False
    if predicate == "member_of" and subject.kind != "person" and target.kind != "igo":
        # "Rwandan troops joined M23 rebels": they fight beside them, not in them.
        return subject.kind in GROUP_KINDS and target.kind in GROUP_KINDS
    return predicate in PERSON_TARGET_OK or target.kind != "person"


def clause_modality(predicate: Token, mentions: Mentions) -> Modality:
    """The event rule: the predicate chain's modality, claimed when someone is credited."""
    modality = modality_of(predicate)
    if modality == "asserted" and attribution_of(predicate.doc, predicate, mentions) is not None:
        return "claimed"
    return modality


def phrase_modality(cue: Token, mentions: Mentions) -> Modality:
    """A tie stated in passing: hedged by the phrase's own hedge, else claimed or asserted."""
    if any(c.lower_ in HEDGES for c in cue.children):
        return "hedged"
    return "claimed" if attribution_of(cue.doc, cue, mentions) is not None else "asserted"
