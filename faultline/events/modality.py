"""How real an event is, as the article tells it: asserted, claimed, hedged, planned, ...

The modality is read from the trigger's *predicate chain*: the trigger, the verbs that govern
it through control ("plans to attack", "is willing to invest", "is open to discussing"), and for
a noun trigger the verb it is subject or object of ("the coup reportedly left forty dead").
Auxiliaries, adverbs, negation and governing lemmas on that chain decide; the reporting cue of
:mod:`faultline.events.attribution` and governing epistemic predicates ("it is not certain
that", "it would seem that", "reports that ...") decide hedged and claimed.

Precedence, strongest first, when several markers apply:

    negated > threatened > proposed > planned > hypothetical > hedged > claimed > asserted

Negation wins because a denied or failed event did not happen whatever else is said of it; a
threat, offer or plan is a statement about an event that has not happened yet, so it outranks
uncertainty about whether it happened; hedged outranks claimed because a hedge inside a claim
("the spokesman said the men reportedly fled") weakens it further. An offer made "in exchange
for" something that is only planned or possible is a proposal.

Two deliberate choices: the trigger that *is* the threat ("Malanga threatened Tshisekedi") is
an asserted THREATEN event, while "threatened to kill" makes the killing threatened; and a trigger
that *is* an offer ("Trump offers military support") is proposed, because the support it
describes has not been given.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from faultline.events.attribution import Cue, find_cue
from faultline.events.modality_fr import french_modalities
from faultline.models import Modality

__all__ = ["PRECEDENCE", "modality_of"]

PRECEDENCE: tuple[Modality, ...] = (
    "negated",
    "threatened",
    "proposed",
    "planned",
    "hypothetical",
    "hedged",
    "claimed",
    "asserted",
)

NEGATORS = frozenset({"not", "n't", "never", "neither", "nor"})
NEGATIVE_DETERMINERS = frozenset({"no", "none", "nobody", "nothing", "neither"})
NOT_NEGATING_NEXT = frozenset({"fewer", "less", "only", "doubt"})
HEDGE_ADVERBS = frozenset(
    {
        "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
        "reputedly", "ostensibly", "probably", "likely", "presumably", "perhaps", "maybe",
        "possibly", "unconfirmed",
    }
)  # fmt: skip
PLANNED_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_MODALS = frozenset({"may", "might", "could", "can", "should", "must", "ought", "ca"})
# Governing lemmas (verbs, adjectives, nouns) that put the governed event in a modality.
GOVERNORS: dict[str, Modality] = {
    **dict.fromkeys(
        ("fail", "refuse", "deny", "decline", "avoid", "prevent", "cancel", "abandon", "halt",
         "stop", "reject"),
        "negated",
    ),
    **dict.fromkeys(("threaten", "threat", "vow"), "threatened"),
    **dict.fromkeys(
        ("offer", "propose", "proposal", "suggest", "willing", "open", "ready", "prepared",
         "urge", "ask", "request", "call", "demand", "invite"),
        "proposed",
    ),
    **dict.fromkeys(
        ("plan", "intend", "intention", "aim", "schedule", "set", "due", "expect", "pledge",
         "promise", "commit", "agree", "decide", "prepare", "poise", "going"),
        "planned",
    ),
    **dict.fromkeys(
        ("may", "hope", "want", "wish", "seek", "consider", "mull", "weigh", "contemplate",
         "could", "would", "possible", "possibility"),
        "hypothetical",
    ),
    **dict.fromkeys(("seem", "appear", "rumour", "rumor", "allegation", "speculation"), "hedged"),
}  # fmt: skip
# A trigger that is itself an offer describes an event not yet given.
PROPOSAL_TRIGGERS = frozenset({"offer", "propose"})
EPISTEMIC_ADJECTIVES = frozenset(
    {"certain", "clear", "sure", "known", "confirmed", "likely", "possible", "probable",
     "unclear", "uncertain", "unknown", "doubtful", "unlikely", "plausible"}
)  # fmt: skip
ALWAYS_HEDGING = frozenset({"unclear", "uncertain", "unknown", "doubtful", "likely", "probable"})
# Nouns of unconfirmed report whose content is hedged: "reports that ...", "reports of ...".
REPORT_NOUNS = frozenset({"report", "rumour", "rumor", "allegation", "claim", "speculation"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
CHAIN_DEPS = frozenset({"xcomp", "acomp", "pcomp"})
NOUN_PREDICATE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# Adjectives that set the modality of the noun they modify; "failed coup" is not among them: a
# failed coup happened (the coup stage calls it attempted).
ATTRIBUTIVE: dict[str, Modality] = {
    **dict.fromkeys(("planned", "scheduled", "intended", "upcoming", "forthcoming"), "planned"),
    **dict.fromkeys(("proposed", "offered", "suggested"), "proposed"),
    **dict.fromkeys(("threatened",), "threatened"),
    **dict.fromkeys(("possible", "potential", "hypothetical", "eventual"), "hypothetical"),
    **dict.fromkeys(
        ("alleged", "suspected", "reported", "unconfirmed", "apparent", "purported", "presumed"),
        "hedged",
    ),
}


def modality_of(trigger: Token) -> Modality:
    """The modality of the event whose trigger is ``trigger`` (see the module's precedence)."""
    cue = find_cue(trigger)
    found = set(_chain_modalities(trigger, reported=cue is not None and cue.kind != "according_to"))
    found.update(_cue_modalities(cue))
    found.update(_epistemic_governors(trigger))
    if trigger.lang_ == "fr":
        found.update(french_modalities(trigger, predicate_chain(trigger), reported=cue is not None))
    if "proposed" not in found and found & {"planned", "hypothetical"} and _in_exchange(trigger):
        found.add("proposed")
    return next((m for m in PRECEDENCE if m in found), "asserted")


# --- the predicate chain ----------------------------------------------------------------------


def predicate_chain(trigger: Token) -> list[Token]:
    """The trigger and the predicates that govern it without starting a new statement."""
    chain = [trigger]
    current = trigger
    if current.pos_ in ("NOUN", "PROPN") and current.dep_ in NOUN_PREDICATE_DEPS:
        current = current.head
        chain.append(current)
    while current.head.i != current.i and _continues_chain(current):
        current = current.head
        chain.append(current)
    return chain


def _continues_chain(token: Token) -> bool:
    if token.dep_ in CHAIN_DEPS:
        return True
    # "open to discussing", "the plan to attack": a preposition or clause tied to a governor.
    if token.dep_ in ("prep", "acl") and governor_lemma(token.head) is not None:
        return True
    # The parser often hangs a controlled infinitive as advcl ("had hoped since 2015 to topple").
    return (
        token.dep_ == "advcl" and _bare_infinitive(token) and governor_lemma(token.head) is not None
    )


def _bare_infinitive(token: Token) -> bool:
    children = list(token.children)
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    return has_to and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children)


def governor_lemma(token: Token) -> str | None:
    """The governing lemma of ``token``, forgiving the lemmatiser ("hoped" → "hop")."""
    lemma = token.lemma_.lower()
    if lemma in GOVERNORS:
        return lemma
    word = token.lower_
    if word == "going":
        return "going"
    for suffix, repair in (("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repair in GOVERNORS:
            return word[: -len(suffix)] + repair
    return None


def _chain_modalities(trigger: Token, *, reported: bool) -> Iterable[Modality]:
    chain = predicate_chain(trigger)
    if trigger.lemma_.lower() in PROPOSAL_TRIGGERS:
        yield "proposed"
    for position, token in enumerate(chain):
        lemma = governor_lemma(token) if position > 0 else None
        if lemma is not None:
            yield GOVERNORS[lemma]
        yield from _markers_on(token, reported=reported)
    for child in trigger.children:
        if child.dep_ == "amod" and child.lower_ in ATTRIBUTIVE:
            yield ATTRIBUTIVE[child.lower_]  # "planned attack", "alleged massacre"


def _markers_on(token: Token, *, reported: bool) -> Iterable[Modality]:
    """Auxiliaries, adverbs, negation and conditions attached to one predicate of the chain."""
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (word in NEGATORS and child.dep_ in ("advmod", "preconj")):
            if not _followed_by(child, NOT_NEGATING_NEXT):
                yield "negated"
        elif child.dep_ in ("det", "nsubj", "nsubjpass", "dobj") and _negative_argument(child):
            yield "negated"
        elif child.dep_ == "aux" and word in PLANNED_MODALS:
            yield "planned"
        elif child.dep_ == "aux" and word == "would":
            yield "planned" if reported else "hypothetical"
        elif child.dep_ == "aux" and word in HYPOTHETICAL_MODALS:
            yield "hypothetical"
        elif child.dep_ == "advmod" and word in HEDGE_ADVERBS:
            yield "hedged"
        elif child.dep_ == "advcl" and _has_mark(child, CONDITIONAL_MARKS):
            yield "hypothetical"
        elif child.dep_ == "mark" and word in CONDITIONAL_MARKS:
            yield "hypothetical" if token.dep_ == "advcl" else "hedged"
        elif child.dep_ == "mark" and word == "whether":
            yield "hedged"


def _negative_argument(argument: Token) -> bool:
    """ "no one was killed", "offered no resistance", "nobody was arrested"."""
    if argument.lower_ in NEGATIVE_DETERMINERS and not _followed_by(argument, NOT_NEGATING_NEXT):
        return True
    return any(
        c.dep_ == "det" and c.lower_ == "no" and not _followed_by(c, NOT_NEGATING_NEXT)
        for c in argument.children
    )


def _followed_by(token: Token, words: frozenset[str]) -> bool:
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.lower_ in words


def _has_mark(clause: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


# --- what governs the chain: reporting, epistemic predicates, report nouns -------------------


def _cue_modalities(cue: Cue | None) -> Iterable[Modality]:
    if cue is None:
        return
    if cue.lemma == "deny":
        yield "negated"
    # Nobody named ("it was reported that", "he is said to have fled") is a hedge, not a claim.
    yield "hedged" if cue.speaker is None else "claimed"


def _epistemic_governors(trigger: Token) -> Iterable[Modality]:
    """Governing uncertainty: "it is not certain that", "it would seem that", "reports that"."""
    current = predicate_chain(trigger)[-1]
    while current.head.i != current.i:
        head = current.head
        if current.dep_ in ("ccomp", "csubj", "acl", "pobj", "prep", "advcl"):
            modality = _epistemic(head)
            if modality is not None:
                yield modality
                return
        if current.dep_ not in ("ccomp", "csubj", "acl", "pobj", "prep", "conj"):
            return
        current = head


def _epistemic(head: Token) -> Modality | None:
    lemma = head.lemma_.lower()
    adjective = _predicate_adjective(head)
    if adjective is not None and adjective.lemma_.lower() in EPISTEMIC_ADJECTIVES:
        negated = any(c.dep_ == "neg" for c in (*head.children, *adjective.children))
        if negated or adjective.lemma_.lower() in ALWAYS_HEDGING:
            return "hedged"
        return None
    if lemma in ("seem", "appear"):
        return "hedged"
    if head.pos_ == "NOUN" and lemma in REPORT_NOUNS:
        return "hedged"
    return None


def _predicate_adjective(head: Token) -> Token | None:
    if head.pos_ == "ADJ":
        return head
    return next((c for c in head.children if c.dep_ == "acomp"), None)


def _in_exchange(trigger: Token) -> bool:
    """ "in exchange for ...", "in return for ..." attached to the trigger's predicates."""
    for token in predicate_chain(trigger):
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                objects = [c.lower_ for c in child.children if c.dep_ == "pobj"]
                if any(word in ("exchange", "return") for word in objects):
                    return True
    return False
