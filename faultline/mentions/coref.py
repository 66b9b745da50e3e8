"""Within-article coreference for actors, kept simple and conservative.

Two cases only:

- a bare surname ("Malanga", "Touré") after the person was named in full earlier in the
  article; when several people share the surname (Christian and Marcel Malanga) the
  knowledge-base person, else the first one named, wins, as in news style;
- a definite coup or rebel phrase ("the junta", "the mutineers", "the coup leaders",
  "the rebels") refers to the most recent coup leader or named armed group before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from faultline.kb import name_key
from faultline.mentions.actor_syntax import noun_phrase, nouns_with_lemma
from faultline.models import ActorMention
from faultline.models import Span as TextSpan

COUP_ROLES = frozenset({"coup leader", "junta leader", "coup plotter", "mutiny leader"})
COUP_HEADS = frozenset({"junta", "mutineer", "putschist", "plotter"})
COUP_COMPOUNDS = frozenset({"coup", "junta"})  # "coup leaders", "junta leaders"
REBEL_HEADS = frozenset({"rebel", "insurgent"})
ANAPHOR_LEMMAS = frozenset({*COUP_HEADS, *REBEL_HEADS, "leader"})
# "the leader of the assailants", "le chef du commando": who led the attack named earlier.
LED_GROUPS = frozenset({*COUP_HEADS, "coup", "putsch", "commando", "assailant", "attacker"})
DEFINITE = frozenset({"the", "le", "la", "les", "l'", "l’"})
ARMED_GROUP_KINDS = frozenset({"rebel", "militia"})
COREF_SCORE = 0.8


@dataclass(frozen=True, slots=True)
class _Named:
    token_start: int
    key: str  # the full name's key, "christian malanga"
    mention: ActorMention


@dataclass
class PersonMemory:
    """Persons named in full so far; a later surname ("Malanga", "Di Paola") refers to one."""

    _named: list[_Named] = field(default_factory=list)

    def remember(self, token_start: int, mention: ActorMention) -> None:
        for name in {mention.name, mention.text}:
            key = name_key(name)
            if len(key.split()) >= 2:
                self._named.append(_Named(token_start, key, mention))

    def resolve(self, surname: str, before: int) -> ActorMention | None:
        """The person named before token ``before`` whose full name ends with ``surname``."""
        tail = " " + name_key(surname)
        candidates = [n for n in self._named if n.key.endswith(tail) and n.token_start < before]
        if not candidates:
            return None
        known = [n for n in candidates if n.mention.entity_id]
        chosen = min(known or candidates, key=lambda n: n.token_start)
        return chosen.mention


def surname_mention(tokens: Span, antecedent: ActorMention) -> ActorMention:
    return ActorMention(
        span=TextSpan(tokens.start_char, tokens.end_char),
        text=tokens.text,
        name=antecedent.name,
        kind=antecedent.kind,
        sector=antecedent.sector,
        country=antecedent.country,
        entity_id=antecedent.entity_id,
        role=antecedent.role,
        method="coref",
        score=COREF_SCORE,
    )


def find_anaphors(doc: Doc, earlier: Sequence[ActorMention]) -> Iterator[ActorMention]:
    """Definite coup and rebel phrases linked to the latest fitting actor before them."""
    for i in nouns_with_lemma(doc, ANAPHOR_LEMMAS):
        token = doc[i]
        kind = _anaphor_kind(token)
        phrase = _leader_phrase(token) if kind == "leader" else noun_phrase(token)
        if kind is None or not _definite(phrase) or _names_someone(phrase):
            continue
        before = [m for m in earlier if m.span.end <= phrase.start_char]
        antecedent = _latest(before, _fits_rebels if kind == "rebels" else _fits_coup)
        if kind == "leader" and antecedent is not None and antecedent.kind == "person":
            yield _leader_mention(phrase, antecedent)
            continue
        if antecedent is not None:
            yield _anaphor_mention(phrase, token, antecedent)


def _anaphor_kind(head: Token) -> str | None:
    lemma = head.lemma_.lower()
    if lemma in COUP_HEADS:
        return "coup"
    if lemma == "leader" and any(
        c.dep_ == "compound" and c.lower_ in COUP_COMPOUNDS for c in head.children
    ):
        return "coup"
    if lemma in REBEL_HEADS:
        return "rebels"
    if lemma == "leader" and head.tag_ == "NN" and _led_group(head) is not None:
        return "leader"
    return None


def _led_group(leader: Token) -> Token | None:
    for prep in leader.children:
        if prep.dep_ == "prep" and prep.lemma_.lower() == "of":
            for group in prep.children:
                if group.dep_ == "pobj" and group.lemma_.lower() in LED_GROUPS:
                    return group
    return None


def _leader_phrase(leader: Token) -> Span:
    group = _led_group(leader)
    end = group.i + 1 if group is not None else leader.i + 1
    return leader.doc[noun_phrase(leader).start : end]


def _leader_mention(phrase: Span, person: ActorMention) -> ActorMention:
    span = TextSpan(phrase.start_char, phrase.end_char)
    return dataclasses.replace(
        person, span=span, text=phrase.text, method="coref", score=COREF_SCORE
    )


def _definite(phrase: Span) -> bool:
    start = phrase.start
    if phrase[0].lower_ in DEFINITE:  # French keeps its article in the phrase
        return True
    return start > 0 and phrase.doc[start - 1].lower_ == "the"


def _names_someone(phrase: Span) -> bool:
    # "the MNLA rebels", "the Tuareg rebels": a named modifier makes it a new description.
    return any(t.ent_type_ or t.pos_ == "PROPN" for t in phrase[:-1])


def _latest(
    mentions: Iterable[ActorMention], fits: Callable[[ActorMention], bool]
) -> ActorMention | None:
    found = [m for m in mentions if fits(m)]
    return found[-1] if found else None


def _fits_coup(mention: ActorMention) -> bool:
    if mention.kind == "person":
        return mention.role in COUP_ROLES
    return bool(mention.entity_id and mention.entity_id.startswith("jnt_"))


def _fits_rebels(mention: ActorMention) -> bool:
    return mention.kind in ARMED_GROUP_KINDS and mention.entity_id is not None


def _anaphor_mention(phrase: Span, head: Token, antecedent: ActorMention) -> ActorMention:
    span = TextSpan(phrase.start_char, phrase.end_char)
    if antecedent.kind != "person":
        return dataclasses.replace(
            antecedent, span=span, text=phrase.text, method="coref", score=COREF_SCORE, role=None
        )
    military = antecedent.sector == "MIL"
    label = "Junta led by" if head.lemma_.lower() == "junta" else "Supporters of"
    return ActorMention(
        span=span,
        text=phrase.text,
        name=f"{label} {antecedent.name}",
        kind="military" if military else "rebel",
        sector="MIL" if military else "REB",
        country=antecedent.country,
        entity_id=antecedent.entity_id,
        method="coref",
        score=COREF_SCORE,
    )
