"""Readers: every input shape becomes RawDocuments, every bad input one named error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faultline.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MalformedRecordError,
    NoArticleError,
    TooLargeError,
    UnreadableInputError,
)
from faultline.ingest.readers import expand_paths, read_path
from faultline.models import RawDocument

BODY = (
    "Soldiers seized the state broadcaster in the capital on Tuesday, a military spokesman "
    "said. Gunfire was heard near the presidential residence for several hours."
)


def read_all(path: Path | str, **kwargs) -> list[RawDocument | InputError]:
    return list(read_path(str(path), **kwargs))


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        pytest.param("a.txt", "txt", id="txt"),
        pytest.param("a.md", "md", id="markdown"),
        pytest.param("a.markdown", "md", id="markdown-long-suffix"),
    ],
)
def test_text_files_are_read_with_their_format(tmp_path, name, fmt):
    [doc] = read_all(write(tmp_path, name, f"Coup attempt foiled\n\n{BODY}\n"))
    assert isinstance(doc, RawDocument)
    assert doc.format == fmt
    assert BODY in doc.text


def test_latin1_file_is_decoded_not_rejected(tmp_path):
    text = "Les forces armées ont déclaré que la tentative de coup d'État a échoué. " * 3
    [doc] = read_all(write(tmp_path, "fr.txt", text.encode("latin-1")))
    assert isinstance(doc, RawDocument)
    assert "armées" in doc.text
    assert doc.encoding.replace("_", "").lower() in {"cp1252", "latin1", "iso88591"}


def test_utf16_with_bom_is_text(tmp_path):
    [doc] = read_all(write(tmp_path, "u16.txt", BODY.encode("utf-16")))
    assert isinstance(doc, RawDocument)
    assert doc.text.startswith("Soldiers seized")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        pytest.param(b"", EmptyInputError, id="empty"),
        pytest.param(b"  \n\n\t \n", EmptyInputError, id="whitespace-only"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), BinaryInputError, id="binary-png"
        ),
        pytest.param(bytes(range(256)) * 8, BinaryInputError, id="binary-noise"),
    ],
)
def test_bad_files_give_one_named_error(tmp_path, content, error):
    path = write(tmp_path, "bad.txt", content)
    [result] = read_all(path)
    assert isinstance(result, error)
    assert result.source == str(path)
    assert str(path) in str(result)


def test_oversized_file_is_refused_with_the_limit_named(tmp_path):
    path = write(tmp_path, "big.txt", "word " * 300_000)
    [result] = read_all(path, max_bytes=1_000_000)
    assert isinstance(result, TooLargeError)
    assert "1.0 MB limit" in str(result)


def test_missing_path_is_reported_not_raised():
    [result] = list(expand_paths(["/no/such/article.txt"]))
    assert isinstance(result, UnreadableInputError)
    assert "/no/such/article.txt" in str(result)


def test_unreadable_file_is_reported(tmp_path):
    path = write(tmp_path, "locked.txt", BODY)
    path.chmod(0)
    try:
        results = read_all(path)
    finally:
        path.chmod(0o644)
    if isinstance(results[0], RawDocument):
        pytest.skip("running as a user that ignores file permissions (root)")
    assert isinstance(results[0], UnreadableInputError)


def test_folders_are_walked_recursively_and_sorted(tmp_path):
    write(tmp_path, "b/two.md", BODY)
    write(tmp_path, "a/deeper/one.txt", BODY)
    write(tmp_path, "a/.hidden.txt", BODY)
    write(tmp_path, "a/picture.png", b"\x89PNG")
    write(tmp_path, ".git/config.txt", BODY)
    found = list(expand_paths([str(tmp_path)]))
    assert found == [str(tmp_path / "a/deeper/one.txt"), str(tmp_path / "b/two.md")]


def test_jsonl_reads_good_lines_and_names_bad_ones(tmp_path):
    lines = [
        json.dumps(
            {
                "text": BODY,
                "title": "Broadcaster seized",
                "author": "A. Writer",
                "published": "2024-05-20",
                "url": "https://news.example/a",
                "source": "news.example",
            }
        ),
        "{not json",
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": BODY, "title": 7}),
        json.dumps({"text": BODY}),
    ]
    path = write(tmp_path, "wire.jsonl", "\n".join(lines) + "\n")
    results = read_all(path)
    good = [r for r in results if isinstance(r, RawDocument)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert [g.record for g in good] == ["line 1", "line 7"]
    assert good[0].title_hint == "Broadcaster seized"
    assert good[0].published_hint == "2024-05-20"
    assert good[0].source_hint == "news.example"
    assert all(isinstance(b, MalformedRecordError) for b in bad)
    assert [b.source for b in bad] == [f"{path} (line {n})" for n in (2, 3, 4, 6)]


def test_html_page_gives_article_text_and_metadata(tmp_path):
    html = f"""<!doctype html><html><head><title>Broadcaster seized | News</title>
    <meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2025-02-21T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Broadcaster seized</h1><p>{BODY}</p>
    <p>Residents said the streets were quiet by evening and shops stayed closed.</p></article>
    <footer>Cookie settings · Privacy</footer></body></html>"""
    [doc] = read_all(write(tmp_path, "page.html", html))
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert doc.author_hint == "Jane Doe"
    assert doc.published_hint == "2025-02-21"
    assert BODY in doc.text
    assert "Cookie settings" not in doc.text
    assert "\n\nResidents said" in doc.text


def test_html_without_article_is_named(tmp_path):
    path = write(tmp_path, "empty.html", "<html><body><nav>Home</nav></body></html>")
    [result] = read_all(path)
    assert isinstance(result, NoArticleError)
    assert str(path) in str(result)


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>
<item><title>Protest in the capital</title><link>https://wire.example/1</link>
<author>desk@wire.example (Desk)</author><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{body}&lt;/p&gt;&lt;p&gt;Police fired tear gas.&lt;/p&gt;</description></item>
<item><title>Empty item</title><description></description></item>
</channel></rss>"""


def test_rss_entries_become_documents_and_empty_entries_errors(tmp_path):
    path = write(tmp_path, "wire.xml", RSS.format(body=BODY))
    first, second = read_all(path)
    assert isinstance(first, RawDocument)
    assert first.record == "entry 1"
    assert first.title_hint == "Protest in the capital"
    assert first.source_hint == "Sahel Wire"
    assert first.url == "https://wire.example/1"
    assert first.published_hint.startswith("Tue, 04 Mar 2025")
    assert first.text == f"{BODY}\n\nPolice fired tear gas."
    assert isinstance(second, NoArticleError)
    assert second.source == f"{path} (entry 2)"


def test_atom_feed(tmp_path):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Lakes Desk</title>
    <entry><title>Broadcaster seized</title><link href="https://lakes.example/x"/>
    <updated>2024-05-20T08:00:00Z</updated><author><name>Ana Lima</name></author>
    <content type="text">{BODY}</content></entry></feed>"""
    [doc] = read_all(write(tmp_path, "lakes.atom", atom))
    assert isinstance(doc, RawDocument)
    assert doc.author_hint == "Ana Lima"
    assert doc.text == BODY


def test_feed_with_no_entries_is_named(tmp_path):
    path = write(tmp_path, "broken.rss", "<rss><channel><title>x</title>")
    [result] = read_all(path)
    assert isinstance(result, NoArticleError)


def test_broken_symlink_is_named(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    [result] = list(expand_paths([str(link)]))
    assert isinstance(result, UnreadableInputError)


def test_directory_read_as_file_is_named(tmp_path):
    folder = tmp_path / "looks-like-a-file.txt"
    folder.mkdir()
    [result] = read_all(folder)
    assert isinstance(result, UnreadableInputError)
    assert "cannot read" in str(result)
