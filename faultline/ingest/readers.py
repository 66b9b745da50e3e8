"""Read inputs into RawDocuments: files, folders, JSONL, HTML, RSS/Atom feeds and stdin.

Readers yield either a ``RawDocument`` or the ``InputError`` that stopped one input, so a batch
keeps going past a bad file or a bad line and can report each failure by name.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from faultline.errors import InputError, MalformedRecordError, TooLargeError, UnreadableInputError
from faultline.ingest.decode import (
    DEFAULT_MAX_BYTES,
    check_not_compressed,
    check_size,
    decode_text,
    megabytes,
)
from faultline.ingest.feeds import read_feed
from faultline.ingest.html import read_html
from faultline.models import InputFormat, RawDocument

STDIN = "-"
TEXT_SUFFIXES: dict[str, InputFormat] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = set(TEXT_SUFFIXES) | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("title", "author", "published", "url", "source")

ReadResult = RawDocument | InputError
_SKIP_CHUNK = 1024 * 1024
_MAGIC_BYTES = 16  # enough for every compressed format's magic number
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(slots=True)
class ReadMeter:
    """Bytes of input read so far: how far through a 5 GB JSONL file an ingest is, for its
    progress bar and ETA (reading runs only a few batches ahead of storing)."""

    bytes_read: int = 0

    def lines(self, handle: BinaryIO, max_bytes: int, source: str) -> Iterator[bytes]:
        """The lines of ``handle``, none longer than ``max_bytes + 1`` bytes: a longer line is
        cut there and the rest of it skipped unread into memory, so a 5 GB file with no newline
        costs one article's worth of memory (``read_jsonl`` refuses the cut line)."""
        try:
            while line := handle.readline(max_bytes + 1):
                self.bytes_read += len(line)
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    self._skip_rest_of_line(handle)
                yield line
        except OSError as exc:
            raise UnreadableInputError(f"cannot read: {exc.strerror}", source=source) from exc

    def _skip_rest_of_line(self, handle: BinaryIO) -> None:
        while chunk := handle.readline(_SKIP_CHUNK):
            self.bytes_read += len(chunk)
            if chunk.endswith(b"\n"):
                return


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files named directly, and every known article file below named folders, sorted."""
    for path in paths:
        if path == STDIN:
            yield STDIN
            continue
        p = Path(path)
        if p.is_dir():
            yield from _walk_folder(p)
        elif p.exists():
            yield str(p)
        else:
            yield UnreadableInputError("no such file or folder", source=display_name(path))


def _walk_folder(folder: Path) -> Iterator[str | InputError]:
    def on_error(exc: OSError) -> None:
        raise UnreadableInputError(
            f"cannot list folder: {exc.strerror}", source=display_name(str(folder))
        )

    found: list[str] = []
    try:
        for root, dirs, files in os.walk(folder, onerror=on_error):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(
                os.path.join(root, f)
                for f in files
                if not f.startswith(".") and Path(f).suffix.lower() in KNOWN_SUFFIXES
            )
    except UnreadableInputError as exc:
        yield exc
    yield from sorted(found)


def read_path(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, meter: ReadMeter | None = None
) -> Iterator[ReadResult]:
    """Every article in one file (several for JSONL and feeds), or the error for each.

    JSONL is read a line at a time, so a file of any size streams; ``meter`` counts the bytes.
    Articles and errors name the file by :func:`display_name`.
    """
    meter = meter if meter is not None else ReadMeter()
    name = display_name(path)
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            meter.bytes_read += len(data)
            yield from read_bytes(data, STDIN, max_bytes)
            return
        suffix = Path(path).suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with _open(path, name) as handle:
                check_not_compressed(_peek(handle, name), name)
                yield from read_jsonl(meter.lines(handle, max_bytes, name), name, max_bytes)
            return
        data = _read_bytes(path, name, max_bytes)
        meter.bytes_read += len(data)
        check_not_compressed(data[:_MAGIC_BYTES], name)
        yield from _read_document(data, name, _format_for(suffix, data))
    except InputError as exc:
        yield exc


def display_name(path: str) -> str:
    """``path`` as text that can be printed and stored: the bytes of a file name that is not
    UTF-8 reach Python as lone surrogates (which no encoding writes), so each becomes U+FFFD;
    control characters (a newline in a name) are escaped, so an error stays on one line."""
    if path.isprintable():
        return path
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", _without_surrogates(path))


def read_bytes(data: bytes, source: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles in bytes that came with no file name (stdin, an upload): the format sniffed."""
    check_size(len(data), source, max_bytes)
    check_not_compressed(data[:_MAGIC_BYTES], source)
    fmt = _sniff(data)
    if fmt == "jsonl":
        yield from read_jsonl(iter(data.splitlines(keepends=True)), source, max_bytes)
    else:
        yield from _read_document(data, source, "stdin" if fmt in ("txt", "md") else fmt)


def _read_document(data: bytes, source: str, fmt: InputFormat | str) -> Iterator[ReadResult]:
    if fmt == "html":
        yield read_html(data, source)
    elif fmt == "feed":
        yield from read_feed(data, source)
    else:
        text, encoding = decode_text(data, source)
        yield RawDocument(path=source, format=_text_format(fmt), text=text, encoding=encoding)


def read_jsonl(
    lines: Iterable[bytes], source: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """One article per line; a bad line is reported by number and the rest still read.

    A line over ``max_bytes`` is one article over the size limit, refused like a file would be.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if len(line.rstrip(b"\r\n")) > max_bytes:
                raise TooLargeError(
                    f"the line is over the {megabytes(max_bytes)} limit for one article "
                    "(raise it with --max-bytes)",
                    source=f"{source} (line {number})",
                )
            yield _jsonl_record(line, source, number)
        except InputError as exc:
            yield exc


def _jsonl_record(line: bytes, source: str, number: int) -> RawDocument:
    where = f"line {number}"
    location = f"{source} ({where})"
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedRecordError(f"not valid JSON: {exc}", source=location) from exc
    except RecursionError as exc:  # the json module recurses once per level of nesting
        raise MalformedRecordError("JSON nested too deeply", source=location) from exc
    if not isinstance(record, dict):
        raise MalformedRecordError("expected a JSON object per line", source=location)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedRecordError('"text" must be a non-empty string', source=location)
    hints = {}
    for name in JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise MalformedRecordError(f'"{name}" must be a string', source=location)
        # PostgreSQL refuses NUL in text columns; the text's own are dropped by normalise.
        hints[name] = _without_surrogates(value).replace("\x00", "") if value else None
    text = _without_surrogates(text)
    return RawDocument(
        path=source,
        format="jsonl",
        text=text,
        record=where,
        title_hint=hints["title"],
        author_hint=hints["author"],
        published_hint=hints["published"],
        url=hints["url"],
        source_hint=hints["source"],
    )


def _without_surrogates(value: str) -> str:
    """JSON's ``\\ud800`` escapes decode to lone surrogates, which no encoding can write (the
    article id hashes UTF-8, the store writes it): each becomes U+FFFD, one character for one,
    so offsets into the text stay put."""
    if value.isascii():
        return value
    return _SURROGATE.sub("\ufffd", value)


def _read_bytes(path: str, name: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        check_size(size, name, max_bytes)
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UnreadableInputError(f"cannot read: {exc.strerror}", source=name) from exc


def _open(path: str, name: str) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise UnreadableInputError(f"cannot read: {exc.strerror}", source=name) from exc


def _peek(handle: io.BufferedReader, name: str) -> bytes:
    """The first bytes of a stream, left unread (a pipe cannot seek back)."""
    try:
        return handle.peek(_MAGIC_BYTES)[:_MAGIC_BYTES]
    except OSError as exc:
        raise UnreadableInputError(f"cannot read: {exc.strerror}", source=name) from exc


def _format_for(suffix: str, data: bytes) -> InputFormat | str:
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return _sniff(data)


def _sniff(data: bytes) -> str:
    """Guess the format of an input whose name does not say (stdin, unknown suffix)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "txt"


def _text_format(fmt: InputFormat | str) -> InputFormat:
    return fmt if fmt in ("txt", "md", "stdin") else "txt"  # type: ignore[return-value]
