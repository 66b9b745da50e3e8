"""French parses glossed into the English conventions the rest of Faultline reads.

The ``fr_gloss`` component runs last in the French pipeline and returns a new Doc with the
same tokens, in which:

- the lemma of every French word our lexicons care about is its English equivalent
  ("tuer" → "kill", "soldat" → "soldier"; ``data/fr_gloss.yaml``); other lemmas stay French;
- UD dependency labels become the ClearNLP labels of the English model, and the two
  structures that differ are rebuilt: a preposition (UD ``case``) becomes the head of its noun
  (``prep`` → ``pobj``; ``par`` + agent → ``agent``), and the last word of a name heads it
  (UD ``flat:name`` → ``compound``), as in the English parse;
- entity labels become OntoNotes ones (PER → PERSON, LOC → GPE); MISC, which the French model
  gives towns it does not know as well as events and titles, stays MISC, so the gazetteer
  decides what is a place;
- "ne … pas/jamais/plus" marks its verb with a ``neg`` child.

A sentence whose rebuilt tree would not be a tree (a parse the rules did not foresee) keeps
its original heads and only gets the relabelling.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml
from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from faultline.errors import ReferenceDataError

GLOSS_FILE = Path(__file__).with_name("data") / "fr_gloss.yaml"
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
# UD labels with a ClearNLP name of their own; the structural ones are rebuilt below.
DEPENDENCY_LABELS = {
    "obj": "dobj",
    "iobj": "dative",
    "nsubj:pass": "nsubjpass",
    "aux:pass": "auxpass",
    "aux:tense": "aux",
    "nmod:poss": "poss",
    "acl:relcl": "relcl",
    "obl:mod": "npadvmod",
    "obl:arg": "npadvmod",
    "obl": "npadvmod",
    "expl:subj": "expl",
    "expl:comp": "expl",
    "expl:pass": "expl",
    "flat:foreign": "compound",
}
# Nouns a preposition can introduce (UD puts the preposition under them as ``case``).
_PREPOSITIONAL = frozenset({"obl", "obl:mod", "obl:arg", "obl:agent", "nmod"})
_NEGATIONS = frozenset({"pas", "jamais", "plus", "guère", "point"})
_NE = frozenset({"ne", "n'", "n’"})
_COLUMNS = [ORTH, SPACY, POS, TAG, MORPH, LEMMA, ENT_IOB, ENT_TYPE, ENT_ID, HEAD, DEP]
_POS, _TAG, _LEMMA, _ENT_TYPE, _HEAD, _DEP = 2, 3, 5, 7, 9, 10


@functools.cache
def gloss_table() -> dict[str, str]:
    """French lemma → English lemma, from ``data/fr_gloss.yaml``. A key "lemma|POS" holds the
    reading of one part of speech ("pouvoir|NOUN": power, "pouvoir|VERB": can)."""
    try:
        raw = yaml.safe_load(GLOSS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(
            f"cannot read the French gloss: {exc}", source=str(GLOSS_FILE)
        ) from exc
    lemmas = raw.get("lemmas") if isinstance(raw, dict) else None
    if not isinstance(lemmas, dict):
        raise ReferenceDataError("expected a 'lemmas:' mapping", source=str(GLOSS_FILE))
    return {str(k).lower(): str(v) for k, v in lemmas.items()}


@Language.component("fr_gloss")
def fr_gloss(doc: Doc) -> Doc:
    """The French parse in English conventions (module docstring); same tokens and text."""
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    for sentence in doc.sents:
        rebuilt_heads, rebuilt_deps = list(heads), list(deps)
        _rebuild(sentence, rebuilt_heads, rebuilt_deps)
        if _is_tree(rebuilt_heads, sentence.start, sentence.end):
            heads[sentence.start : sentence.end] = rebuilt_heads[sentence.start : sentence.end]
            deps[sentence.start : sentence.end] = rebuilt_deps[sentence.start : sentence.end]
        else:
            _relabel(sentence, deps)
    return _rewritten(doc, heads, deps)


def gloss_text(span: Span | Doc) -> str:
    """The words of a glossed span with English lemmas where we have them ("rebels kill forty
    morts" reads better to an English sentence model than the French): what French clauses
    are typed and linked by."""
    english = _english_lemmas()
    return " ".join(t.lemma_ if t.lemma_ in english else t.text for t in span)


@functools.cache
def _english_lemmas() -> frozenset[str]:
    return frozenset(gloss_table().values())


def _rebuild(sentence: Span, heads: list[int], deps: list[str]) -> None:
    for verb in sentence:
        _coordinated_subject(verb, heads, deps)
    for token in sentence:
        _fronted_phrase_subject(token, heads, deps)
    firsts = {t.head.i: t.head for t in sentence if t.dep_ == "flat:name"}
    for first in firsts.values():
        if first.dep_ != "flat:name":  # once per name, however many words follow its first
            _name_headed_by_its_last_word(first, heads, deps)
    _titles_before_names(sentence, heads, deps)
    for token in sentence:
        if token.dep_ == "case" and token.i < heads[token.i]:
            _preposition_heads_its_noun(token, heads, deps)
    _relabel(sentence, deps)


def _coordinated_subject(verb: Token, heads: list[int], deps: list[str]) -> None:
    """ "Deux soldats et un civil ont été tués, a déclaré X": the small model makes the first
    subject a subject of the reporting verb and the reported verb a conjunct of it; put the
    reported clause back under the reporting verb, with both subjects its own."""
    first = verb.head
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or first.pos_ not in ("NOUN", "PROPN"):
        return
    reporting = first.head
    if first.dep_ != "nsubj" or not first.i < verb.i < reporting.i:
        return
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and first.i < c.i]
    links = [c for c in verb.children if c.dep_ == "cc" and subjects and c.i < subjects[0].i]
    if not subjects or not links:
        return
    second = subjects[0]
    heads[verb.i], deps[verb.i] = reporting.i, "ccomp"
    heads[first.i], deps[first.i] = verb.i, second.dep_
    heads[second.i], deps[second.i] = first.i, "conj"
    heads[links[0].i] = second.i


def _fronted_phrase_subject(token: Token, heads: list[int], deps: list[str]) -> None:
    """ "En échange de la production, Pékin s'est engagé à investir": the small model makes
    the subject after a fronted phrase an apposition of that phrase's noun; it is the subject
    of the subject-less verb it stands before."""
    doc = token.doc
    if token.dep_ != "appos" or token.i == 0 or doc[token.i - 1].text != ",":
        return
    after = doc[token.right_edge.i + 1 : token.sent.end]
    verb = next((t for t in after if t.pos_ == "VERB"), None)
    if verb is None or verb.head.i in range(token.i, token.right_edge.i + 1):
        return
    if any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    between = doc[token.right_edge.i + 1 : verb.i]
    if all(t.head == verb and t.dep_ in _VERB_CLITICS for t in between):
        heads[token.i], deps[token.i] = verb.i, "nsubj"


def _name_headed_by_its_last_word(first: Token, heads: list[int], deps: list[str]) -> None:
    parts = _name_parts(first)
    last = max(parts, key=lambda t: t.i)
    heads[last.i] = heads[first.i] if heads[first.i] != first.i else last.i
    deps[last.i] = deps[first.i]
    for part in (first, *parts):
        if part.i != last.i:
            heads[part.i], deps[part.i] = last.i, "compound"
    members = {first.i, *(p.i for p in parts)}
    sentence = first.sent
    for child in range(sentence.start, sentence.end):  # children as rebuilt so far
        if heads[child] in members and child not in members:
            heads[child] = last.i


def _titles_before_names(sentence: Span, heads: list[int], deps: list[str]) -> None:
    """ "le président Félix Tshisekedi": French hangs the name off the title as an apposition;
    English heads the phrase with the name ("President Félix Tshisekedi"), which is where
    roles and speakers look for the person."""
    doc = sentence.doc
    for name in sentence:
        title = doc[heads[name.i]]
        if deps[name.i] != "appos" or title.pos_ != "NOUN" or title.i >= name.i:
            continue
        if not all(_is_person(doc[i]) for i in range(title.i + 1, name.i + 1)):
            continue
        heads[name.i] = heads[title.i] if heads[title.i] != title.i else name.i
        deps[name.i] = deps[title.i]
        for child in range(sentence.start, sentence.end):
            if heads[child] == title.i and child != name.i:
                heads[child] = name.i
        heads[title.i], deps[title.i] = name.i, "compound"


def _is_person(token: Token) -> bool:
    return token.ent_type_ in ("PER", "PERSON")


def _name_parts(first: Token) -> list[Token]:
    """The words after a name's first, also when the parse chains them ("Mobutu Sese Seko":
    Seko hangs on Sese)."""
    parts = [c for c in first.children if c.dep_ == "flat:name"]
    for part in list(parts):
        parts.extend(_name_parts(part))
    return parts


def _preposition_heads_its_noun(case: Token, heads: list[int], deps: list[str]) -> None:
    noun = heads[case.i]
    if deps[noun] not in _PREPOSITIONAL or deps[noun] == "pobj":
        return  # a second preposition of one noun ("près de") stays a case marker
    heads[case.i] = heads[noun] if heads[noun] != noun else case.i
    deps[case.i] = "agent" if deps[noun] == "obl:agent" else "prep"
    heads[noun], deps[noun] = case.i, "pobj"


def _relabel(sentence: Span, deps: list[str]) -> None:
    for token in sentence:
        label = deps[token.i]
        if label in DEPENDENCY_LABELS:
            deps[token.i] = DEPENDENCY_LABELS[label]
        elif label == "case":
            deps[token.i] = "prep"
        elif label == "obl:agent":
            deps[token.i] = "pobj"
        if token.lower_ in _NEGATIONS and any(c.lower_ in _NE for c in token.head.children):
            deps[token.i] = "neg"


# Verbs whose reflexive and transitive readings differ: "les combats ont opposé l'armée aux
# rebelles" is a clash between them, "Kigali s'oppose aux sanctions" is opposition.
_REFLEXIVE_READINGS = {"opposer": ("oppose", "clash")}
_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_VERB_CLITICS = frozenset(
    {"expl", "expl:comp", "expl:pv", "aux", "aux:tense", "aux:pass", "advmod"}
)
_REFLEXIVE_CLITICS = frozenset({"se", "s'", "s’"})


def _reflexive_reading(token: Token, lemma: str) -> str | None:
    readings = _REFLEXIVE_READINGS.get(lemma)
    if readings is None or token.pos_ != "VERB":
        return None
    reflexive = any(c.lower_ in _REFLEXIVE_CLITICS for c in token.children)
    return readings[0] if reflexive else readings[1]


def _part_of_speech(token: Token) -> str:
    """The small French model tags a plural noun after its adjective as an adjective ("De
    violents affrontements", "des combats meurtriers"): an "adjective" that heads a
    determiner and is a subject or object is a noun. It tags "pouvoir" a verb even in "au
    pouvoir"."""
    nominal = token.dep_ in ("nsubj", "obj", "nsubj:pass", "obl", "nmod")
    if token.pos_ == "ADJ" and nominal and any(c.pos_ == "DET" for c in token.children):
        return "NOUN"
    after_article = token.i > 0 and token.doc[token.i - 1].lower_ in _ARTICLES
    if token.pos_ == "VERB" and after_article and "Inf" in token.morph.get("VerbForm"):
        return "NOUN"  # "arrivé au pouvoir", "le devoir": an infinitive after an article
    return token.pos_


_ARTICLES = frozenset({"le", "l'", "un", "au", "du"})


def _penn_tag(token: Token, pos: str) -> str:
    """The Penn Treebank tag the English model would give: our code asks for participles
    ("VBN": "soldats tués"), numbers ("CD") and plural nouns by tag."""
    morph = token.morph
    if pos in ("VERB", "AUX"):
        if "Part" in morph.get("VerbForm"):
            return "VBN" if "Past" in morph.get("Tense") else "VBG"
        if "Inf" in morph.get("VerbForm"):
            return "VB"
        return "VBD" if "Past" in morph.get("Tense") else "VBP"
    if pos == "NUM":
        return "CD"
    if pos in ("NOUN", "PROPN"):
        plural = "Plur" in morph.get("Number")
        return ("NNPS" if plural else "NNP") if pos == "PROPN" else ("NNS" if plural else "NN")
    return _SIMPLE_TAGS.get(pos, token.tag_)


_SIMPLE_TAGS = {"ADJ": "JJ", "ADV": "RB", "ADP": "IN", "DET": "DT", "PRON": "PRP", "CCONJ": "CC",
                "SCONJ": "IN", "PUNCT": ".", "PART": "RP", "INTJ": "UH", "SYM": "SYM"}  # fmt: skip


def _is_tree(heads: Sequence[int], start: int, end: int) -> bool:
    for i in range(start, end):
        seen: set[int] = set()
        j = i
        while heads[j] != j:
            if j in seen or not start <= heads[j] < end:
                return False
            seen.add(j)
            j = heads[j]
    return True


def _rewritten(doc: Doc, heads: list[int], deps: list[str]) -> Doc:
    table = gloss_table()
    strings = doc.vocab.strings
    array = doc.to_array(_COLUMNS)
    for i, token in enumerate(doc):
        pos = _part_of_speech(token)
        lemma = token.lemma_.lower()
        english = _reflexive_reading(token, lemma) or table.get(
            f"{lemma}|{pos.lower()}", table.get(lemma)
        )
        if english is not None:
            array[i, _LEMMA] = strings.add(english)
        if pos != token.pos_:
            array[i, _POS] = strings.add(pos)
        array[i, _TAG] = strings.add(_penn_tag(token, pos))
        label = ENTITY_LABELS.get(token.ent_type_)
        if label is not None:
            array[i, _ENT_TYPE] = strings.add(label)
        array[i, _HEAD] = np.int64(heads[i] - i).astype(np.uint64)
        array[i, _DEP] = strings.add(deps[i])
    glossed = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    glossed.from_array(_COLUMNS, array)
    # nlp.pipe(as_tuples=True) carries each text's context on the Doc it made.
    glossed._context = doc._context
    glossed.user_data.update(doc.user_data)
    return glossed
