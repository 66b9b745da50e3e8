"""Hostile input to every reader: whatever the bytes, reading and normalising either give an
article or an ``InputError`` naming the input, never another exception.

Property tests (hypothesis) throw random bytes, random unicode, control characters, BOMs, RTL
marks, markup soup and JSON of every type at the readers; the fixed tests below them hold the
shapes that once crashed or hung, each with its minimal input.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.errors import (
    BinaryInputError,
    InputError,
    MalformedRecordError,
    NoArticleError,
    TooLargeError,
)
from faultline.ingest.decode import DEFAULT_MAX_BYTES, decode_text
from faultline.ingest.feeds import read_feed
from faultline.ingest.html import read_html
from faultline.ingest.normalise import MAX_ARTICLE_CHARS, normalise
from faultline.ingest.readers import ReadMeter, expand_paths, read_bytes, read_jsonl, read_path
from faultline.models import Article, RawDocument

SENTENCE = "Soldiers attacked the town of Goma on Monday, killing 12 people, officials said."
ODD = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe", "\u200e",
    "\u200f", "\u202e", "\u2067", "\u200b", "\u2060", "\u00a0", "\u2028", "\u2029", "\u3000",
    "\r", "\r\n", "\t", "\u0301", "\U0001f4a5", "\U000e0041", "\U0010fffd", "\uffff",
)  # fmt: skip
MARKUP = (
    "**", "*", "_", "`", "```", "# ", "> ", "- ", "1. ", "[", "]", "(", ")", "![", "](", "\\",
    "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<b>", "</p>", "<!--", "-->", "<br/>", "|", "---",
    "<", ">", "&", "\n", "\n\n", "By ", "22 May 2024", "Share this",
)  # fmt: skip
SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".xml", ".rss", ".atom", ".gz", "")

# Text from every plane (surrogates excluded: UTF-8 cannot carry them), interleaved with the
# characters and markup that break naive text handling.
hostile_text = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        st.sampled_from(ODD),
        st.sampled_from(MARKUP),
        st.just(SENTENCE),
        st.builds(lambda c, n: c * n, st.sampled_from(" \t\n\u00a0*[_<#>"), st.integers(1, 300)),
    ),
    max_size=25,
).map("".join)
encodings = st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"))
# Bytes that start the way each sniffed format starts, then anything.
sniffed_bytes = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from((b"", b"<rss>", b"<feed>", b"<?xml ", b"<html>", b"{", b"\xef\xbb\xbf", b"PK")),
    st.binary(max_size=600),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ("text", "title", "author", "published", "url", "source")
jsonl_records = st.dictionaries(
    st.sampled_from(FIELDS), json_values | hostile_text, max_size=6
).map(lambda record: json.dumps(record).encode())
jsonl_lines = st.one_of(
    jsonl_records,
    json_values.map(lambda value: json.dumps(value).encode()),  # not an object
    st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b),
)

HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cpu_seconds() -> float:
    """CPU time of this process: a bound on it holds on a busy machine, wall time does not."""
    return time.process_time()


def assert_clear(results: Iterable[RawDocument | InputError]) -> list[Article]:
    """Every result is a RawDocument that normalises (or fails with a named InputError), or an
    InputError naming its input; returns the articles."""
    articles = []
    for result in results:
        if isinstance(result, InputError):
            assert result.source, f"error names no input: {result!r}"
            continue
        assert isinstance(result, RawDocument)
        try:
            article = normalise(result)
        except InputError as exc:
            assert exc.source, f"error names no input: {exc!r}"
            continue
        # No lone surrogates: the article id hashes UTF-8 and the store writes it.
        for value in (article.text, article.title, article.author, article.source, article.path):
            (value or "").encode("utf-8")
        articles.append(article)
    return articles


def read_file(data: bytes, suffix: str) -> list[Article]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return assert_clear(read_path(str(path)))


# --- properties -------------------------------------------------------------------------------


@HOSTILE
@given(st.binary(max_size=2000))
def test_decode_text_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_text(data, "x.txt")
    except InputError as exc:
        assert exc.source == "x.txt"
        return
    assert "\x00" not in text and encoding
    text.encode("utf-8")


@HOSTILE
@given(hostile_text, encodings, st.sampled_from(SUFFIXES))
def test_any_text_in_any_encoding_under_any_suffix(text: str, encoding: str, suffix: str) -> None:
    read_file(text.encode(encoding, "replace"), suffix)


@HOSTILE
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_random_bytes_under_any_suffix(data: bytes, suffix: str) -> None:
    read_file(data, suffix)


@HOSTILE
@given(sniffed_bytes)
def test_stdin_bytes_sniffed_as_any_format(data: bytes) -> None:
    try:
        assert_clear(read_bytes(data, "-", DEFAULT_MAX_BYTES))
    except InputError as exc:  # a size or compression refusal comes before any reader
        assert exc.source == "-"


@HOSTILE
@given(st.lists(jsonl_lines, min_size=1, max_size=6))
def test_jsonl_records_of_any_type(lines: list[bytes]) -> None:
    results = list(read_jsonl(iter(line + b"\n" for line in lines), "in.jsonl"))
    assert len(results) <= len(lines)
    for result in results:
        if isinstance(result, InputError):
            assert result.source is not None and result.source.startswith("in.jsonl (line ")
    assert_clear(results)


@HOSTILE
@given(st.sampled_from(FIELDS[1:]), json_values.filter(lambda v: not isinstance(v, str | None)))
def test_jsonl_field_of_the_wrong_type_names_the_field_and_line(field: str, value: object) -> None:
    line = json.dumps({"text": SENTENCE, field: value}).encode()
    [result] = read_jsonl([b"\n", line], "in.jsonl")
    assert isinstance(result, MalformedRecordError)
    assert result.source == "in.jsonl (line 2)"
    assert f'"{field}" must be a string' in result.message


html_tags = st.sampled_from(("div", "p", "b", "i", "table", "td", "li", "span", "script", "a"))
html_soup = st.lists(
    st.one_of(
        html_tags.map(lambda t: f"<{t}>"),
        html_tags.map(lambda t: f"</{t}>"),
        st.sampled_from(('<a href="', "<!--", "-->", "&amp;", "&#xffffffff;", "<", "<p class=")),
        hostile_text,
        st.just(SENTENCE),
    ),
    max_size=40,
).map("".join)


@HOSTILE
@given(html_soup)
def test_broken_html_gives_an_article_or_no_article(html: str) -> None:
    try:
        raw = read_html(("<html><body>" + html).encode(), "page.html")
    except InputError as exc:
        assert exc.source == "page.html"
        return
    assert_clear([raw])


feed_items = st.lists(
    st.fixed_dictionaries(
        {
            "title": hostile_text,
            "description": st.one_of(hostile_text, html_soup, st.just(SENTENCE)),
            "link": st.sampled_from(("http://x.example/a", "http://[::1", "", "javascript:x()")),
            "pubDate": st.sampled_from(("Thu, 99 Foo 99999", "0001-01-01", "", "yesterday")),
        }
    ),
    max_size=4,
)


def rss(items: list[dict[str, str]]) -> bytes:
    from xml.sax.saxutils import escape

    body = "".join(
        "<item>" + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in item.items()) + "</item>"
        for item in items
    )
    return f'<?xml version="1.0"?><rss><channel><title>S</title>{body}</channel></rss>'.encode(
        "utf-8", "replace"
    )


@HOSTILE
@given(feed_items, st.integers(0, 400))
def test_feeds_with_hostile_entries_and_cut_anywhere(items: list[dict[str, str]], cut: int) -> None:
    data = rss(items)
    assert_clear(read_feed(data, "feed.xml"))
    assert_clear(read_feed(data[: len(data) * cut // 400], "feed.xml"))


# --- fixed shapes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("> " * 1000 + SENTENCE, id="quotes"),
        pytest.param("\n".join("  " * i + "- " + SENTENCE for i in range(1000)), id="lists"),
        pytest.param("**_" * 1000 + SENTENCE + "_**" * 1000, id="emphasis"),
        pytest.param("[" * 1000 + SENTENCE + "](http://x)" * 1000, id="links"),
        pytest.param("<div>" * 5000 + SENTENCE, id="html-tags-in-markdown"),
    ],
)
def test_markdown_nested_1000_deep_is_read_in_time(text: str) -> None:
    started = cpu_seconds()
    [article] = read_file(f"Heading\n\n{text}\n".encode(), ".md")
    assert cpu_seconds() - started < 20
    assert "Goma" in article.text


@pytest.mark.parametrize("char", [" ", "\t", "\r", "\u00a0"])
def test_a_long_run_of_spaces_before_a_word_is_linear(char: str) -> None:
    """Regression: the trailing-space rule rescanned the run from each of its characters, so
    100,000 spaces before a word took over a minute (now well under a second)."""
    started = cpu_seconds()
    [article] = read_file(f"Title\n\n{SENTENCE}\n\n{char * 100_000}x {SENTENCE}".encode(), ".txt")
    assert cpu_seconds() - started < 8
    assert article.text.count("Goma") == 2


def test_html_nested_5000_deep_is_no_article_or_an_article() -> None:
    for html in ("<div>" * 5000 + SENTENCE * 3, "<p>" + SENTENCE * 3 + "</b>" * 5000):
        assert_clear(read_path_of(html.encode(), ".html"))


def read_path_of(data: bytes, suffix: str) -> list[RawDocument | InputError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_path(str(path)))


def test_a_10_mb_single_line_of_text_is_too_large() -> None:
    [error] = read_path_of(b"x" * (10 * 1024 * 1024), ".txt")
    assert isinstance(error, TooLargeError) and "limit" in error.message


def test_a_10_mb_jsonl_line_is_too_large_and_the_next_line_is_read() -> None:
    """Regression: JSONL lines had no size limit, so one 10 MB record reached the NLP, which
    refuses texts over 1,000,000 characters (an ExtractionError, "a bug to report")."""
    huge = json.dumps({"text": SENTENCE * (10 * 1024 * 1024 // len(SENTENCE))}).encode()
    good = json.dumps({"text": f"Report\n\n{SENTENCE}"}).encode()
    error, raw = read_path_of(huge + b"\n" + good + b"\n", ".jsonl")
    assert isinstance(error, TooLargeError)
    assert error.source is not None and error.source.endswith("(line 1)")
    assert isinstance(raw, RawDocument) and raw.record == "line 2"


def test_a_jsonl_line_over_the_limit_is_skipped_without_reading_it_whole() -> None:
    meter = ReadMeter()
    handle = io.BufferedReader(io.BytesIO(b"a" * 5000 + b"\n" + b'{"text": "ok ok"}\n' + b"b" * 7))
    lines = list(meter.lines(handle, 100, "in.jsonl"))
    assert [len(line) for line in lines] == [101, 18, 7]  # the long line cut after 101 bytes
    assert meter.bytes_read == 5000 + 1 + 18 + 7
    results = list(read_jsonl(lines, "in.jsonl", max_bytes=100))
    assert isinstance(results[0], TooLargeError) and isinstance(results[1], RawDocument)


def test_article_text_over_the_nlp_limit_is_too_large() -> None:
    """spaCy refuses a document over 1,000,000 characters; the input is refused first, by
    name, rather than failing inside the parser."""
    text = "Title\n\n" + "Troops moved. " * (MAX_ARTICLE_CHARS // 14 + 10)
    with pytest.raises(TooLargeError, match="NLP") as caught:
        normalise(RawDocument(path="big.txt", format="txt", text=text))
    assert caught.value.source == "big.txt"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="arrays"),
        pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, id="objects"),
    ],
)
def test_jsonl_nested_100000_deep_is_a_malformed_record(line: bytes) -> None:
    """Regression: json.loads raised RecursionError, which ended the whole ingest."""
    [error] = read_jsonl([line], "deep.jsonl")
    assert isinstance(error, MalformedRecordError)
    assert error.source == "deep.jsonl (line 1)" and "nested too deeply" in error.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"text": 5}', '"text" must be a non-empty string'),
        (b'{"text": ["a"]}', '"text" must be a non-empty string'),
        (b'{"text": null}', '"text" must be a non-empty string'),
        (b'{"text": {"a": 1}}', '"text" must be a non-empty string'),
        (b'{"title": "no text"}', '"text" must be a non-empty string'),
        (b'{"text": "x", "published": 20240101}', '"published" must be a string'),
        (b"[1, 2]", "expected a JSON object per line"),
        (b"null", "expected a JSON object per line"),
        (b'{"text": "caf\xe9"}', "not valid JSON"),
        (b'{"text": NaN}', '"text" must be a non-empty string'),
    ],
)
def test_jsonl_wrong_types_each_name_their_problem(line: bytes, message: str) -> None:
    [error] = read_jsonl([line], "w.jsonl")
    assert isinstance(error, MalformedRecordError)
    assert error.source == "w.jsonl (line 1)" and message in error.message


def test_jsonl_lone_surrogates_become_replacement_characters() -> None:
    """Regression: JSON's \\ud800 escape gave a str no encoding can write, and the article id
    (a hash of its UTF-8) raised UnicodeEncodeError."""
    line = b'{"text": "Report\\n\\nRebels \\ud800 attacked Goma.", "title": "T \\udfff\\u0000"}'
    [raw] = read_jsonl([line], "s.jsonl")
    assert isinstance(raw, RawDocument)
    assert raw.text == "Report\n\nRebels \ufffd attacked Goma." and raw.title_hint == "T \ufffd"
    assert normalise(raw).text.endswith("Rebels \ufffd attacked Goma.")


@pytest.mark.parametrize("url", ["http://[::1", "http://[not-an-ip]/x", "https://[::1/"])
def test_a_url_urllib_cannot_split_is_kept_without_a_host(url: str) -> None:
    """Regression: the source fell back to the URL's host, and urlsplit raised ValueError."""
    line = json.dumps({"text": f"Report\n\n{SENTENCE}", "url": url}).encode()
    [raw] = read_jsonl([line], "u.jsonl")
    article = normalise(raw)  # type: ignore[arg-type]
    assert article.url == url and article.source is None


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "31 December 9999"])
def test_a_publication_date_no_report_has_is_missing(published: str) -> None:
    """Regression: a feed's "9999-12-31" became the anchor of relative dates, and "yesterday"
    or a search window a day later overflowed Python's calendar."""
    raw = RawDocument(path="d.jsonl", format="jsonl", text=f"Report\n\n{SENTENCE}")
    article = normalise(RawDocument(**{**raw_fields(raw), "published_hint": published}))
    assert article.published.year is None and article.published.method == "missing"


def raw_fields(raw: RawDocument) -> dict[str, object]:
    return {name: getattr(raw, name) for name in raw.__dataclass_fields__}


def test_file_names_not_utf8_or_with_control_characters_are_named_printably(
    tmp_path: Path,
) -> None:
    """Regression: a file name that is not UTF-8 reached the store as lone surrogates, and
    SQLite's UnicodeEncodeError ended the whole ingest with a traceback."""
    (Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt"))).write_text(f"T\n\n{SENTENCE}")
    (tmp_path / "new\nline.txt").write_text(" \n")
    found = sorted(str(p) for p in expand_paths([str(tmp_path)]))
    results = [r for path in found for r in read_path(path)]
    names = sorted(r.path if isinstance(r, RawDocument) else str(r.source) for r in results)
    assert names == [f"{tmp_path}/caf\ufffd.txt", f"{tmp_path}/new\\x0aline.txt"]
    assert_clear(results)


def test_a_feed_file_holding_a_path_is_not_read_as_that_path(tmp_path: Path) -> None:
    """Regression: feedparser opens bytes it can use as a file name, so a feed file whose
    content was a path read the file at that path instead (any local file)."""
    real = tmp_path / "real.xml"
    real.write_bytes(rss([{"title": "T", "description": SENTENCE}]))
    assert len(list(read_feed(real.read_bytes(), "real.xml"))) == 1
    [error] = read_feed(str(real).encode(), "pointer.xml")
    assert isinstance(error, NoArticleError) and error.source == "pointer.xml"


def test_feed_entities_are_not_expanded_from_files_or_without_bound() -> None:
    local = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b"<rss><channel><item><description>&x; " + SENTENCE.encode() + b"</description></item>"
        b"</channel></rss>"
    )
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">'.encode()
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"]><rss><channel><item><description>&i;</description></item></channel></rss>"
    )
    hostname = Path("/etc/hostname")
    secret = hostname.read_text().strip() if hostname.is_file() else None
    for data in (local, laughs):
        started = cpu_seconds()
        for article in assert_clear(read_feed(data, "feed.xml")):
            assert len(article.text) < 10_000
            assert not secret or secret not in article.text
        assert cpu_seconds() - started < 10


BOMB_INNER = b"<rss>" + b"a" * (20 * 1024 * 1024)


@functools.cache
def bomb(kind: str, inner: bytes) -> bytes:
    if kind == "gzip":
        return gzip.compress(inner, compresslevel=9)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", inner)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["gzip", "zip"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".xml", ".gz", ""])
def test_compressed_input_is_refused_unopened(kind: str, suffix: str) -> None:
    """No reader inflates anything: a 20 MB bomb in 20 KB is refused by name, at once."""
    data = bomb(kind, BOMB_INNER)
    assert len(data) < 100_000
    started = cpu_seconds()
    [error] = read_path_of(data, suffix)
    assert cpu_seconds() - started < 1
    assert isinstance(error, BinaryInputError)
    assert f"{kind}-compressed" in error.message and "decompress it first" in error.message


def test_compressed_stdin_is_refused() -> None:
    with pytest.raises(BinaryInputError, match="gzip-compressed"):
        list(read_bytes(bomb("gzip", b"x" * 100_000), "-", DEFAULT_MAX_BYTES))


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff\ufeff\u202eTitle\u202c\n\nRebels \u200fattacked\u200e Goma.\x00\x1b",
        "Title\r\rRebels\u2028attacked\u2029Goma.\x0b\x0c\x85",
        "\u0301\u0301Title\n\n" + "\U0001f4a5" * 50 + " Rebels attacked Goma.",
    ],
)
def test_control_characters_boms_and_rtl_marks(text: str) -> None:
    articles = read_file(text.encode(), ".txt")
    assert all("Goma" in a.text for a in articles)
