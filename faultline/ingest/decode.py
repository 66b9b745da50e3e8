"""Bytes to text: size limits, binary sniffing and encoding detection."""

from __future__ import annotations

import re

import charset_normalizer

from faultline.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

# One news article is a few KB; 5 MB of text is already a book. Bigger inputs are refused with a
# clear message rather than slowly normalised (multi-article JSONL/feeds are streamed instead).
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_SNIFF_BYTES = 8192
_WESTERN = "cp1252"
# Control bytes that never occur in text (NUL, and the C0 range minus tab/newline/CR/FF/ESC).
_BINARY_BYTES = bytes(set(range(0, 32)) - {9, 10, 12, 13, 27})


# Magic numbers of the compressed formats dumps and feeds arrive in. Nothing here inflates them
# (a 20 KB gzip file can hold 20 GB of text): they are refused by name, with what to do.
_COMPRESSED = (
    (re.compile(rb"\x1f\x8b"), "gzip"),
    (re.compile(rb"PK\x03\x04"), "zip"),
    (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2"),
    (re.compile(rb"\xfd7zXZ\x00"), "xz"),
    (re.compile(rb"\x28\xb5\x2f\xfd"), "zstd"),
    (re.compile(rb"7z\xbc\xaf\x27\x1c"), "7z"),
)


def check_not_compressed(head: bytes, source: str) -> None:
    """Refuse compressed data (``head``: the input's first bytes) before any reader sees it."""
    for magic, name in _COMPRESSED:
        if magic.match(head):
            raise BinaryInputError(
                f"{name}-compressed data: compressed inputs are not read (decompress it first)",
                source=source,
            )


def check_size(size: int, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    if size > max_bytes:
        raise TooLargeError(
            f"{megabytes(size)} is over the {megabytes(max_bytes)} limit for one article "
            "(raise it with --max-bytes, or split the input into JSONL lines)",
            source=source,
        )


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 first, then as the detected encoding. Returns (text, encoding)."""
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise BinaryInputError("looks like binary data, not text", source=source)
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        guess = _best_guess(data)
        if guess is None:
            raise EncodingError(
                "not UTF-8 and no text encoding could be detected", source=source
            ) from None
        text, encoding = guess
    # A stray NUL past the sniffed head is noise, and PostgreSQL refuses it in text columns.
    return text.replace("\x00", ""), encoding


def _best_guess(data: bytes) -> tuple[str, str] | None:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    # Short Western text decodes identically in several single-byte code pages; our press is
    # English, French and Portuguese, so Windows-1252 is the name reported for that text.
    if best.encoding != _WESTERN and _decodes_same(data, _WESTERN, str(best)):
        return str(best), _WESTERN
    return str(best), best.encoding


def _decodes_same(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        # UTF-16 text has NULs too; a BOM says it is text.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(head.count(bytes([b])) for b in _BINARY_BYTES)
    return controls > max(8, len(head) // 100)


def megabytes(size: int) -> str:
    """``size`` bytes in MB with one decimal, as size-limit messages print it."""
    return f"{size / (1024 * 1024):.1f} MB"
