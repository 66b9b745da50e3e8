"""Hostile inputs for the ingest path, generated from a seed: the shapes real feeds and scrapers
send when something upstream breaks, and the ones an attacker would try.

    from hostile_inputs import HostileInputs
    for sample in HostileInputs(seed=7).samples(): ...   # endless; Sample(shape, name, data)

Shapes: our own articles (``demo/articles``, ``tests/link/corpus``) mutated at the byte and the
character level; random bytes; random unicode from every plane (no lone surrogates: UTF-8 cannot
carry them); odd characters (controls, NULs, BOMs, RTL marks; in file names too); huge
whitespace runs; Markdown nested up to 1000 deep; broken, unclosed and deeply nested HTML; JSONL
with wrong types, non-object lines, invalid UTF-8 and deep nesting; calendar and number words at
their limits; RSS/Atom with broken entries, entity expansion and local-file entities; gzip and
zip bombs under every suffix; and, rarely, a 10 MB single line of text or of JSONL. Every sample
is bytes with a file name whose suffix picks the reader, so the fuzz target writes it to disk and
reads it as ``faultline ingest`` would.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_FOLDERS = (REPO / "demo" / "articles", REPO / "tests" / "link" / "corpus")
SEED_SUFFIXES = {".md", ".txt", ".html", ".jsonl", ".xml"}
SUFFIXES = (".txt", ".md", ".html", ".jsonl", ".xml", ".rss", ".atom", ".gz", ".zip", "")

# Characters that break naive text handling: controls, NUL, BOMs, bidi controls, zero-widths,
# odd spaces and line separators, combining marks, and characters outside the BMP.
ODD_CHARS = (
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",
    "\u200b", "\u200c", "\u200d", "\u2060", "\u00a0", "\u2028", "\u2029", "\u3000", "\r", "\t",
    "\u0301", "\u0336", "\U0001f4a5", "\U0001d54f", "\U000e0041", "\U0010fffd", "\ufdd0", "\uffff",
)  # fmt: skip
MARKUP_TOKENS = (
    "**", "*", "_", "__", "`", "```", "#", "> ", "- ", "1. ", "[", "]", "(", ")", "![", "](",
    "\\", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "<b>", "</b>", "<!--", "-->", "<p>", "<br/>",
    "|", "---", "===", "<", ">", "&", "http://[::1", "$", "\\$",
)  # fmt: skip
# Words that time, number and date rules read, for sentences at the edges of the calendar and of
# float range ("past 99999999999999999999 months", "a day after 31 December 9999").
EDGE_WORDS = (
    "9999", "99999", "0", "0000", "1", "31", "February", "30", "29", "years", "ago", "last",
    "next", "since", "in", "the", "1990s", "0s", "9990s", "week", "of", "between", "and", "-",
    "Monday", "early", "late", "mid", "winter", "days", "after", "before", "decade", "century",
    "month", "months", "past", "then", "1e400", "1e308", "999999999999999999999", "10000",
    "-1", "12:00", "2024-13-45", "2024-02-30", "9999-12-31", "0001-01-01", "weekend",
    "yesterday", "tomorrow", "hundred", "thousand", "billion", "dozens", "tens", "several",
    "half", "a", "twenty-five", "1,000,000,000,000,000,000", "3bn", "½", "٣", "²", "Ⅻ",
    "killed", "people", "soldiers", "were", "arrested", "fled", "$", "%", "Goma", "Mali",
)  # fmt: skip
EDGE_DATES = ("0001-01-01", "9999-12-31", "1-1-1", "Mon, 01 Jan 0001 00:00:00 +0000",
              "Fri, 31 Dec 9999 23:59:59 -1200", "9999", "0001-01", "31 December 9999")  # fmt: skip
SENTENCES = (
    "Soldiers attacked the town of Goma on Monday, killing 12 people, officials said.",
    "Rebels seized the airport at dawn and the army withdrew, a spokesman said.",
    "Police arrested 40 protesters in Kinshasa on 3 May 2024.",
    "The junta dissolved parliament and suspended the constitution last week.",
    "More than 2,000 people fled the fighting near Beni, the UN said on Friday.",
)


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated input: which generator made it, a file name and the bytes."""

    shape: str
    name: str
    data: bytes


def seed_files() -> list[Path]:
    """Our own articles, every format, as mutation seeds."""
    found = [
        p
        for folder in SEED_FOLDERS
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in SEED_SUFFIXES
    ]
    if not found:
        raise SystemExit(f"no seed articles under {', '.join(map(str, SEED_FOLDERS))}")
    return found


@functools.cache
def _bomb(kind: str, unit: bytes) -> bytes:
    """20 MB of ``unit`` compressed (about a second's work, so made once per kind and unit)."""
    inner = unit * (20 * 1024 * 1024 // len(unit))
    if kind == "gzip":
        return gzip.compress(inner, compresslevel=9, mtime=0)  # mtime 0: the same bytes
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo("article.txt", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(entry, inner, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


class HostileInputs:
    """An endless, seeded stream of hostile samples (the same seed, the same stream)."""

    def __init__(self, seed: int = 0, *, huge_every: int = 400) -> None:
        self.rng = random.Random(seed)
        self.seeds = [(p.name, p.read_bytes()) for p in seed_files()]
        # The 10 MB shapes cost a second or two each, so they come round about every
        # ``huge_every`` samples rather than at the weight of the cheap ones.
        self.huge_every = huge_every
        self._count = 0
        self.generators: dict[str, tuple[int, Callable[[], Sample]]] = {
            "mutated article": (30, self.mutated_article),
            "spliced articles": (6, self.spliced_articles),
            "random bytes": (6, self.random_bytes),
            "random unicode": (8, self.random_unicode),
            "odd characters": (8, self.odd_characters),
            "whitespace runs": (4, self.whitespace_runs),
            "nested markdown": (6, self.nested_markdown),
            "broken html": (8, self.broken_html),
            "jsonl wrong types": (10, self.jsonl_wrong_types),
            "edge dates and numbers": (8, self.edge_dates_and_numbers),
            "broken feed": (8, self.broken_feed),
            "compression bomb": (3, self.compression_bomb),
        }

    def samples(self) -> Iterator[Sample]:
        names = list(self.generators)
        weights = [self.generators[n][0] for n in names]
        while True:
            self._count += 1
            if self.huge_every and self._count % self.huge_every == 0:
                yield self.huge_line()
                continue
            name = self.rng.choices(names, weights)[0]
            yield self.generators[name][1]()

    # --- our articles, mutated ------------------------------------------------------------

    def mutated_article(self) -> Sample:
        name, data = self.rng.choice(self.seeds)
        if self.rng.random() < 0.5:
            data = self._mutate_bytes(data)
        else:
            data = self._mutate_text(data.decode("utf-8", "replace")).encode("utf-8")
        return Sample("mutated article", self._maybe_renamed(name), data)

    def spliced_articles(self) -> Sample:
        (a_name, a), (_, b) = self.rng.choice(self.seeds), self.rng.choice(self.seeds)
        cut_a, cut_b = self.rng.randrange(len(a) + 1), self.rng.randrange(len(b) + 1)
        return Sample("spliced articles", self._maybe_renamed(a_name), a[:cut_a] + b[cut_b:])

    def _maybe_renamed(self, name: str) -> str:
        """Mostly the seed's own suffix; sometimes another, so a feed is read as Markdown."""
        stem = Path(name).stem
        if self.rng.random() < 0.15:
            return stem + self.rng.choice(SUFFIXES)
        return name

    def _mutate_bytes(self, data: bytes) -> bytes:
        buf = bytearray(data)
        for _ in range(self.rng.randint(1, 8)):
            pos = self.rng.randrange(len(buf) + 1)
            op = self.rng.randrange(5)
            if op == 0 and buf:  # flip a byte
                buf[min(pos, len(buf) - 1)] = self.rng.randrange(256)
            elif op == 1:  # insert junk bytes
                buf[pos:pos] = self.rng.randbytes(self.rng.randint(1, 16))
            elif op == 2:  # delete a range
                del buf[pos : pos + self.rng.randint(1, 200)]
            elif op == 3:  # duplicate a range
                buf[pos:pos] = buf[pos : pos + self.rng.randint(1, 500)]
            else:  # truncate
                del buf[pos:]
        return bytes(buf)

    def _mutate_text(self, text: str) -> str:
        for _ in range(self.rng.randint(1, 8)):
            pos = self.rng.randrange(len(text) + 1)
            op = self.rng.randrange(6)
            if op == 0:
                insert = "".join(self.rng.choices(ODD_CHARS, k=self.rng.randint(1, 6)))
            elif op == 1:
                insert = "".join(self.rng.choices(MARKUP_TOKENS, k=self.rng.randint(1, 12)))
            elif op == 2:
                insert = self.rng.choice(" \n\t\u00a0\r") * self.rng.randint(10, 20_000)
            elif op == 3:
                insert = self._unicode(self.rng.randint(1, 40))
            elif op == 4:
                insert = self.rng.choice(MARKUP_TOKENS) * self.rng.randint(50, 3000)
            else:
                insert = ""
                text = text[:pos] + text[pos + self.rng.randint(1, 300) :]
            text = text[:pos] + insert + text[pos:]
        return text

    # --- random data ----------------------------------------------------------------------

    def random_bytes(self) -> Sample:
        data = self.rng.randbytes(self.rng.choice((0, 1, 3, 64, 1024, 20_000)))
        return Sample("random bytes", "bytes" + self.rng.choice(SUFFIXES), data)

    def random_unicode(self) -> Sample:
        text = self._unicode(self.rng.choice((1, 10, 200, 3000)))
        if self.rng.random() < 0.5:
            text += "\n\n" + " ".join(self.rng.sample(SENTENCES, 2))
        encoding = self.rng.choice(("utf-8", "utf-8", "utf-16", "utf-32", "utf-8-sig"))
        data = text.encode(encoding, "replace")
        return Sample("random unicode", "unicode" + self.rng.choice(SUFFIXES), data)

    def _unicode(self, length: int) -> str:
        """Code points from every plane, lone surrogates excepted (no encoding carries them)."""
        out = []
        for _ in range(length):
            plane = self.rng.choice((0x80, 0x800, 0x10000, 0x110000))
            point = self.rng.randrange(plane)
            out.append(chr(point) if not 0xD800 <= point <= 0xDFFF else "\ufffd")
        return "".join(out)

    def odd_characters(self) -> Sample:
        words = []
        for sentence in self.rng.sample(SENTENCES, 3):
            for word in sentence.split():
                words.append(word + "".join(self.rng.choices(ODD_CHARS, k=self.rng.randint(0, 2))))
        text = (
            "\ufeff" * self.rng.randint(0, 3) + "Title \u202eof\u202c the day\n\n" + " ".join(words)
        )
        # Odd file names too: bytes that are not UTF-8, a newline, bidi controls.
        stem = self.rng.choice(("odd", "new\nline", "\u202eodd", os.fsdecode(b"caf\xe9\xff")))
        suffix = self.rng.choice((".txt", ".md", ""))
        return Sample("odd characters", stem + suffix, text.encode())

    def whitespace_runs(self) -> Sample:
        char = self.rng.choice(" \t\n\r\u00a0\u3000\u2028")
        # A line costs the normaliser ~20 µs, so a million newlines would take half a minute
        # (linear, but the budget is better spent on more inputs).
        run = char * self.rng.choice((1000, 100_000, 1_000_000 if char not in "\n\r" else 200_000))
        sentence = self.rng.choice(SENTENCES)
        text = self.rng.choice((run + sentence, sentence + run, f"Title\n\n{sentence}{run}x"))
        return Sample("whitespace runs", "spaces" + self.rng.choice((".txt", ".md")), text.encode())

    def edge_dates_and_numbers(self) -> Sample:
        """Sentences of calendar and number words at their limits, published at year 1 or 9999."""
        sentences = []
        for _ in range(self.rng.randint(2, 8)):
            words = self.rng.choices(EDGE_WORDS, k=self.rng.randint(3, 14))
            sentences.append(" ".join(words).capitalize() + ".")
        text = "Report\n\n" + " ".join(sentences)
        record = {"text": text, "published": self.rng.choice(EDGE_DATES)}
        return Sample("edge dates and numbers", "edges.jsonl", json.dumps(record).encode())

    # --- structure --------------------------------------------------------------------------

    def nested_markdown(self) -> Sample:
        depth = self.rng.choice((10, 100, 1000))
        sentence = self.rng.choice(SENTENCES)
        kind = self.rng.randrange(5)
        if kind == 0:
            text = "> " * depth + sentence
        elif kind == 1:  # one sentence at the bottom: the depth is the point, not its length
            text = "\n".join("  " * i + f"- item {i}" for i in range(depth)) + " " + sentence
        elif kind == 2:
            text = "**_" * depth + sentence + "_**" * depth
        elif kind == 3:
            text = "[" * depth + sentence + "](http://x)" * depth
        else:
            text = "\n".join(">" * i + " " + "#" * (i % 7) + f" part {i}" for i in range(depth))
            text += " " + sentence
        return Sample("nested markdown", "nested.md", f"Heading\n\n{text}\n".encode())

    def broken_html(self) -> Sample:
        depth = self.rng.choice((5, 200, 5000))
        tag = self.rng.choice(("div", "p", "b", "table", "span", "article", "script", "li"))
        body = " ".join(self.rng.sample(SENTENCES, 4))
        kind = self.rng.randrange(5)
        if kind == 0:  # unclosed all the way down
            html = f"<html><body>{f'<{tag}>' * depth}{body}"
        elif kind == 1:  # closed more often than opened
            html = f"<html><body><p>{body}</p>{f'</{tag}>' * depth}</body></html>"
        elif kind == 2:  # attributes and comments never closed
            html = f'<html><head><title>{body[:40]}</title></head><body><p class="{body}'
        elif kind == 3:  # an entity flood and broken ones
            html = f"<html><body><p>{'&amp;' * depth}{body}&#xffffffff;&#0;&bogus;</p>"
        else:  # a real page, cut anywhere
            html = f"<html><body><article><h1>T</h1><p>{body}</p></article></body></html>"
            html = html[: self.rng.randrange(len(html) + 1)]
        return Sample("broken html", "page" + self.rng.choice((".html", ".htm", "")), html.encode())

    def jsonl_wrong_types(self) -> Sample:
        lines = [self._jsonl_line() for _ in range(self.rng.randint(1, 8))]
        return Sample("jsonl wrong types", "records.jsonl", b"\n".join(lines) + b"\n")

    def _jsonl_line(self) -> bytes:
        good = {"text": " ".join(self.rng.sample(SENTENCES, 3)), "title": "A report"}
        wrong = (5, 1.5, [], ["text"], None, {}, {"a": 1}, True, "", " ", -1, 10**30)
        kind = self.rng.randrange(8)
        if kind == 0:
            return json.dumps(good).encode()
        if kind == 1:  # a field of the wrong type
            field = self.rng.choice(("text", "title", "author", "published", "url", "source"))
            return json.dumps({**good, field: self.rng.choice(wrong)}).encode()
        if kind == 2:  # a garbage date or URL, of the right type
            garbage = ("2024-02-30", "99999-01-01", "0000-00-00", "yesterday", "1e400", "-5",
                       "http://[::1", "http://a:99999999/", "javascript:x()", "\x00")  # fmt: skip
            field = self.rng.choice(("published", "url", "source", "author"))
            return json.dumps({**good, field: self.rng.choice(garbage)}).encode()
        if kind == 3:  # not an object
            return self.rng.choice((b"[1,2]", b'"text"', b"42", b"null", b"true", b"{"))
        if kind == 4:  # invalid UTF-8, or a lone surrogate escaped in JSON
            return self.rng.choice(
                (
                    b'{"text": "caf\xe9 \xff\xfe"}',
                    b'{"text": "\\ud800 ' + SENTENCES[0].encode() + b'"}',
                    b'\xef\xbb\xbf{"text": "BOM first"}',
                    b'{"text": "A\\u0000B"}',
                )
            )
        if kind == 5:  # nested deep enough to break a recursive parser
            depth = self.rng.choice((100, 5000, 100_000))
            return self.rng.choice((b"[" * depth + b"]" * depth, b'{"a":' * depth + b"1"))
        if kind == 6:  # missing fields, NaN, duplicate keys
            return self.rng.choice(
                (b"{}", b'{"title": "no text"}', b'{"text": NaN}', b'{"text": "a", "text": 3}')
            )
        return json.dumps({**good, "text": self._mutate_text(good["text"])}).encode()

    def broken_feed(self) -> Sample:
        body = " ".join(self.rng.sample(SENTENCES, 3))
        item = self.rng.choice(
            (
                f"<item><title>T</title><description>{body}</description></item>",
                f"<item><description><![CDATA[<p>{'<b>' * 3000}{body}</p>]]></description></item>",
                f"<item><title>{body}</title><pubDate>Thu, 99 Foo 99999</pubDate></item>",
                f"<item><description>&lt;p&gt;{body}&lt;/p</description><author>@@@</author></item>",
                "<item><description>&x;</description></item>",
                f"<item><link>http://[::1</link><description>{body}</description></item>",
                "<item></item>" * 100,
            )
        )
        doctype = self.rng.choice(
            (
                "",
                '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
                '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY x "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            )
        )
        feed = f'<?xml version="1.0"?>{doctype}<rss><channel><title>S</title>{item}</channel></rss>'
        if self.rng.random() < 0.3:
            feed = feed[: self.rng.randrange(len(feed) + 1)]
        if self.rng.random() < 0.1:  # a feed file that holds only a path
            feed = self.rng.choice(("/etc/hostname", str(REPO / "demo/articles/feeds")))
        return Sample(
            "broken feed", "feed" + self.rng.choice((".xml", ".rss", ".atom")), feed.encode()
        )

    # --- size ------------------------------------------------------------------------------

    def compression_bomb(self) -> Sample:
        """Megabytes of text squeezed into kilobytes, under a compressed or a text suffix:
        nothing may inflate it, or only up to the size limit."""
        unit = self.rng.choice((b"a", b" ", b"<rss>", b'{"text": "'))
        data = _bomb(self.rng.choice(("gzip", "zip")), unit)
        return Sample("compression bomb", "bomb" + self.rng.choice(SUFFIXES), data)

    def huge_line(self) -> Sample:
        """A 10 MB single line: plain text, or one JSONL record."""
        words = (SENTENCES[0] + " ") * (10 * 1024 * 1024 // (len(SENTENCES[0]) + 1))
        if self.rng.random() < 0.5:
            return Sample("10 MB line", "huge.txt", words.encode())
        return Sample("10 MB line", "huge.jsonl", json.dumps({"text": words}).encode())
