"""Who says so: the source of a claim an article reports, never the author's own voice.

An event clause is attributed when the dependency parse puts it under a reporting cue:

- the complement of a reporting verb: "X said (that) ...", "X told Y that ...", the
  quote-then-verb order ("..., General X said"), "X said in a message that ...",
  "X claimed to have ...", and "X accused Y of ...";
- an "according to X" adjunct anywhere in the sentence (news style scopes it to the sentence);
- a quotation opened in an earlier sentence of the same paragraph, which continues the speech
  of the reporting verb that introduced (or closes) it (:mod:`faultline.events.quotes`).

The speaker keeps the words as written (``speaker_text``) and is resolved against the mention
stage's actors for ``speaker`` and ``entity_id``; a pronoun speaker ("He said ...") goes to the
nearest earlier person. A cue without a speaker ("it was reported that ...") is not an
attribution; :mod:`faultline.events.modality` reads it as hedged instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from faultline.events.attribution_fr import (
    FRENCH_PRONOUNS,
    french_source_phrase,
    in_prepositional_phrase,
    inverted_subject,
    is_french,
    postposed_reporting_verb,
    subjectless_speaker,
)
from faultline.events.quotes import paragraph_around, previous_paragraph_start, quote_region_of
from faultline.models import ActorMention, Attribution, Mentions
from faultline.models import Span as TextSpan
from faultline.nlp import doc_text, doc_tokens

__all__ = [
    "REPORTING_LEMMAS",
    "Cue",
    "attribution_of",
    "find_cue",
]

REPORTING_LEMMAS = frozenset(
    {
        "accuse", "acknowledge", "add", "admit", "affirm", "allege", "announce", "argue",
        "assert", "believe", "blame", "charge", "claim", "comment", "complain", "confirm",
        "contend", "declare", "deny", "disclose", "estimate", "explain", "insist", "maintain",
        "note", "post", "relate", "remark", "reply", "report", "respond", "reveal", "say",
        "shout", "state", "stress", "suggest", "tell", "testify", "think", "tweet", "warn",
        "write",
    }
)  # fmt: skip
# Verbs whose accusation sits in a "of"/"for" phrase: "accuses Rwanda of financing the rebels".
ACCUSING_LEMMAS = frozenset({"accuse", "blame", "charge", "criticize", "criticise", "suspect"})
# Verbs that report a nominal event as their object: "the army confirmed the arrests".
NOMINAL_REPORT_LEMMAS = frozenset({"allege", "announce", "claim", "confirm", "deny", "report"})
REFUSALS = frozenset({"refuse", "decline", "fail"})
# A subject that names no source ("unconfirmed reports said") makes a hedge, not an attribution.
SOURCELESS_HEADS = frozenset({"report", "rumour", "rumor", "speculation"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
PERSON_PRONOUNS = frozenset({"he", "she", "i"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

CueKind = Literal["verb", "according_to", "quote"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue governing an event clause, with its speaker's tokens when it has one."""

    kind: CueKind
    tokens: tuple[Token, ...]  # "said", or "according" + "to"
    speaker: Span | None

    @property
    def lemma(self) -> str:
        return self.tokens[0].lemma_.lower()

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def attribution_of(
    doc: Doc, trigger: Token, mentions: Mentions | None = None
) -> Attribution | None:
    """The speaker the article credits with the event at ``trigger``; None for the author."""
    cue = find_cue(trigger)
    if cue is None or cue.speaker is None:
        return None
    speaker = cue.speaker
    actors = mentions.actors if mentions is not None else ()
    resolved = _resolve_speaker(doc, speaker, actors)
    first, last = cue.tokens[0], cue.tokens[-1]
    return Attribution(
        speaker=resolved.name if resolved else _plain_name(speaker),
        speaker_text=speaker.text,
        cue=cue.text,
        speaker_span=TextSpan(speaker.start_char, speaker.end_char),
        cue_span=TextSpan(first.idx, last.idx + len(last)),
        entity_id=resolved.entity_id if resolved else None,
    )


def find_cue(trigger: Token) -> Cue | None:
    """The reporting cue for ``trigger``: a governing verb, "according to", or an open quote."""
    if is_french(trigger):
        return (
            _governing_verb(trigger)
            or _postposed_verb(trigger)
            or _source_phrase(trigger)
            or _quote_carry_over(trigger)
        )
    return _governing_verb(trigger) or _according_to(trigger) or _quote_carry_over(trigger)


# --- reporting verbs ------------------------------------------------------------------------


def _governing_verb(trigger: Token) -> Cue | None:
    """The nearest reporting verb whose complement (not subject) contains ``trigger``."""
    if _is_reporting_verb(trigger):
        return None  # the trigger is the statement itself (an ACCUSE event), not a claim
    current = trigger
    paragraph = paragraph_around(doc_text(trigger.doc), trigger.idx)
    while current.head.i != current.i and paragraph[0] <= current.head.idx < paragraph[1]:
        head = current.head
        if _is_reporting_verb(head):
            if current.dep_ in SUBJECT_DEPS:
                return None  # inside the speaker phrase, not the speech
            if _reports_through(current, head):
                return _verb_cue(head)
        elif _accused_of(current):
            return _verb_cue(head.head)
        current = head
    return None


def _verb_cue(verb: Token) -> Cue | None:
    # "He refused to confirm whether ...", "did not say": nothing is claimed.
    if _negated(verb) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSALS):
        return None
    return Cue("verb", (verb,), _speaker_of(verb))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _accused_of(child: Token) -> bool:
    """ "accuses Rwanda of financing": the parser hangs the "of" phrase on the accused."""
    accused = child.head
    return (
        child.dep_ == "prep"
        and child.lower_ in ("of", "for")
        and accused.dep_ == "dobj"
        and accused.head.lemma_.lower() in ACCUSING_LEMMAS
    )


def _is_reporting_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING_LEMMAS


def _reports_through(child: Token, verb: Token) -> bool:
    """Whether the edge ``child`` → ``verb`` carries the reported content."""
    lemma = verb.lemma_.lower()
    if child.dep_ in ("ccomp", "xcomp", "parataxis"):
        return True
    if child.dep_ == "prep" and child.lower_ in ("of", "for"):
        return lemma in ACCUSING_LEMMAS
    if child.dep_ == "dobj":
        return lemma in NOMINAL_REPORT_LEMMAS and child.pos_ in ("NOUN", "PROPN")
    return False


def _speaker_of(verb: Token) -> Span | None:
    """The speaker of a reporting verb: its subject, its passive agent, or the participle's host."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in SOURCELESS_HEADS:
            return None
        if child.dep_ == "nsubj" and not (is_french(child) and in_prepositional_phrase(child)):
            return _relative_antecedent(child, verb) or _phrase(child)
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return _phrase(objects[0]) if objects else None
    # "..., saying: ..." and "waved the flag, saying ..." report the host clause's subject.
    participle = verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ in ("VBG", "VB")
    if participle and verb.head.i != verb.i:
        return _speaker_of(verb.head)
    return _french_speaker(verb) if is_french(verb) else None


def _french_speaker(verb: Token) -> Span | None:
    """ "a-t-il ajouté" (the clitic), "l'état-major a affirmé" left without a subject label."""
    phrase = subjectless_speaker(verb)
    if phrase is None or len(phrase) == 1:
        return phrase
    return _trimmed(verb.doc, list(phrase), phrase.root)


def _relative_antecedent(subject: Token, verb: Token) -> Span | None:
    """ "an official ..., who complained" → the official, without the relative clause."""
    if subject.lower_ not in RELATIVE_PRONOUNS or verb.dep_ != "relcl":
        return None
    noun = _noun_phrase_anchor(verb.head)
    tokens = [t for t in noun.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    return _trimmed(noun.doc, tokens, noun)


def _noun_phrase_anchor(noun: Token) -> Token:
    """ "an official familiar with the region, who complained": the parser hangs the relative
    clause on "region"; the speaker is the phrase that contains it."""
    current = noun
    while current.dep_ in ("pobj", "prep", "amod", "acomp") and current.head.i != current.i:
        current = current.head
    return current if current.pos_ in ("NOUN", "PROPN", "PRON") else noun


def _phrase(head: Token) -> Span:
    """The noun phrase of ``head`` without trailing appositive punctuation or relative clauses."""
    tokens = [t for t in head.subtree if not _in_relative_clause(t, head)]
    return _trimmed(head.doc, tokens, head)


def _in_relative_clause(token: Token, head: Token) -> bool:
    current = token
    while current.i != head.i and current.head.i != current.i:
        if current.dep_ in ("relcl", "acl") and current.head.i == head.i:
            return True
        current = current.head
    return False


def _trimmed(doc: Doc, tokens: Sequence[Token], head: Token) -> Span:
    """The contiguous run of ``tokens`` around ``head``, without edge punctuation."""
    kept = {t.i for t in tokens}
    start, end = head.i, head.i + 1
    while start - 1 in kept:
        start -= 1
    while end in kept:
        end += 1
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


# --- "according to X" -----------------------------------------------------------------------


def _according_to(trigger: Token) -> Cue | None:
    start, end = paragraph_around(doc_text(trigger.doc), trigger.idx)
    for token in trigger.sent:
        if token.lower_ != "according" or not start <= token.idx < end:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if to is not None and objects:
            return Cue("according_to", (token, to), _phrase(objects[0]))
    return None


# --- French: the post-posed reporting verb and "selon X" -------------------------------------


def _postposed_verb(trigger: Token) -> Cue | None:
    """ "..., a annoncé le porte-parole": the French parse hangs the verb under the statement."""
    if _is_reporting_verb(trigger):
        return None
    verb = postposed_reporting_verb(trigger, REPORTING_LEMMAS)
    if verb is None or _negated(verb):
        return None
    subject = inverted_subject(verb)
    if subject is None or subject.text.startswith("-"):
        return Cue("verb", (verb,), _speaker_of(verb))
    return Cue("verb", (verb,), _phrase(subject))


def _source_phrase(trigger: Token) -> Cue | None:
    """ "selon X", "d'après X", "à en croire X", "de source militaire" in the sentence."""
    start, end = paragraph_around(doc_text(trigger.doc), trigger.idx)
    for token in trigger.sent:
        found = french_source_phrase(token) if start <= token.idx < end else None
        if found is not None:
            cue_tokens, speaker = found
            return Cue("according_to", cue_tokens, _phrase(speaker))
    return None


# --- quotations carried over sentences --------------------------------------------------------


def _quote_carry_over(trigger: Token) -> Cue | None:
    """A trigger inside a multi-sentence quotation takes the cue that introduced or closes it."""
    region = quote_region_of(trigger)
    if region is None:
        return None
    doc = trigger.doc
    # The parser's sentences can run over a paragraph break; the quotation cannot.
    para_start, para_end = paragraph_around(doc_text(doc), region[0])
    for sentence in _region_sentences(doc, region):
        if sentence.start <= trigger.i < sentence.end:
            continue
        tokens = [t for t in sentence if para_start <= t.idx < para_end]
        cue = _cue_outside(tokens, region)
        if cue is not None:
            return cue
    return None


def _region_sentences(doc: Doc, region: tuple[int, int]) -> list[Span]:
    """The sentence where the quotation opens, then the one where it closes."""
    first = doc.char_span(region[0], region[0] + 1, alignment_mode="expand")
    last = doc.char_span(max(region[0], region[1] - 1), region[1], alignment_mode="expand")
    return [s.sent for s in (first, last) if s is not None]


def _cue_outside(tokens: Sequence[Token], region: tuple[int, int]) -> Cue | None:
    """The reporting verb outside the quotation that governs it (else the nearest one)."""
    verbs = [t for t in tokens if not region[0] <= t.idx < region[1] and _is_reporting_verb(t)]
    inside = [t for t in tokens if region[0] <= t.idx < region[1]]
    governing = [v for v in verbs if inside and _governs(v, inside[0])]
    ordered = sorted(governing, key=lambda v: -v.i) + sorted(
        verbs, key=lambda v: abs(v.idx - region[0])
    )
    for verb in ordered:
        speaker = _speaker_of(verb)
        if speaker is not None and not _negated(verb):
            return Cue("quote", (verb,), speaker)
    return None


def _governs(verb: Token, token: Token) -> bool:
    return any(a.i == verb.i for a in token.ancestors)


# --- speaker resolution ---------------------------------------------------------------------


def _resolve_speaker(
    doc: Doc, speaker: Span, actors: Sequence[ActorMention]
) -> ActorMention | None:
    if _is_pronoun(speaker):
        return _antecedent(doc, speaker[0], actors)
    return _actor_for(speaker, actors)


def _actor_for(speaker: Span, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The actor the speaker phrase names: the one on its head word, else a person, else any."""
    overlapping = [a for a in actors if _overlaps(a.span, speaker)]
    if not overlapping:
        return None
    head = speaker.root
    on_head = [a for a in overlapping if a.span.start <= head.idx < a.span.end]
    persons = [a for a in overlapping if a.kind == "person"]
    return (on_head or persons or overlapping)[0]


def _is_pronoun(speaker: Span) -> bool:
    return len(speaker) == 1 and _pronoun(speaker[0]) in PRONOUNS


def _pronoun(token: Token) -> str:
    """The English pronoun a token stands for ("-il" → "he" in French), else its lower form."""
    if is_french(token):
        return FRENCH_PRONOUNS.get(token.lower_.lstrip("-"), token.lower_)
    return token.lower_


def _antecedent(doc: Doc, pronoun: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The latest earlier fitting subject (else actor) in this or the previous paragraph.

    "He"/"she" take a person; "it" takes an institution or outlet ("Le Monde ..., claiming
    ...; it admitted"). Earlier speakers count as well as actors because outlets and officials
    are often speakers the actor stage does not know.
    """
    window_start = previous_paragraph_start(doc_text(doc), pronoun.idx)
    pool = (*actors, *_earlier_speakers(doc, window_start, pronoun.idx, actors))
    candidates = [
        a
        for a in pool
        if window_start <= a.span.start and a.span.end <= pronoun.idx and _agrees(pronoun, a)
    ]
    subjects = [a for a in candidates if _is_subject(doc, a)]
    # Centering: a pronoun continues the latest subject before it, not the latest name.
    return max(subjects or candidates, key=lambda a: a.span.start) if candidates else None


def _is_subject(doc: Doc, actor: ActorMention) -> bool:
    tokens = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return False
    head = tokens.root
    while head.dep_ in ("appos", "compound") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass")


def _agrees(pronoun: Token, actor: ActorMention) -> bool:
    if _pronoun(pronoun) in PERSON_PRONOUNS:
        return actor.kind == "person"
    if _pronoun(pronoun) == "it":
        return actor.kind != "person"
    return True  # "they", "we": a group or several people


def _earlier_speakers(
    doc: Doc, start: int, end: int, actors: Sequence[ActorMention]
) -> Iterator[ActorMention]:
    """Named subjects of reporting verbs between ``start`` and ``end``, as actor mentions."""
    for token in doc_tokens(doc):
        if not start <= token.idx < end or not _is_reporting_verb(token):
            continue
        speaker = _speaker_of(token)
        if speaker is None or _is_pronoun(speaker):
            continue
        known = _actor_for(speaker, actors)
        if known is not None:
            yield replace(known, span=TextSpan(speaker.start_char, speaker.end_char))
        elif speaker.root.pos_ == "PROPN":
            yield _named_speaker(speaker)


def _named_speaker(speaker: Span) -> ActorMention:
    person = speaker.root.ent_type_ == "PERSON"
    return ActorMention(
        span=TextSpan(speaker.start_char, speaker.end_char),
        text=speaker.text,
        name=speaker.text,
        kind="person" if person else "other",
        method="ner",
    )


def _overlaps(span: TextSpan, tokens: Span) -> bool:
    return span.start < tokens.end_char and tokens.start_char < span.end


def _plain_name(speaker: Span) -> str | None:
    """An unresolved named speaker keeps its name; a pronoun or common noun resolves to None."""
    return speaker.text if speaker.root.pos_ == "PROPN" and not _is_pronoun(speaker) else None
