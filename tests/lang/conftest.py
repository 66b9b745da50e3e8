"""The French pipeline and two readers of its parse, shared by the French parse tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from faultline.nlp import load_nlp


@pytest.fixture(scope="module")
def fr() -> Language:
    return load_nlp("fr")


def tokens(doc: Doc) -> dict[str, Token]:
    return {t.text: t for t in doc}


def is_tree(doc: Doc) -> bool:
    for token in doc:
        seen = set()
        while token.head.i != token.i:
            if token.i in seen:
                return False
            seen.add(token.i)
            token = token.head
    return True
