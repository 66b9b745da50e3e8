"""The spaCy pipeline's tokenizer guard: whitespace-free runs of any length tokenize in linear
time, and the Doc's text is the article's, character for character."""

from __future__ import annotations

import time

import pytest

from faultline.nlp import LONGEST_CHUNK, load_nlp


@pytest.mark.parametrize("char", ["=", "<", "_", "%", "\U0001f4a5"])
def test_a_long_run_of_punctuation_tokenizes_in_linear_time(char: str) -> None:
    """Regression: spaCy peels affixes off a chunk one character at a time, rescanning it each
    time, so 12,000 "=" took 30 s of CPU; a fuzzed article with two such runs took 40 s."""
    text = f"Rebels shelled Goma on Monday. {char * 50_000} The army withdrew from Sake."
    started = time.process_time()
    doc = load_nlp()(text)
    assert time.process_time() - started < 5
    assert doc.text == text
    assert max(len(token) for token in doc) <= LONGEST_CHUNK
    assert {"Goma", "Sake"} <= {ent.text for ent in doc.ents}


@pytest.mark.parametrize(
    "text",
    [
        "x" * LONGEST_CHUNK,
        " " + "<" * (LONGEST_CHUNK + 1) + "\n\n" + "a" * 3 * LONGEST_CHUNK + "  b ",
        "see https://example.org/" + "a/" * 300 + " for more",
    ],
)
def test_text_round_trips_through_the_guard(text: str) -> None:
    doc = load_nlp()(text)
    assert doc.text == text
    assert "".join(token.text_with_ws for token in doc) == text
