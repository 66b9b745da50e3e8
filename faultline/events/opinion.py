"""Opinion: statements that evaluate or interpret rather than report something that happened.

An article's analysis ("The NATO imperialist powers are dissatisfied with ...", "The economic
situation explains to a great extent ...", "The catch?") must never become an event. Each
*statement* (a main clause: the sentence root and the verbs coordinated with it) is scored:

opinion signals
    a rhetorical question (+3); a concessive frame, "whatever ...", "regardless of ..." (+2);
    a stance adverb on the predicate, "clearly", "obviously" (+2); an interpretive predicate with
    an abstract subject, "the situation explains", "the measure raises questions" (+2); an
    evaluative or attitude predicate adjective, "are dissatisfied", "are notorious" (+2); an
    emotion noun in an existential, "there is deep anger" (+2); a generic present-tense
    predicate (+1); analytical idioms, "behind the scenes", "to a great extent" (+1).
concrete anchors
    a date or time (+2); a number, sum or percentage (+1); a reporting cue with a named source
    (+2): what a source says is coded as its claim, never as the author's opinion.

A statement is opinion when its signals reach :data:`OPINION_THRESHOLD` and outweigh its
anchors. A sentence is opinion only when every statement in it is, so "Western governments
issued reprimands, but Touré clearly was no longer considered an ally" keeps its event.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from faultline.events.attribution import find_cue
from faultline.events.quotes import quote_regions
from faultline.nlp import doc_text

__all__ = ["OPINION_THRESHOLD", "clause_is_opinion", "is_opinion", "opinion_score"]

OPINION_THRESHOLD = 2
STANCE_ADVERBS = frozenset(
    {
        "clearly", "obviously", "evidently", "undoubtedly", "surely", "plainly", "manifestly",
        "inevitably", "naturally", "notoriously", "arguably", "undeniably", "unquestionably",
        "certainly", "doubtless", "frankly", "sadly", "unfortunately", "fortunately", "ironically",
        "tellingly", "predictably", "conveniently", "cynically", "hypocritically",
    }
)  # fmt: skip
INTERPRETIVE_VERBS = frozenset(
    {
        "explain", "reflect", "show", "reveal", "demonstrate", "expose", "underline",
        "underscore", "illustrate", "mean", "signify", "prove", "highlight", "betray",
        "epitomize", "epitomise", "embody", "symbolize", "symbolise", "indicate", "suggest",
        "confirm", "testify", "raise", "represent", "constitute", "amount", "serve",
    }
)  # fmt: skip
# Interpretive verbs read as reports when a person or institution is their subject.
PERSONAL_SUBJECT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
EMOTION_NOUNS = frozenset(
    {
        "anger", "frustration", "concern", "fear", "hostility", "resentment", "discontent",
        "outrage", "suspicion", "distrust", "mistrust", "bitterness", "dissatisfaction",
        "indignation", "unease", "alarm",
    }
)  # fmt: skip
CONCESSIVES = ("whatever", "regardless of", "no matter", "whether or not", "be that as it may")
IDIOMS = (
    "behind the scenes", "to a great extent", "to a large extent", "in reality", "the real",
    "at stake", "in the final analysis", "of course", "the catch", "so-called", "far from",
    "in other words", "it is no accident", "it is no coincidence", "needless to say",
    "nothing less than", "nothing but", "ring hollow", "rings hollow",
)  # fmt: skip
# Judgements a copula assigns: "is a cynical attempt", "is a betrayal".
EVALUATIVE_ADJECTIVES = frozenset(
    {
        "cynical", "hypocritical", "shameful", "disgraceful", "reckless", "absurd", "cruel",
        "disastrous", "catastrophic", "futile", "bankrupt", "reactionary", "cowardly", "naive",
        "misguided", "grotesque", "outrageous", "scandalous", "hollow", "desperate", "blatant",
        "shameless", "transparent", "thinly", "veiled", "mere", "pathetic", "dangerous",
    }
)  # fmt: skip
EVALUATIVE_NOUNS = frozenset(
    {
        "betrayal", "disgrace", "farce", "sham", "travesty", "fiasco", "scandal", "hypocrisy",
        "catastrophe", "charade", "pretext", "smokescreen", "ploy", "folly", "mistake", "failure",
    }
)  # fmt: skip
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound", "prove"})
# Predicate adjectives that take a clause ("it is not certain that ...") frame a proposition
# (a modality question), not an evaluation.
CLAUSAL_DEPS = frozenset({"ccomp", "xcomp", "csubj"})
DATE_ENTS = frozenset({"DATE", "TIME"})
NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# "over the years" and "today" in analysis do not date an event.
VAGUE_DATES = frozenset({"today", "now", "over the years", "the years", "years", "the past"})
MAIN_CLAUSE_DEPS = frozenset({"conj", "parataxis"})
# French frames of an open question about what happened: analysis, not news.
FRENCH_OPEN_QUESTIONS = ("reste à savoir", "reste à voir", "question est de savoir",
                         "rien ne dit que", "encore faut-il")  # fmt: skip
# Beginnings of French words for commentators, whose framing marks a view ("pour les analystes").
FRENCH_ANALYSTS = ("observateur", "chercheu", "analyste", "expert", "spécialiste", "politologue",
                   "universitaire", "commentateur", "éditorialiste")  # fmt: skip


def is_opinion(sentence: Span) -> bool:
    """Whether every statement of ``sentence`` only evaluates or interprets.

    ``sentence`` may be part of a parser sentence (one clipped at a paragraph break): its
    statements are then the heads of its own pieces of the parse.
    """
    heads = [h for root in _roots(sentence) for h in _statement_heads(root)]
    return bool(heads) and all(_statement_is_opinion(head, sentence) for head in heads)


def clause_is_opinion(trigger: Token) -> bool:
    """Whether the statement that carries ``trigger`` is the author's opinion."""
    return _statement_is_opinion(_statement_of(trigger), trigger.sent)


def opinion_score(head: Token, sentence: Span) -> tuple[int, int]:
    """(opinion signals, concrete anchors) of the statement headed by ``head``."""
    tokens = [t for t in _statement_tokens(head) if sentence.start <= t.i < sentence.end]
    return _signals(head, tokens, sentence), _anchors(head, tokens)


def _statement_is_opinion(head: Token, sentence: Span) -> bool:
    signals, anchors = opinion_score(head, sentence)
    return signals >= OPINION_THRESHOLD and signals > anchors


# --- statements ---------------------------------------------------------------------------------


def _roots(sentence: Span) -> list[Token]:
    """Tokens of ``sentence`` whose head is outside it (or themselves): its parse roots."""
    return [
        t
        for t in sentence
        if not (t.is_punct or t.is_space)
        and (t.head.i == t.i or not sentence.start <= t.head.i < sentence.end)
    ]


def _statement_heads(root: Token) -> Iterator[Token]:
    """The root and the predicates coordinated with it: one statement each."""
    yield root
    for child in root.children:
        if child.dep_ in MAIN_CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            yield from _statement_heads(child)


def _statement_of(trigger: Token) -> Token:
    """Climb from the trigger to the head of the statement that asserts it.

    Subjectless dependents (infinitives, participles, nouns) belong to the statement above;
    a clause with its own subject, or a main-clause conjunct, is a statement of its own.
    """
    current = trigger
    while current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") and _has_subject(current):
            return current
        if current.dep_ in MAIN_CLAUSE_DEPS and current.pos_ in ("VERB", "AUX"):
            return current
        current = current.head
    return current


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in token.children)


def _statement_tokens(head: Token) -> list[Token]:
    """The statement's tokens: its subtree without the coordinated statements hanging from it."""
    kept: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(
            c
            for c in token.children
            if not (c.dep_ in MAIN_CLAUSE_DEPS and c.pos_ in ("VERB", "AUX") and token.i == head.i)
        )
    return sorted(kept, key=lambda t: t.i)


# --- signals ------------------------------------------------------------------------------------


def _signals(head: Token, tokens: list[Token], sentence: Span) -> int:
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    score = 3 if _rhetorical_question(sentence) else 0
    score += 2 if any(f" {c} " in text for c in CONCESSIVES) else 0
    score += 2 if _stance_adverb(head) else 0
    score += 2 if _interpretive(head) else 0
    score += 2 if _evaluative_copula(head) else 0
    score += 2 if _emotion_existential(head) else 0
    score += 1 if _generic_present(head) else 0
    score += 1 if any(f" {i} " in text for i in IDIOMS) else 0
    if head.lang_ == "fr":
        score += _french_signals(sentence)
    return score


def _french_signals(sentence: Span) -> int:
    """ "Reste à savoir si ..." (an open question, +3); "Pour de nombreux observateurs, ..." and
    "Selon un chercheur, ..." (an analyst's view framing the sentence, +2)."""
    text = " ".join(t.lower_ for t in sentence).replace("’", "'")
    score = 3 if any(q in text for q in FRENCH_OPEN_QUESTIONS) else 0
    frame = _french_frame(sentence)
    return score + (2 if frame and any(_analyst(t) for t in frame) else 0)


def _french_frame(sentence: Span) -> list[Token]:
    """The words before the first comma when the sentence opens with "pour" or "selon"."""
    words = [t for t in sentence if not t.is_space]
    if not words or words[0].lower_ not in ("pour", "selon"):
        return []
    comma = next((i for i, t in enumerate(words) if t.text == ","), None)
    return words[1:comma] if comma is not None else []


def _analyst(token: Token) -> bool:
    """Observers, researchers, analysts: people whose view, not whose news, is reported."""
    return token.lower_.startswith(FRENCH_ANALYSTS)


def _rhetorical_question(sentence: Span) -> bool:
    """A question the author asks ("The catch?"), not one a quoted speaker asks."""
    marks = [t for t in sentence if t.text == "?"]
    if not marks:
        return False
    regions = quote_regions(doc_text(sentence.doc))
    return any(not any(a <= q.idx < b for a, b in regions) for q in marks)


def _stance_adverb(head: Token) -> bool:
    for token in (head, *(c for c in head.children if c.dep_ in ("xcomp", "acomp"))):
        if any(c.dep_ == "advmod" and c.lower_ in STANCE_ADVERBS for c in token.children):
            return True
    return False


def _interpretive(head: Token) -> bool:
    """ "The situation explains ...", "the measure raises questions": an abstract subject."""
    if head.lemma_.lower() not in INTERPRETIVE_VERBS:
        return False
    if head.lemma_.lower() == "raise" and not _has_object(head, {"question", "doubt", "concern"}):
        return False
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
    return bool(subjects) and all(_abstract(s) for s in subjects)


def _has_object(head: Token, lemmas: set[str]) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lemmas for c in head.children)


def _abstract(subject: Token) -> bool:
    if subject.pos_ == "PRON" and subject.lower_ not in ("this", "that", "it", "which"):
        return False
    phrase = list(subject.subtree)
    head_is_named = subject.ent_type_ in PERSONAL_SUBJECT_ENTS or subject.pos_ == "PROPN"
    return not head_is_named and not any(t.ent_type_ == "PERSON" for t in phrase[:3])


def _evaluative_copula(head: Token) -> bool:
    """ "The powers are dissatisfied with ...", "is a cynical attempt": a judgement, not an act."""
    if head.lemma_.lower() not in COPULAS or head.pos_ not in ("AUX", "VERB"):
        return False
    if any(c.dep_ == "attr" and _evaluative_noun(c) for c in head.children):
        return True
    adjectives = [c for c in head.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
    if not adjectives or any(c.dep_ in CLAUSAL_DEPS for c in head.children):
        return False
    return not any(c.dep_ in CLAUSAL_DEPS for a in adjectives for c in a.children)


def _evaluative_noun(noun: Token) -> bool:
    if noun.lemma_.lower() in EVALUATIVE_NOUNS:
        return True
    return any(c.dep_ == "amod" and c.lower_ in EVALUATIVE_ADJECTIVES for c in noun.children)


def _emotion_existential(head: Token) -> bool:
    """ "There is deep anger among ...": a mood attributed to a group, not an act."""
    near = [*head.children, *(g for c in head.children if c.dep_ == "aux" for g in c.children)]
    if not any(c.dep_ == "expl" for c in near):
        return False
    # "There is growing frustration" parses "frustration" as the object of "growing".
    arguments = [c for c in head.children if c.dep_ in ("attr", "dobj", "nsubj")]
    return any(c.lemma_.lower() in EMOTION_NOUNS for c in arguments)


def _generic_present(head: Token) -> bool:
    """A simple-present predicate with no auxiliary: a standing claim about the world."""
    if head.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in head.children)


# --- anchors ------------------------------------------------------------------------------------


def _anchors(head: Token, tokens: list[Token]) -> int:
    ents = {t.ent_type_ for t in tokens if not _vague(t)}
    score = 2 if ents & DATE_ENTS else 0
    score += 1 if ents & NUMBER_ENTS or any(t.like_num for t in tokens) else 0
    score += 2 if _named_source(head) else 0
    return score


def _vague(token: Token) -> bool:
    if token.ent_type_ not in DATE_ENTS:
        return False
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is not None and entity.text.lower() in VAGUE_DATES


def _named_source(head: Token) -> bool:
    """The statement reports what someone said (or is said under "according to X")."""
    if head.lemma_.lower() in ("say", "tell", "state", "announce", "report", "claim"):
        return any(c.dep_ == "nsubj" for c in head.children)
    cue = find_cue(head)
    if cue is not None and cue.speaker is not None and head.lang_ == "fr":
        return not any(_analyst(t) for t in cue.speaker)  # "selon un chercheur": a view
    return cue is not None and cue.speaker is not None
