"""Event detection: find the clauses that report an action, one draft per real-world action.

A trigger is a verb ("attacked", "imposed"), a verb phrase ("seized power", "opened fire",
"took control") or an eventive noun in an eventive position ("the attack lasted", "a
demonstration of women ... accused", "imposed sanctions on"). Nouns elsewhere ("after the
failed coup", "amid mass protests") only refer to events and are not new ones, unless they
carry a year or an agent of their own ("after the assassination of Lumumba in 1961", "after
the capture of Bukavu by M23"). Evaluation and analysis vocabulary ("dissatisfied",
"explains", "bitterness") is simply not in the lexicon; the lexicon is ``triggers.py``.

One action expressed by several predicates stays one draft: an xcomp under a trigger
("agreed to invest"), a conjunct sharing the object ("attacked and seized the town"), a
participle elaborating a violent act ("opened fire, killing two"). Conjuncts with their own
objects are separate actions ("dissolve institutions, suspend the constitution").
A casualty or displacement count with no trigger in its clause ("the number of displaced
people had reached 6.9 million") becomes a draft anchored on the word that binds the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from faultline.events.attach import Scopes, attach, home_country, lede_place, usable_places
from faultline.events.coup import is_coup_trigger
from faultline.events.detect_fr import (
    FRENCH_COUNT_HEADS,
    french_demonstrative_trigger,
    french_light_verb,
    french_special_trigger,
    french_toll_verb,
)
from faultline.events.draft import EventDraft
from faultline.events.roles import roles_of
from faultline.events.triggers import (
    COMMUNICATIVE,
    COUNT_HEADS,
    LIGHT_VERBS,
    NOUNS,
    OCCURRENCE_VERBS,
    ORPHAN_CLASS,
    phrase_class,
    verb_class,
)
from faultline.mentions.place_cues import english_word
from faultline.models import Article, Evidence, Mentions, PlaceMention, Quantity, Span
from faultline.nlp import doc_tokens

_COMMIT_TO_XCOMP = frozenset({"agreement", "threat", "demand", "support", "aid"})
_NOMINAL_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_STANDALONE_NOUN = frozenset({"ROOT", "ccomp", "appos", "attr"})
_LIGHT_REACH = 5  # tokens between a light verb and its noun: "launched a vast new battle"
_SUBORDINATE = frozenset({"advcl", "ccomp", "parataxis"})
# French lemmas (glossed or not) of nouns that name a coup: see _french_coup_noun.
_FRENCH_COUP_NOUNS = frozenset({"coup", "putsch", "mutiny", "overthrow", "seizure", "ouster"})

__all__ = ["find_event_clauses"]


@dataclass(slots=True)
class Candidate:
    trigger: Token
    lemma: str
    lexical_class: str
    head: Token  # the clause head: the trigger, or the verb an eventive noun depends on
    nominal: bool = False
    absorbed: list[Token] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)
    pinned: list[Quantity] = field(default_factory=list)  # counts that created the candidate


def find_event_clauses(doc: Doc, article: Article, mentions: Mentions) -> list[EventDraft]:
    """Every clause-level event mention in one parsed article, in text order."""
    candidates = _candidates(doc)
    _fill_clauses(candidates)
    owned = _assign_quantities(doc, candidates, mentions.quantities)
    orphans = _orphan_candidates(doc, candidates, mentions.quantities, owned)
    if doc.lang_ == "fr":
        orphans = _pin_on_existing(candidates, orphans)
    if orphans or any(c.pinned for c in candidates):
        candidates.extend(orphans)
        _fill_clauses(candidates)
        owned = _assign_quantities(doc, candidates, mentions.quantities)
    places = usable_places(doc, mentions)
    lede = lede_place(article, places)
    home = home_country(places)
    sentences = list(doc.sents)
    drafts = [
        _draft(doc, article, mentions, c, owned.get(id(c), []), places, (lede, home), sentences)
        for c in candidates
    ]
    return sorted(drafts, key=lambda d: (d.trigger.start, d.clause.start))


# --- finding triggers ----------------------------------------------------------------------


def _candidates(doc: Doc) -> list[Candidate]:
    tokens = doc_tokens(doc)
    verbs = {t.i: c for t in tokens if (c := _verb_candidate(t)) is not None}
    nouns = {t.i: c for t in tokens if (c := _noun_candidate(t, verbs)) is not None}
    for cand in list(verbs.values()):
        host = _verb_host(cand, verbs)
        if host is not None:
            host.absorbed.append(cand.trigger)
            del verbs[cand.trigger.i]
    for cand in list(nouns.values()):
        host = verbs.get(cand.trigger.head.i)
        if cand.trigger.dep_ in _NOMINAL_SUBJECT and host is not None:
            if host.lexical_class in COMMUNICATIVE:
                cand.head = cand.trigger  # its own event, performing the communication
            else:
                host.absorbed.append(cand.trigger)
                del nouns[cand.trigger.i]
    for verb in (v for v in verbs.values() if v.lexical_class == "coup"):
        # "came to power through a military coup in 1991": one coup, the verb's.
        for noun in _nominal_complements(verb.trigger, depth=4):
            if noun.i in nouns and nouns[noun.i].lexical_class == "coup":
                verb.absorbed.append(noun)
                del nouns[noun.i]
    found = [*verbs.values(), *nouns.values()]
    for cand in found:
        cand.absorbed.extend(_argument_nouns(cand.trigger))
    return sorted(found, key=lambda c: c.trigger.i)


def _verb_candidate(token: Token) -> Candidate | None:
    if token.pos_ != "VERB" or token.dep_ == "amod":
        return None
    lemma = token.lemma_.lower()
    cls = phrase_class(token) or verb_class(lemma) or _rise_to_power(token)
    if cls is None and token.lang_ == "fr":
        special = french_special_trigger(token) or french_demonstrative_trigger(
            token, NOUNS, LIGHT_VERBS
        )
        if special is not None:
            lemma, cls = special
    if cls is None:
        return None
    if token.dep_ == "acl" and not any(c.dep_ == "agent" for c in token.children):
        return None  # "soldiers killed in the fighting" describes the soldiers
    return Candidate(token, lemma, cls, token)


def _noun_candidate(token: Token, verbs: dict[int, Candidate]) -> Candidate | None:
    if token.lang_ == "fr" and token.lemma_.lower() in _FRENCH_COUP_NOUNS:
        coup = _french_coup_noun(token)
        if coup is not None:
            return coup  # else "la prise de Bukavu": a seizure, read as any other noun
    if token.pos_ != "NOUN":
        return None
    lemma = token.lemma_.lower()
    cls = NOUNS.get(lemma)
    if cls is None:
        return None
    if lemma == "seizure" and _of_a_place(token):
        lemma, cls = "capture", "violence"  # "la prise de Bukavu": a town taken by force
    head, dep = token.head, token.dep_
    if dep in _NOMINAL_SUBJECT and (head.i in verbs or _occurrence_verb(head)):
        return Candidate(token, lemma, cls, head, nominal=True)
    near = 0 < token.i - head.i <= _LIGHT_REACH  # guards against long-distance misparses
    if dep == "dobj" and near and head.lemma_.lower() in LIGHT_VERBS and head.i not in verbs:
        return Candidate(token, lemma, cls, head, nominal=True)
    light = french_light_verb(token, LIGHT_VERBS) if token.lang_ == "fr" else None
    if light is not None and light.i not in verbs:
        return Candidate(token, lemma, cls, light, nominal=True)
    if dep in _STANDALONE_NOUN or head.i == token.i or _self_standing_noun(token):
        return Candidate(token, lemma, cls, token, nominal=True)
    return None


def _self_standing_noun(noun: Token) -> bool:
    """ "After the assassination of Lumumba in 1961", "après la prise de Bukavu par le M23":
    an eventive noun with a year or an agent of its own reports a happening wherever the parse
    puts it."""
    for prep in noun.children:
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and english_word(prep) == "by"):
            return True
        if prep.dep_ == "prep" and any(_is_year(g) for g in prep.children if g.dep_ == "pobj"):
            return True
    return False


def _is_year(token: Token) -> bool:
    return token.like_num and len(token.text) == 4 and token.text[:2] in ("19", "20")


def _of_a_place(noun: Token) -> bool:
    return any(
        g.ent_type_ in ("GPE", "LOC")
        for prep in noun.children
        if prep.dep_ == "prep" and english_word(prep) == "of"
        for g in prep.children
        if g.dep_ == "pobj"
    )


def _occurrence_verb(verb: Token) -> bool:
    if verb.lemma_.lower() in OCCURRENCE_VERBS:
        return True
    return verb.lang_ == "fr" and french_toll_verb(verb)


def _french_coup_noun(token: Token) -> Candidate | None:
    """A French coup noun is an event wherever it stands: the French parse seldom puts it in
    the eventive positions above ("une tentative de coup d'État a été étouffée"), often tags
    "coup" as a verb, and "le coup d'État de 1991" is how French reports a past coup."""
    if not is_coup_trigger(token):
        return None
    lemma = token.lemma_.lower()
    return Candidate(token, lemma, "coup", token, nominal=True)


def _verb_host(cand: Candidate, verbs: dict[int, Candidate]) -> Candidate | None:
    """The trigger this one only elaborates, if any (see the module docstring)."""
    token, head = cand.trigger, cand.trigger.head
    host = verbs.get(head.i) if head.i != token.i else None
    if host is None:
        if token.dep_ in ("pcomp", "pobj") and (h := verbs.get(head.head.i)) is not None:
            # "accused Rwanda of arming", "accuse le Rwanda de financer": what is alleged
            return h if h.lexical_class == "accusation" else None
        return None
    if token.dep_ == "xcomp":
        return host if host.lexical_class in _COMMIT_TO_XCOMP else None
    if token.dep_ == "ccomp" and host.lexical_class == "demand":
        return host  # "demanded that the president step down": what is asked, not done
    if token.dep_ in ("csubj", "nsubj"):  # "Fighting ... displaced 3,000 people": one event
        return None if host.lexical_class in COMMUNICATIVE else host
    if token.dep_ == "conj":
        if host.lexical_class == "accusation" and _alleged_act(token):
            return host  # "accuses Rwanda of financing and arming": the accusation's content
        shares = not _has_object(token) or not _has_object(head)
        return host if shares and host.lexical_class == cand.lexical_class else None
    if token.dep_ == "advcl" and token.tag_ == "VBG":
        same = host.lexical_class == cand.lexical_class == "violence"
        return host if same else None
    return None


def _alleged_act(verb: Token) -> bool:
    """ "of financing and arming", "de financer et d'armer": a gerund, or a French infinitive
    under "de", coordinated with what the accusation is about."""
    if verb.tag_ == "VBG":
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ in ("de", "d'") for c in
                                      verb.children)  # fmt: skip


def _rise_to_power(verb: Token) -> str | None:
    """ "came to power through a military coup" is a coup; "came to power" in elections is not."""
    if verb.lemma_.lower() not in ("come", "rise", "sweep", "arrive", "accede"):
        return None
    nouns = [t.lemma_.lower() for t in _nominal_complements(verb, depth=4)]
    has_power = "power" in nouns
    return "coup" if has_power and any(NOUNS.get(n) == "coup" for n in nouns) else None


def _nominal_complements(token: Token, depth: int) -> list[Token]:
    """Nouns under ``token`` through prepositions and bare nominals ("au pouvoir par un coup
    d'État", where French hangs the means on "pouvoir" and may leave "pouvoir" bare)."""
    if depth == 0:
        return []
    found = []
    for child in token.children:
        if child.dep_ in _NOMINAL_LINKS:
            found.extend([child] if child.dep_ not in ("prep", "agent") else [])
            found.extend(_nominal_complements(child, depth - 1))
    return found


_NOMINAL_LINKS = frozenset({"prep", "agent", "pobj", "npadvmod", "dobj", "xcomp"})


def _has_object(token: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)


def _argument_nouns(trigger: Token) -> list[Token]:
    """Eventive nouns in the trigger's own phrase ("came to power through a coup against X")."""
    found = []
    for child in trigger.children:
        if child.dep_ == "prep":
            found.extend(g for g in child.children if g.dep_ == "pobj" and g.lemma_ in NOUNS)
    return found


# --- clauses and the counts they own ------------------------------------------------------


def _fill_clauses(candidates: Sequence[Candidate]) -> None:
    heads = {c.head.i for c in candidates}
    for cand in candidates:
        absorbed = {t.i for t in cand.absorbed}
        tokens: set[int] = set()
        stack = [cand.head]
        while stack:
            token = stack.pop()
            tokens.add(token.i)
            for child in token.children:
                if child.i in absorbed:
                    stack.append(child)
                elif child.i in heads or _separate_clause(child):
                    continue  # another clause: its own event or an unrelated predicate
                else:
                    stack.append(child)
        cand.tokens = tokens


def _separate_clause(token: Token) -> bool:
    """A coordinated predicate, or a subordinate clause with a subject of its own."""
    if token.dep_ == "conj" and token.pos_ == "VERB":
        return True
    if token.dep_ in _SUBORDINATE:
        return any(c.dep_ in _NOMINAL_SUBJECT for c in token.children)
    return False


def _assign_quantities(
    doc: Doc, candidates: Sequence[Candidate], quantities: Sequence[Quantity]
) -> dict[int, list[Quantity]]:
    """Each quantity goes to the narrowest clause that contains it."""
    owned: dict[int, list[Quantity]] = {id(c): list(c.pinned) for c in candidates if c.pinned}
    pinned = {id(q) for c in candidates for q in c.pinned}
    for q in quantities:
        if id(q) in pinned:
            continue
        span = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        holders = [c for c in candidates if span.root.i in c.tokens]
        if holders:
            owner = min(holders, key=lambda c: len(c.tokens))
            owned.setdefault(id(owner), []).append(q)
    return owned


def _orphan_candidates(
    doc: Doc,
    candidates: Sequence[Candidate],
    quantities: Sequence[Quantity],
    owned: dict[int, list[Quantity]],
) -> list[Candidate]:
    taken = {id(q) for qs in owned.values() for q in qs}
    found: list[Candidate] = []
    for q in quantities:
        if id(q) in taken or q.part_of is not None or q.category not in ORPHAN_CLASS:
            continue
        heads = COUNT_HEADS | FRENCH_COUNT_HEADS if doc.lang_ == "fr" else COUNT_HEADS
        if q.head is None or q.head_span is None or q.head not in heads:
            continue
        span = doc.char_span(q.head_span.start, q.head_span.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        trigger = span.root
        head = trigger
        while (head.pos_ not in ("VERB", "AUX") or head.dep_ == "amod") and head.head.i != head.i:
            head = head.head
        found.append(Candidate(trigger, q.head, ORPHAN_CLASS[q.category], head, pinned=[q]))
    return found


def _pin_on_existing(candidates: Sequence[Candidate], orphans: list[Candidate]) -> list[Candidate]:
    """Orphans whose count word already triggers a candidate give it their count instead of
    a second draft of the same words: the French parse can hang the counted subject off
    another verb ("Christian Malanga et trois autres ... ont été tués, a indiqué X")."""
    by_trigger = {c.trigger.i: c for c in candidates}
    left = []
    for orphan in orphans:
        host = by_trigger.get(orphan.trigger.i)
        if host is None:
            left.append(orphan)
        else:
            host.pinned.extend(orphan.pinned)
    return left


# --- building the draft -------------------------------------------------------------------


def _draft(
    doc: Doc,
    article: Article,
    mentions: Mentions,
    cand: Candidate,
    quantities: list[Quantity],
    places: Sequence[PlaceMention],
    fallbacks: tuple[PlaceMention | None, PlaceMention | None],
    sentences: list[SpacySpan],
) -> EventDraft:
    lede, home = fallbacks
    trigger = cand.trigger
    sent_index = next(i for i, s in enumerate(sentences) if s.start <= trigger.i < s.end)
    sent = sentences[sent_index]
    clause = _clause_span(doc, cand.tokens)
    para_index, paragraph = _paragraph(article, trigger.idx)
    # spaCy sometimes runs a sentence across a paragraph break; the paragraph wins.
    sentence = Span(max(sent.start_char, paragraph.start), min(sent.end_char, paragraph.end))
    definite = cand.nominal and _is_definite(trigger)
    if definite:
        lede = home = None
        # "The coup took place as ...": a back-reference's time and place are its referent's,
        # which merging supplies; the rest of its sentence is about something else.
        scopes = Scopes(trigger.idx, clause, clause, Span(clause.start, clause.start))
    else:
        before = Span(paragraph.start, sentence.start)
        scopes = Scopes(trigger.idx, clause, sentence, before)
    attached = attach(article, scopes, mentions.times, places, quantities, lede, home)
    frame = [trigger, *cand.absorbed]
    actors, actor_ev = roles_of(trigger, frame, mentions.actors, places, cand.lexical_class)
    event_ev = Evidence("event", clause, clause.of(article.text))
    return EventDraft(
        trigger=Span(trigger.idx, trigger.idx + len(trigger.text)),
        trigger_lemma=cand.lemma,
        lexical_class=cand.lexical_class,
        clause=clause,
        sentence=sentence,
        sentence_index=sent_index,
        paragraph_index=para_index,
        actors=actors,
        date=attached.date,
        location=attached.location,
        counts=attached.counts,
        evidence=(event_ev, *actor_ev, *attached.evidence),
        nominal=cand.nominal,
        definite=definite,
        published=article.published.as_date(),
        language=doc.lang_,
    )


def _clause_span(doc: Doc, tokens: set[int]) -> Span:
    kept = [doc[i] for i in sorted(tokens) if not doc[i].is_punct] or [doc[min(tokens)]]
    return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))


def _paragraph(article: Article, offset: int) -> tuple[int, Span]:
    for i, para in enumerate(article.paragraphs):
        if para.start <= offset < para.end:
            return i, para
    return -1, Span(0, len(article.text))


def _is_definite(noun: Token) -> bool:
    # Only "the": a demonstrative ("this revolt") points at the sentence before, which is
    # exactly where its date and place are to be found.
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
