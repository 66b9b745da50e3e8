"""Normalised ↔ original offsets round-trip for arbitrary text: random unicode, controls, BOMs,
RTL marks, whitespace runs and markup soup, through one builder, composed builders, markup
stripping and the whole normaliser."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.errors import InputError
from faultline.ingest.markup import strip_markup
from faultline.ingest.normalise import normalise
from faultline.ingest.offsets import MappedText, TextBuilder
from faultline.models import OffsetMap, RawDocument, Span

ODD = (
    "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufeff", "\u200e", "\u200f",
    "\u202e", "\u200b", "\u00ad", "\u00a0", "\u2028", "\u3000", "\r", "\r\n", "\t", "\u0301",
    "\U0001f4a5", "\U0010fffd",
)  # fmt: skip
MARKUP = (
    "**", "*", "_", "__", "`", "# ", "## x ##", "> ", ">> ", "- ", "* ", "[", "]", "(", ")",
    "![", "](", "[a](b)", "<http://x>", "\\", "\\$", "&amp;", "&lt;", "&#233;", "&nbsp;",
    "&bogus;", "<b>", "</p>", "<!-- c -->", "---", "[r]: http://x", "\n", "\n\n", "By ",
    "22 May 2024", "Share this", "Read more:",
)  # fmt: skip
WORDS = ("Rebels", "attacked", "Goma", "on", "Monday.", "The", "army", "said", "é", "中")

hostile_text = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
        st.sampled_from(ODD),
        st.sampled_from(MARKUP),
        st.sampled_from(WORDS).map(lambda w: w + " "),
        st.builds(lambda c, n: c * n, st.sampled_from(" \t\n\u00a0*#>"), st.integers(2, 60)),
    ),
    max_size=40,
).map("".join)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_maps_into(offset_map: OffsetMap, text: str, original: str) -> None:
    """Every offset maps inside the original, in order, and back again where it was kept."""
    assert offset_map.normalised_length == len(text)
    assert offset_map.original_length == len(original)
    previous = 0
    for i in range(len(text) + 1):
        j = offset_map.to_original(i)
        assert 0 <= j <= len(original)
        assert j >= previous, f"offset {i} maps to {j}, before {previous}"
        previous = j
    for j in range(len(original) + 1):
        assert 0 <= offset_map.to_normalised(j) <= len(text)


def assert_kept_round_trip(mapped: MappedText, original: str) -> None:
    """A kept character is the original character it maps to, and maps back to itself."""
    kept = mapped.kept_mask()
    for i, char in enumerate(mapped.text):
        if kept[i]:
            j = mapped.offset_map.to_original(i)
            assert original[j] == char, (i, j, char, original[j])
            assert mapped.offset_map.to_normalised(j) == i, (i, j)


# One builder step: keep the next n characters, skip n, or insert a few characters.
steps = st.lists(
    st.tuples(st.sampled_from(("keep", "skip", "insert")), st.integers(0, 8)), max_size=30
)


def build(source: str | MappedText, plan: list[tuple[str, int]]) -> MappedText:
    text = source.text if isinstance(source, MappedText) else source
    builder, pos = TextBuilder(source), 0
    for op, n in plan:
        if op == "keep":
            builder.keep(pos, min(pos + n, len(text)))
            pos = min(pos + n, len(text))
        elif op == "skip":
            pos = min(pos + n, len(text))
        else:
            builder.insert("+" * n, pos)
    builder.keep(pos, len(text))
    return builder.build()


@PROPERTY
@given(hostile_text, steps)
def test_one_builder_round_trips(original: str, plan: list[tuple[str, int]]) -> None:
    mapped = build(original, plan)
    assert_maps_into(mapped.offset_map, mapped.text, original)
    assert_kept_round_trip(mapped, original)
    for span in mapped.inserted:
        assert set(span.of(mapped.text)) == {"+"}


@PROPERTY
@given(hostile_text, st.lists(steps, min_size=2, max_size=4))
def test_composed_builders_round_trip_to_the_first_source(
    original: str, plans: list[list[tuple[str, int]]]
) -> None:
    mapped: str | MappedText = original
    for plan in plans:
        mapped = build(mapped, plan)
    assert isinstance(mapped, MappedText)
    assert_maps_into(mapped.offset_map, mapped.text, original)
    assert_kept_round_trip(mapped, original)


@PROPERTY
@given(hostile_text)
def test_markup_stripping_round_trips(original: str) -> None:
    mapped = strip_markup(original).mapped
    assert_maps_into(mapped.offset_map, mapped.text, original)
    assert_kept_round_trip(mapped, original)


@PROPERTY
@given(hostile_text, st.sampled_from(("txt", "md", "stdin")))
def test_normalised_article_round_trips(original: str, fmt: str) -> None:
    try:
        article = normalise(RawDocument(path="x", format=fmt, text=original))  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.source == "x"
        return
    offset_map = article.offset_map
    assert_maps_into(offset_map, article.text, original)
    for i, char in enumerate(article.text):
        j = offset_map.to_original(i)
        # Inserted characters stand for what they replace: a join or break for whitespace, an
        # entity's character for the entity; every other character is the original's.
        assert original[j : j + 1] == char or char.isspace() or original[j] == "&", (i, j, char)
        if original[j : j + 1] == char and not char.isspace():
            assert offset_map.to_normalised(j) == i
    for span in (*article.paragraphs, *article.sentences):
        assert_span_maps(offset_map.to_original_span(span), original)
        assert span.of(article.text).strip()
    for removed in article.boilerplate:
        assert removed.span.of(original) == removed.text
    if article.published.span is not None:
        assert article.published.span.of(original) == article.published.text


def assert_span_maps(span: Span, original: str) -> None:
    assert 0 <= span.start <= span.end <= len(original)
