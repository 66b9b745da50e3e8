"""TextBuilder and offset maps: every kept character maps back to itself in the original."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline.errors import EmptyInputError
from faultline.ingest.markup import strip_markup
from faultline.ingest.normalise import normalise
from faultline.ingest.offsets import MappedText, TextBuilder
from faultline.models import RawDocument, Span

SEEDS = [
    pytest.param("drc-coup-attempt-2024.txt", id="drc-coup"),
    pytest.param("mali-coup-2012.txt", id="mali-coup"),
    pytest.param("drc-us-minerals-2025.txt", id="drc-minerals"),
]


def assert_round_trip(original: str, mapped: MappedText) -> None:
    """Every kept character of ``mapped`` is the original character it maps to."""
    kept = mapped.kept_mask()
    for i, char in enumerate(mapped.text):
        if kept[i]:
            j = mapped.offset_map.to_original(i)
            assert original[j] == char, f"offset {i} -> {j}: {char!r} != {original[j]!r}"


def test_keep_and_insert_map_back() -> None:
    source = "Hello,   world!\n\nNext"
    builder = TextBuilder(source)
    builder.keep(0, 7)  # "Hello, "
    builder.keep(9, 15)  # "world!"
    builder.insert(" ", 15)
    builder.keep(17, 21)
    mapped = builder.build()
    assert mapped.text == "Hello, world! Next"
    assert mapped.inserted == (Span(13, 14),)
    assert not mapped.is_kept(13)
    assert mapped.is_kept(14)
    assert mapped.offset_map.to_original(7) == 9
    assert mapped.offset_map.to_original(13) == 15  # the inserted space maps to the break
    assert mapped.offset_map.to_original(14) == 17
    assert_round_trip(source, mapped)


def test_adjacent_keeps_share_one_anchor() -> None:
    builder = TextBuilder("abcdef")
    builder.keep(0, 2)
    builder.keep(2, 4)
    builder.keep(4, 6)
    assert builder.build().offset_map.normalised == (0,)


def test_empty_build_has_a_valid_map() -> None:
    mapped = TextBuilder("   ").build()
    assert mapped.text == ""
    assert mapped.offset_map.to_original(0) == 0
    assert mapped.offset_map.original_length == 3


def test_composed_builders_map_to_the_first_source() -> None:
    original = "a **bold** &amp; c"
    first = TextBuilder(original)
    first.keep(0, 2)
    first.keep(4, 8)  # "bold"
    first.keep(10, 11)
    first.insert("&", 11)  # "&amp;"
    first.keep(16, 18)
    layer = first.build()
    assert layer.text == "a bold & c"
    second = TextBuilder(layer)
    second.keep(2, 10)  # "bold & c"
    mapped = second.build()
    assert mapped.text == "bold & c"
    assert mapped.offset_map.original_length == len(original)
    assert mapped.offset_map.to_original(0) == 4
    assert mapped.offset_map.to_original(5) == 11  # "&" was inserted for the entity
    assert mapped.offset_map.to_original(7) == 17
    assert mapped.inserted == (Span(5, 6),)
    assert_round_trip(original, mapped)


def test_original_span_never_swallows_removed_text() -> None:
    builder = TextBuilder("one XXX two")
    builder.keep(0, 4)
    builder.keep(8, 11)
    mapped = builder.build()
    assert mapped.offset_map.to_original_span(Span(0, 3)) == Span(0, 3)
    assert mapped.offset_map.to_original_span(Span(4, 7)) == Span(8, 11)


MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab Z.\n#*_[]()\\$&;`<>-é\u00a0\r")), max_size=80
)


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_markup_stripping_round_trips_on_any_text(text: str) -> None:
    assert_round_trip(text, strip_markup(text).mapped)


@settings(max_examples=200, deadline=None)
@given(MARKDOWNISH)
def test_normalised_text_round_trips_on_any_text(text: str) -> None:
    try:
        article = normalise(RawDocument(path="x.md", format="md", text=text))
    except EmptyInputError:
        return
    for i, char in enumerate(article.text):
        j = article.offset_map.to_original(i)
        # Inserted characters are whitespace (joins, paragraph breaks); all else is kept.
        assert text[j] == char or char.isspace(), (i, char, text[j])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_round_trip(corpus_dir: Path, name: str) -> None:
    original = (corpus_dir / "seeds" / name).read_text(encoding="utf-8")
    article = normalise(RawDocument(path=name, format="txt", text=original))
    assert article.original_text == original
    for i, char in enumerate(article.text):
        j = article.offset_map.to_original(i)
        # Inserted characters are whitespace (joins, paragraph breaks); all else is kept.
        assert original[j] == char or char.isspace(), (i, char, original[j])
    for sentence in article.sentences:
        span = article.offset_map.to_original_span(sentence)
        assert original[span.start] == article.text[sentence.start]
        assert original[span.end - 1] == article.text[sentence.end - 1]


def assert_maps_forward(article_text: str, original: str, offset_map) -> None:
    """Kept characters map back and forth to the same place; anchors run in text order."""
    assert list(offset_map.original) == sorted(offset_map.original)
    for i, char in enumerate(article_text):
        j = offset_map.to_original(i)
        if original[j] == char and not char.isspace():
            assert offset_map.to_normalised(j) == i, (i, j, char)


@settings(max_examples=200, deadline=None)
@given(MARKDOWNISH)
def test_to_normalised_inverts_to_original_on_any_text(text: str) -> None:
    try:
        article = normalise(RawDocument(path="x.md", format="md", text=text))
    except EmptyInputError:
        return
    assert_maps_forward(article.text, text, article.offset_map)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_maps_forward_from_original(corpus_dir: Path, name: str) -> None:
    original = (corpus_dir / "seeds" / name).read_text(encoding="utf-8")
    article = normalise(RawDocument(path=name, format="txt", text=original))
    assert_maps_forward(article.text, original, article.offset_map)
    # Removed text (the footer) maps to the next kept character, or the end.
    footer = original.index("To contact the WSWS") if "WSWS" in original else len(original)
    assert article.offset_map.to_normalised(footer) == len(article.text)
