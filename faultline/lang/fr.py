"""French parses glossed into the English conventions the rest of Faultline reads.

The ``fr_gloss`` component runs last in the French pipeline and returns a new Doc with the
same tokens, in which:

- the lemma of every French word our lexicons care about is its English equivalent
  ("tuer" → "kill", "soldat" → "soldier"; ``data/fr_gloss.yaml``); other lemmas stay French;
- UD dependency labels become the ClearNLP labels of the English model, and the structures
  that differ are rebuilt as the English parse has them (``fr_tree.py``: prepositions head
  their nouns, the last word of a name heads it, a few frequent misparses put right);
- entity labels become OntoNotes ones (PER → PERSON, LOC → GPE); MISC, which the French model
  gives towns it does not know as well as events and titles, stays MISC, so the gazetteer
  decides what is a place;
- "ne … pas/jamais/plus" marks its verb with a ``neg`` child.

A sentence whose rebuilt tree would not be a tree (a parse the rules did not foresee) keeps
its original heads and only gets the relabelling.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml
from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from faultline.errors import ReferenceDataError
from faultline.lang.fr_tree import is_adverb_form, is_tree, rebuild, relabel

GLOSS_FILE = Path(__file__).with_name("data") / "fr_gloss.yaml"
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
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


def hyphenated_names() -> list[str]:
    """Country and capital names, and a few words of the news, that the French tokenizer
    would split at the hyphen ("Royaume-Uni", "Porto-Novo", "chef-lieu", "état-major"):
    split, the small model parses them as three nouns of other phrases."""
    from faultline.kb import countries

    names = {n for c in countries() for n in (*c.names, *c.demonyms, *c.seats, c.capital or "")}
    words = {w for word in _HYPHENATED_WORDS for w in (word, word.capitalize())}
    return sorted(n for n in names | words if "-" in n and " " not in n)


_HYPHENATED_WORDS = ("chef-lieu", "chefs-lieux", "état-major", "états-majors", "etat-major",
                     "week-end", "sud-est", "sud-ouest", "nord-est", "nord-ouest")  # fmt: skip


@Language.factory("fr_gloss")
def make_fr_gloss(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``fr_gloss`` component, knowing the model's adjectives (to tell "militairement"
    the adverb from "gouvernement" the noun when the model tags both nouns)."""
    adjectives = model_adjectives(nlp)
    return functools.partial(fr_gloss, adjectives=adjectives)


def fr_gloss(doc: Doc, adjectives: frozenset[str] = frozenset()) -> Doc:
    """The French parse in English conventions (module docstring); same tokens and text."""
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    adverbs = {t.i for t in doc if t.pos_ != "ADV" and is_adverb_form(t.lower_, adjectives)}
    for sentence in doc.sents:
        rebuilt_heads, rebuilt_deps = list(heads), list(deps)
        rebuild(sentence, rebuilt_heads, rebuilt_deps, adverbs)
        if is_tree(rebuilt_heads, sentence.start, sentence.end):
            heads[sentence.start : sentence.end] = rebuilt_heads[sentence.start : sentence.end]
            deps[sentence.start : sentence.end] = rebuilt_deps[sentence.start : sentence.end]
        else:
            relabel(sentence, deps)
    return _rewritten(doc, heads, deps, adverbs)


def model_adjectives(nlp: Language) -> frozenset[str]:
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(index["adj"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()  # a model without the table: no adverb repair, as before


def gloss_text(span: Span | Doc) -> str:
    """The words of a glossed span with English lemmas where we have them ("rebels kill forty
    morts" reads better to an English sentence model than the French): what French clauses
    are typed and linked by."""
    english = _english_lemmas()
    return " ".join(t.lemma_ if t.lemma_ in english else t.text for t in span)


@functools.cache
def _english_lemmas() -> frozenset[str]:
    return frozenset(gloss_table().values())


# Verbs whose reflexive and transitive readings differ: "les combats ont opposé l'armée aux
# rebelles" is a clash between them, "Kigali s'oppose aux sanctions" is opposition.
_REFLEXIVE_READINGS = {"opposer": ("oppose", "clash")}
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


def _rewritten(doc: Doc, heads: list[int], deps: list[str], adverbs: set[int]) -> Doc:
    table = gloss_table()
    strings = doc.vocab.strings
    array = doc.to_array(_COLUMNS)
    for i, token in enumerate(doc):
        pos = "ADV" if i in adverbs else _part_of_speech(token)
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
