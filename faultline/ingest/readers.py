"""Read inputs into RawDocuments: files, folders, JSONL, HTML, RSS/Atom feeds and stdin.

Readers yield either a ``RawDocument`` or the ``InputError`` that stopped one input, so a batch
keeps going past a bad file or a bad line and can report each failure by name.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from faultline.errors import InputError, MalformedRecordError, UnreadableInputError
from faultline.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_text
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


@dataclass(slots=True)
class ReadMeter:
    """Bytes of input read so far: how far through a 5 GB JSONL file an ingest is, for its
    progress bar and ETA (reading runs only a few batches ahead of storing)."""

    bytes_read: int = 0

    def counted(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        for line in lines:
            self.bytes_read += len(line)
            yield line


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
            yield UnreadableInputError("no such file or folder", source=path)


def _walk_folder(folder: Path) -> Iterator[str | InputError]:
    def on_error(exc: OSError) -> None:
        raise UnreadableInputError(f"cannot list folder: {exc.strerror}", source=str(folder))

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
    """
    meter = meter if meter is not None else ReadMeter()
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
            meter.bytes_read += len(data)
            yield from read_bytes(data, STDIN, max_bytes)
            return
        suffix = Path(path).suffix.lower()
        if suffix in JSONL_SUFFIXES:
            with _open(path) as handle:
                yield from read_jsonl(meter.counted(handle), path)
            return
        data = _read_bytes(path, max_bytes)
        meter.bytes_read += len(data)
        yield from _read_document(data, path, _format_for(suffix, data))
    except InputError as exc:
        yield exc


def read_bytes(data: bytes, source: str, max_bytes: int) -> Iterator[ReadResult]:
    """Articles in bytes that came with no file name (stdin, an upload): the format sniffed."""
    check_size(len(data), source, max_bytes)
    fmt = _sniff(data)
    if fmt == "jsonl":
        yield from read_jsonl(iter(data.splitlines(keepends=True)), source)
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


def read_jsonl(lines: Iterable[bytes], source: str) -> Iterator[ReadResult]:
    """One article per line; a bad line is reported by number and the rest still read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
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
        hints[name] = value or None
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


def _read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        check_size(size, path, max_bytes)
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise UnreadableInputError(f"cannot read: {exc.strerror}", source=path) from exc


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise UnreadableInputError(f"cannot read: {exc.strerror}", source=path) from exc


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
