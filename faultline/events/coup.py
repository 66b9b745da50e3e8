"""Coups d'état: is a trigger a coup, and what kind of coup (Cline Center definitions).

The Cline Center Coup d'État Project (University of Illinois, CC BY 4.0) distinguishes
*realized* coups (``successful``), *attempted* ones (overt action that failed) and *plots*
(a conspiracy stopped before any overt action), and types the perpetrators (military,
dissident, rebel, palace, foreign, auto, popular, counter, other). :func:`coup_of` reads those
from the trigger's sentence first, then, for a coup reported as news, from the rest of the
article: news articles name the outcome once ("the failed coup") and repeat the bare word
afterwards, so the article's consensus is a better guess than a default.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from faultline.events.coup_cues import (
    ACTOR_NOUNS,
    FRENCH_ELECTION,
    MILITARY_TITLES,
    MILITARY_WORDS,
    SUPPRESSION_VERBS,
    Vote,
    by_leader,
    foreign_backed,
    foreign_nationals,
    near_vote,
    normalise,
    sentence_has_past_year,
    title_vote,
)
from faultline.kb import kb_index
from faultline.models import ActorMention, Article, Coup, Mentions, Span
from faultline.nlp import doc_text, doc_tokens

__all__ = ["coup_of", "is_coup_trigger"]

_COUP_WORDS = frozenset(
    {"coup", "coups", "putsch", "putsches", "counter-coup", "countercoup", "self-coup", "golpe"}
)
_ETAT = frozenset({"d'état", "d'etat", "d’état", "d’etat", "détat", "etat", "état"})
_POWER_VERBS = frozenset({"seize", "take", "grab", "usurp", "assume", "wrest"})
_OUST_LEMMAS = frozenset(
    {"overthrow", "topple", "oust", "depose", "ouster", "overthrew", "takeover"}
)
# "took power after winning the vote": power by election is no coup. "the elected president"
# (often the coup's target) is not an election.
_ELECTION = re.compile(
    r"\b(elections?|electoral|vote[sd]?|ballot|sworn in|inaugurat\w*"
    r"|(was|were|been) (re-?)?elected)\b",
    re.I,
)
# "several military coups": a count of coups is commentary, not one coup we can describe.
_GENERIC_QUANTIFIERS = frozenset({"several", "many", "numerous", "multiple", "series", "wave"})
# Verbs whose subject carried the coup out (so their subject is its leader or perpetrators).
_AGENT_VERBS = frozenset(
    {"come", "seize", "take", "grab", "lead", "stage", "launch", "mount", "carry", "attempt"}
    | {"try", "plot", "orchestrate", "mastermind", "head", "overthrow", "topple", "oust"}
    | {"depose", "plan", "instigate", "arrive", "accede", "rise"}
)
_LEADER_ROLES = frozenset({"coup leader", "junta leader", "putschist", "mutiny leader"})
_HEAD_OF_STATE_ROLES = frozenset(
    {"president", "head of state", "king", "emir", "interim president"}
)
# French: the gloss leaves "coup" and "putsch" French, and "coup" alone is mostly no coup
# ("coup de feu", "à coups de", "tout à coup", "du coup"); "d'État"/"de force" make it one.
_FR_COUP_WORDS = frozenset({"coup", "coups", "putsch", "putschs"})
_FR_COUP_COMPLEMENTS = frozenset({"état", "etat", "d'état", "d'etat", "force"})
# Determiners before a bare "coup" that mean the article's coup ("le coup a échoué").
_FR_COUP_DETERMINERS = frozenset({"le", "ce", "ces", "les", "son", "leur"})
_FR_GENERIC = frozenset({"plusieurs", "nombreux", "série", "vague", "multiples", "succession"})
# Whom "renverser"/"destituer" overthrows when it is a coup ("renverser le président").
_FR_RULERS = frozenset({"president", "président", "régime", "regime", "government", "chef"})
_FR_LEAD_LEMMAS = frozenset({"lead", "head", "conduct", "emmener"})
_FR_RISE_LEMMAS = frozenset({"arrive", "accede", "parvenir", "hisser", "come"})
_FR_LEADER_OF_COUP = re.compile(
    r"\b(chef|meneur|cerveau|instigateur|organisateur|leader)s? (de la|du|des|de l'|de ce)"
    r"[\w\s'-]{0,30}?(coup|putsch|mutinerie|complot|assaillants)"
    r"|\b(dirig|men|orchestr|fomen)\w* (la|le|ce|cette) (tentative|coup|putsch|mutinerie)",
    re.I,
)
_LEADER_OF_COUP = re.compile(
    r"\b(leader|head|ringleader|mastermind|organi[sz]er)s? of the [\w\s-]{0,30}?"
    r"(coup|putsch|mutiny|plot)",
    re.I,
)


def is_coup_trigger(trigger: Token) -> bool:
    """Whether ``trigger`` names a coup: "coup", "putsch", "mutiny", "seized power", ...

    Words that only describe the people ("coup plotters", "coup leaders") and counts of coups
    ("several military coups") are not triggers: they describe no single event.
    """
    if trigger.lang_ == "fr":
        return _is_french_coup_trigger(trigger)
    lower = normalise(trigger.lower_)
    if lower in _COUP_WORDS or trigger.lemma_.lower() in _COUP_WORDS:
        return _is_coup_noun(trigger)
    if lower in _ETAT:
        return trigger.i > 0 and trigger.nbor(-1).lower_ == "coup"
    lemma = trigger.lemma_.lower()
    if lemma in {"mutiny", "mutinie"} or lower.startswith("mutinied"):
        return True
    if lemma in _POWER_VERBS:
        return _takes_power(trigger)
    if lemma in _OUST_LEMMAS or lower in _OUST_LEMMAS:
        return _military_in(trigger.sent) and not _ELECTION.search(trigger.sent.text)
    return False


def coup_of(
    doc: Doc,
    trigger: Token,
    clause: DocSpan | Span,
    mentions: Mentions,
    article: Article,
    *,
    background: bool,
) -> Coup | None:
    """The coup ``trigger`` names, or None when neither it nor its clause names one.

    ``background`` coups (historical mentions) are read from their own sentence only, so the
    news coup of the same article never lends them its leader or outcome.
    """
    trigger = _coup_token(doc, trigger, clause)
    if trigger is None:
        return None
    sent = trigger.sent
    actors = [a for a in mentions.actors if _inside(a.span, sent)]
    leader = _leader(trigger, actors, mentions, doc, background=background)
    country = _coup_country(sent, actors, mentions, leader)
    target = _target(trigger, actors, mentions, country, leader, background=background)
    return Coup(
        outcome=_outcome(trigger, doc, article, background=background),
        perpetrator=_perpetrator(trigger, leader, doc, country),
        leader=leader.name if leader else None,
        target=target,
        foreign_nationals_involved=_nationals(
            trigger, doc, article, country, background=background
        ),
    )


# --- Triggers ---------------------------------------------------------------------------------


def _is_coup_noun(token: Token) -> bool:
    if token.dep_ == "compound" and token.head.lemma_.lower() in ACTOR_NOUNS:
        return False
    if token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "de":
        return False  # "coup de grâce", "coup de théâtre"
    if token.dep_ == "compound" and token.head.lower_ in _ETAT:
        return _is_coup_noun(token.head)
    if token.tag_ in {"NNS", "NNPS"} or token.lower_.endswith("s"):
        modifiers = {c.lower_ for c in token.children}
        if modifiers & _GENERIC_QUANTIFIERS or (token.i > 1 and token.nbor(-2).lower_ == "of"):
            return False
    return True


def _is_french_coup_trigger(token: Token) -> bool:
    """ "coup d'État", "coup de force", "putsch", "mutinerie", "renverser le président",
    "prendre/s'emparer du pouvoir"; not "coup de feu", "tout à coup", "les putschistes"."""
    lower = normalise(token.lower_)
    lemma = token.lemma_.lower()
    if lower in _FR_COUP_WORDS:
        return _is_french_coup_noun(token)
    if lemma in {"mutiny", "mutinie"}:
        return True
    if FRENCH_ELECTION.search(token.sent.text):
        return False
    if lemma in _POWER_VERBS or lemma == "seizure":
        return _french_power_object(token)
    if lemma in _OUST_LEMMAS:
        return _military_in(token.sent) or _french_ruler_follows(token)
    return False


def _is_french_coup_noun(token: Token) -> bool:
    doc = token.doc
    after = [normalise(t.lower_) for t in doc[token.i + 1 : token.i + 3]]
    before = [t.lower_ for t in doc[max(0, token.i - 2) : token.i]]
    if before and (before[-1] == "à" or before[-1] in _FR_GENERIC):
        return False  # "à coups de", "tout à coup", "plusieurs coups d'État"
    if token.lower_.startswith("putsch"):
        return not before or before[-1] not in _FR_GENERIC
    if after and after[0] in _FR_COUP_COMPLEMENTS:
        return True  # "coup d'État" as one token
    if len(after) == 2 and after[0] in {"d'", "de"}:
        return after[1] in _FR_COUP_COMPLEMENTS  # "coup d'État", "coup de force"; not "de feu"
    return bool(before) and before[-1] in _FR_COUP_DETERMINERS


def _french_power_object(verb: Token) -> bool:
    """ "prendre le pouvoir" (the model often parses "pouvoir" as a verb), "s'emparer du
    pouvoir", "la prise du pouvoir"."""
    following = verb.doc[verb.i + 1 : min(verb.i + 4, verb.sent.end)]
    return any(t.lemma_.lower() == "power" or t.lower_ == "pouvoir" for t in following)


def _french_ruler_follows(token: Token) -> bool:
    following = token.doc[token.i + 1 : min(token.i + 4, token.sent.end)]
    return any(t.lemma_.lower() in _FR_RULERS or t.lower_ in _FR_RULERS for t in following)


def _takes_power(verb: Token) -> bool:
    """ "seized power", "took power": a coup unless the sentence is about an election."""
    if not any(c.lemma_.lower() == "power" and c.dep_ in {"dobj", "obj"} for c in verb.children):
        return False
    return not _ELECTION.search(verb.sent.text)


def _military_in(span: DocSpan) -> bool:
    return any(t.lemma_.lower() in MILITARY_WORDS for t in span) or any(
        t.lower_ in _COUP_WORDS for t in span
    )


def _coup_token(doc: Doc, trigger: Token, clause: DocSpan | Span) -> Token | None:
    """The trigger itself when it names a coup, else the first coup word of its clause."""
    if is_coup_trigger(trigger):
        return trigger
    start, end = _char_range(clause)
    for token in doc.char_span(start, end, alignment_mode="expand") or ():
        if is_coup_trigger(token):
            return token
    return None


def _char_range(clause: DocSpan | Span) -> tuple[int, int]:
    if isinstance(clause, DocSpan):
        return clause.start_char, clause.end_char
    return clause.start, clause.end


def _inside(span: Span, region: DocSpan) -> bool:
    return region.start_char <= span.start and span.end <= region.end_char


# --- Outcome ----------------------------------------------------------------------------------


def _outcome(trigger: Token, doc: Doc, article: Article, *, background: bool) -> str:
    """Near-trigger cue, then (news only) the article's consensus, then ``successful``."""
    vote = near_vote(trigger)
    if vote in ("attempted", "plot"):
        return vote
    if background:
        return "successful"
    votes = Counter(v for v in _article_votes(doc, article) if v is not None)
    unrealized = votes["attempted"] + votes["plot"]
    if unrealized > votes["successful"]:
        return "plot" if votes["plot"] > votes["attempted"] else "attempted"
    return "successful"


def _article_votes(doc: Doc, article: Article) -> Iterator[Vote]:
    year = article.published.year
    yield title_vote(article.title or "", article.language or "en")
    for token in doc_tokens(doc):
        if is_coup_trigger(token) and not sentence_has_past_year(token.sent, year):
            yield near_vote(token)


# --- Who ---------------------------------------------------------------------------------------


def _leader(
    trigger: Token,
    actors: list[ActorMention],
    mentions: Mentions,
    doc: Doc,
    *,
    background: bool,
) -> ActorMention | None:
    """ "led by X", the subject that staged it, a "leader of the coup", a known coup leader."""
    found = _led_by(trigger.sent, actors) or _agent_leader(trigger, actors)
    if not found and trigger.lang_ == "fr":
        found = _french_leader(trigger, actors, mentions, background=background)
    if found or background:
        return found or _with_role(actors, _LEADER_ROLES)
    return (
        _named_leader_of_coup(doc, mentions)
        or _with_role(actors, _LEADER_ROLES)
        or _with_role(list(mentions.actors), _LEADER_ROLES)
    )


def _french_leader(
    trigger: Token, actors: list[ActorMention], mentions: Mentions, *, background: bool
) -> ActorMention | None:
    """French parses rarely link the coup to its leader, so read the words instead: the person
    who "came to power through" it ("X était arrivé au pouvoir par un coup d'État"), then, for a
    background coup, the junta leader the article names for that country: the model splits
    French sentences short, so "le chef de la junte, le colonel X" is often sentences away."""
    rose = _french_rose_by(trigger, actors)
    if rose or not background:
        return rose
    country = _coup_country(trigger.sent, actors, mentions, None)
    leaders = [a for a in mentions.actors if a.kind == "person" and a.role in _LEADER_ROLES]
    return next((a for a in leaders if a.country == country), None)


def _french_rose_by(trigger: Token, actors: list[ActorMention]) -> ActorMention | None:
    sent = trigger.sent
    rose = any(t.lemma_.lower() in _FR_RISE_LEMMAS for t in sent[: trigger.i - sent.start])
    if not rose:
        return None
    before = [a for a in actors if a.kind == "person" and a.span.start < trigger.idx]
    return before[0] if before else None


def _led_by(sent: DocSpan, actors: list[ActorMention]) -> ActorMention | None:
    for token in sent:
        leads = _FR_LEAD_LEMMAS if token.lang_ == "fr" else {"lead", "head"}
        if token.lemma_.lower() in leads and any(c.dep_ == "agent" for c in token.children):
            agent = next(c for c in token.children if c.dep_ == "agent")
            found = _person_in(agent.subtree, actors)
            if found:
                return found
    return None


def _agent_leader(trigger: Token, actors: list[ActorMention]) -> ActorMention | None:
    """The subject of the verb that carried the coup out ("Touré came to power through a coup")."""
    for verb in _governing_verbs(trigger):
        if verb.lemma_.lower() in SUPPRESSION_VERBS:
            return None
        if verb.lemma_.lower() not in _AGENT_VERBS:
            continue
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "agent"}):
            found = _person_in(subject.subtree, actors) or _leader_entity(subject.subtree, actors)
            if found:
                return found
    return None


def _governing_verbs(trigger: Token) -> Iterator[Token]:
    if trigger.pos_ in {"VERB", "AUX"}:
        yield trigger
    for ancestor in trigger.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            yield ancestor


def _person_in(tokens: Iterable[Token], actors: list[ActorMention]) -> ActorMention | None:
    chars = {t.idx for t in tokens}
    for actor in actors:
        if actor.kind == "person" and actor.span.start in chars:
            return actor
    return None


def _leader_entity(tokens: Iterable[Token], actors: list[ActorMention]) -> ActorMention | None:
    """A group the KB ties to one person ("the junta" → Junta led by Amadou Haya Sanogo)."""
    chars = {t.idx for t in tokens}
    for actor in actors:
        entity_id = actor.entity_id or ""
        if actor.span.start in chars and actor.kind != "person" and entity_id.startswith("per_"):
            person = kb_index().by_id.get(entity_id)
            if person is not None:
                return replace(actor, name=person.name, kind="person", sector=person.sector,
                               country=person.country, role=person.role)  # fmt: skip
    return None


def _named_leader_of_coup(doc: Doc, mentions: Mentions) -> ActorMention | None:
    """ "The leader of the attempted coup was identified as Christian Malanga"."""
    pattern = _FR_LEADER_OF_COUP if doc.lang_ == "fr" else _LEADER_OF_COUP
    for sent in doc.sents:
        if pattern.search(sent.text):
            found = [a for a in mentions.actors if _inside(a.span, sent) and a.kind == "person"]
            if found and doc.lang_ == "fr":
                # "Le général Ekenge a présenté Christian Malanga comme le chef des assaillants"
                return _with_role(found, _LEADER_ROLES) or found[-1]
            if found:
                return found[0]
    return None


def _with_role(actors: list[ActorMention], roles: frozenset[str]) -> ActorMention | None:
    return next((a for a in actors if a.kind == "person" and (a.role or "") in roles), None)


def _target(
    trigger: Token,
    actors: list[ActorMention],
    mentions: Mentions,
    country: str | None,
    leader: ActorMention | None,
    *,
    background: bool,
) -> str | None:
    """ "against X", else the incumbent head of state of the coup's country."""
    leader_id = leader.entity_id if leader else None
    # "against" hangs off the coup or off the verb above it ("came to power through a coup
    # in 1991 against Moussa Traoré").
    heads = {trigger.i, *(a.i for a in trigger.ancestors)}
    word = "contre" if trigger.lang_ == "fr" else "against"
    against = [c for t in trigger.sent if t.lower_ == word and t.head.i in heads
               for c in t.subtree]  # fmt: skip
    found = _person_in(against, actors)
    if found and found.entity_id != leader_id:
        return found.name
    pool = actors if background else [*actors, *mentions.actors]
    for actor in pool:
        if actor.kind != "person" or actor.entity_id == leader_id:
            continue
        if (actor.role or "") in _HEAD_OF_STATE_ROLES and actor.country in (country, None):
            return actor.name
    return None


def _coup_country(
    sent: DocSpan, actors: list[ActorMention], mentions: Mentions, leader: ActorMention | None
) -> str | None:
    """Where the coup happened: the leader's country, a town or country in its sentence, else
    the article's main country. The leader comes first because coup sentences also name where
    it was reported from and outside powers ("In Paris, Le Monde ...", "as Washington ...")."""
    if leader is not None and leader.country:
        return leader.country
    places = [p for p in mentions.places if _inside(p.span, sent) and p.country]
    towns = [p for p in places if p.precision in {"point", "city", "admin2", "admin1"}]
    if towns:
        return towns[0].country
    countries = [p for p in places if p.precision == "country"]
    if countries:
        return countries[0].country
    for actor in actors:
        if actor.kind in {"state", "government", "military"} and actor.country:
            return actor.country
    common = Counter(p.country for p in mentions.places if p.country).most_common(1)
    return common[0][0] if common else None


# --- Perpetrators ------------------------------------------------------------------------------


def _perpetrator(
    trigger: Token, leader: ActorMention | None, doc: Doc, country: str | None
) -> str | None:
    """The Cline actor type, from the words around the coup and from who led it."""
    text = normalise(trigger.sent.text).lower()
    if re.search(r"\bcounter-?coup", text):
        return "counter"
    if re.search(r"\b(self-coup|auto-?coup|autogolpe)", text):
        return "auto"
    if re.search(r"\bpalace coup", text):
        return "palace"
    if foreign_backed(trigger.sent, country):
        return "foreign"
    if _military_perpetrators(trigger, leader, doc):
        return "military"
    return by_leader(leader, text)


def _military_perpetrators(trigger: Token, leader: ActorMention | None, doc: Doc) -> bool:
    if trigger.lemma_.lower() in {"mutiny", "mutinie"}:
        return True
    if any(c.lemma_.lower() in MILITARY_WORDS for c in trigger.children if c.dep_ != "prep"):
        return True  # "military coup", "army putsch"
    for verb in _governing_verbs(trigger):
        if verb.lemma_.lower() in SUPPRESSION_VERBS:
            break
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
        if any(t.lemma_.lower() in MILITARY_WORDS for s in subjects for t in s.subtree):
            return True
    if leader is None:
        return False
    before = doc_text(doc)[max(0, leader.span.start - 16) : leader.span.start].split()
    titled = bool(before) and before[-1].strip(".").lower() in MILITARY_TITLES
    return titled or leader.sector == "MIL"


# --- Foreign nationals -------------------------------------------------------------------------


def _nationals(
    trigger: Token, doc: Doc, article: Article, country: str | None, *, background: bool
) -> tuple[str, ...]:
    """Countries of foreigners said to take part, from the coup's sentence or paragraphs.

    A news coup's participants are often named a sentence or two after the word "coup" ("He said
    several Americans ... were involved"), so every paragraph that reports it is read.
    """
    regions = [trigger.sent] if background else list(_news_coup_paragraphs(doc, article))
    found: dict[str, None] = {}
    for sent in regions:
        for iso3 in foreign_nationals(sent):
            if iso3 != country:
                found.setdefault(iso3)
    return tuple(found)


def _news_coup_paragraphs(doc: Doc, article: Article) -> Iterator[DocSpan]:
    """Sentences of every paragraph that reports this week's coup (not a historical one)."""
    year = article.published.year
    for paragraph in article.paragraphs:
        sents = list(doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand").sents)
        if any(
            is_coup_trigger(t) and not sentence_has_past_year(s, year) for s in sents for t in s
        ):
            yield from sents
