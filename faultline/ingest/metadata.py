"""Title, byline and publication date from the head of an article.

The head is the first few non-blank lines. A title is the first of them when it is a Markdown
heading, or short and followed by a byline or a date line (the ending full stop some sites put
on titles is then no obstacle). After it come up to four metadata lines: bylines ("By Jane Doe",
"Kumaran Ira", "- Clandestino") and date lines ("22 May 2024", "le 3 février 2025",
"10 de mar."). The normaliser removes these lines from the body and records them as
``title``/``byline``/``dateline`` removals, so the body starts with its first real sentence.

Dates are parsed only from one short candidate line at a time, never from the body. A date
written without a year keeps ``year=None``; nothing here guesses a year.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from faultline.errors import ConfigError
from faultline.ingest.boilerplate import Cut
from faultline.ingest.offsets import MappedText
from faultline.ingest.segment import Line, is_blank
from faultline.models import DatePrecision, PublishedDate, Span
from faultline.models.articles import DATE_YEARS

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

# How far into the text the head may reach, and how many metadata lines may follow a title.
_HEAD_LINES = 8
_MAX_META_LINES = 4
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30
_MAX_DATE_CHARS = 60
_MAX_BYLINE_CHARS = 80


@dataclass(frozen=True, slots=True)
class Head:
    title: str | None = None
    author: str | None = None
    date: PublishedDate | None = None
    cuts: tuple[Cut, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date read from a line: ``year`` is None when the line did not state one."""

    year: int | None
    month: int
    day: int | None
    precision: DatePrecision


def read_head(
    mapped: MappedText,
    lines: Sequence[Line],
    *,
    skip: Collection[int] = frozenset(),
    headings: Collection[int] = frozenset(),
    bullets: Collection[int] = frozenset(),
    title_hint: str | None = None,
) -> Head:
    """Find the title, author and date lines at the head of ``mapped.text``.

    ``skip`` holds line indices already cut as boilerplate; ``headings`` and ``bullets`` hold
    line-start offsets of Markdown heading and list-item lines.
    """
    text = mapped.text
    head = [ln for ln in lines[:200] if ln.index not in skip and not is_blank(text, ln)]
    head = head[:_HEAD_LINES]
    if not head:
        return Head()
    title_line = _title_line(text, head, headings, bullets, title_hint)
    meta_lines = head[1:] if title_line else head
    author, date, cuts, consumed = _read_meta_lines(mapped, meta_lines, bullets)
    if title_line is None and title_hint is None:
        # Blog layouts put the byline bullets first and the heading after them.
        rest = meta_lines[consumed:]
        if consumed and rest and rest[0].start in headings:
            title_line = rest[0]
    if title_line is not None:
        cuts.insert(0, Cut("title", title_line.index, title_line.index))
    title = _clean(title_line.of(text)) if title_line else None
    return Head(title_hint or title, author, date, tuple(cuts))


def _read_meta_lines(
    mapped: MappedText, lines: Sequence[Line], bullets: Collection[int]
) -> tuple[str | None, PublishedDate | None, list[Cut], int]:
    """Author and date from the byline/date lines that open ``lines``; stops at the first other."""
    text = mapped.text
    author: str | None = None
    date: PublishedDate | None = None
    cuts: list[Cut] = []
    for line in lines[:_MAX_META_LINES]:
        content = _clean(line.of(text))
        name, parsed = read_meta_line(content, bullet=line.start in bullets)
        if (name is None or author is not None) and (parsed is None or date is not None):
            break
        if name is not None and author is None:
            author = name
        if parsed is not None and date is None:
            date = _published_from(parsed, content, mapped, line)
        cuts.append(Cut("byline" if name else "dateline", line.index, line.index))
    return author, date, cuts, len(cuts)


def resolve_published(
    found: PublishedDate | None, *, hint: str | None = None, cli: dt.date | None = None
) -> PublishedDate:
    """The article's date: the command line wins, then container metadata, then the text."""
    text = found.text if found else None
    span = found.span if found else None
    if cli is not None:
        if cli.year not in DATE_YEARS:  # given by a person (option, API field): say so
            raise ConfigError(
                f"publication date {cli.isoformat()} is outside the years "
                f"{DATE_YEARS[0]}-{DATE_YEARS[-1]} read as dates"
            )
        return PublishedDate(cli.year, cli.month, cli.day, "day", "cli", text, span)
    from_hint = parse_date_hint(hint) if hint else None
    if from_hint is not None and _plausible(from_hint):
        return from_hint
    return found if found is not None and _plausible(found) else PublishedDate()


def _plausible(date: PublishedDate) -> bool:
    """A year no report has ("9999-12-31" in a feed) is noise, not a publication date."""
    return date.year is None or date.year in DATE_YEARS


def parse_date_hint(hint: str) -> PublishedDate | None:
    """An ISO 8601 or RFC 2822 date from container metadata, as written (no timezone shift)."""
    value = hint.strip()
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|[T ])", value)
    if m:
        year, month, day = int(m[1]), _int_or_none(m[2]), _int_or_none(m[3])
        if _checked(year, month or 1, day or 1) is None:
            return None
        precision: DatePrecision = "day" if day else "month" if month else "year"
        return PublishedDate(year, month, day, precision, "metadata", value)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        written = parse_date_line(value)
        if written is None or written.year is None:
            return None
        return PublishedDate(
            written.year, written.month, written.day, written.precision, "metadata", value
        )
    # The date as the feed wrote it, in its own timezone: that is the local publication day.
    return PublishedDate.from_date(parsed.date(), method="metadata", text=value)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def read_meta_line(line: str, *, bullet: bool = False) -> tuple[str | None, ParsedDate | None]:
    """The author and/or date a head line gives: "By Jane Doe | 3 March 2025" gives both."""
    parsed = parse_date_line(line)
    if parsed is not None:
        return None, parsed
    name = parse_byline(line, bullet=bullet)
    if name is not None:
        return name, None
    parts = _META_SEPARATOR_RE.split(line)
    if len(parts) < 2:
        return None, None
    name = parse_byline(parts[0], bullet=bullet)
    dates = (parse_date_line(part) for part in parts[1:])
    return name, next((d for d in dates if d is not None), None)


def parse_byline(line: str, *, bullet: bool = False) -> str | None:
    """The author named by a byline line, or None when the line is not a byline."""
    text = _clean(line)
    if not text or len(text) > _MAX_BYLINE_CHARS or any(c.isdigit() for c in text):
        return None
    if _STAFF_BYLINE_RE.fullmatch(text):
        return _BY_PREFIX_RE.sub("", text, count=1)
    m = _BY_PREFIX_RE.match(text)
    if m:
        text = text[m.end() :]
    # "Jane Doe, Reuters" / "Jane Doe | Le Monde": the name comes first, and what follows is
    # an outlet or a role, not the rest of a sentence ("In June, forces intercepted...").
    name, *rest = _SEPARATOR_RE.split(text, maxsplit=1)
    name = name.strip().rstrip(".,;")
    if rest and len(rest[0].split()) > _MAX_BYLINE_TAIL_WORDS:
        return None
    words = name.split()
    if words and words[0].lower() in _NOT_NAME_STARTS:
        return None
    # Without "By" or a bullet, one capitalised word is too weak ("Africa") and a long run of
    # them is more likely a heading than a person.
    minimum, maximum = (1, 8) if (m or bullet) else (2, 4)
    if not minimum <= len(words) <= maximum or not _is_name_list(words):
        return None
    return name


def parse_date_line(line: str) -> ParsedDate | None:
    """Parse a short line that is nothing but a date (with an optional "Published" prefix)."""
    text = _DATE_PREFIX_RE.sub("", _clean(line), count=1)
    text = _TIME_SUFFIX_RE.sub("", text).strip(" ,")
    if not text or len(text) > _MAX_DATE_CHARS or not any(c.isdigit() for c in text):
        return None
    if len(text.split()) > 7:
        return None
    numeric = _parse_numeric_date(text)
    if numeric is not None or _NUMERIC_RE.fullmatch(text):
        return numeric
    if not _MONTH_RE.search(text):
        return None
    return _parse_with_dateparser(text)


def _words(text: str) -> frozenset[str]:
    """A word set written as one string, which reads better than a long list literal."""
    return frozenset(text.split())


_MAX_BYLINE_TAIL_WORDS = 6
# Capitalised sentence openers that look like name words ("In June", "On Monday", "The Army").
_NOT_NAME_STARTS = _words(
    "in on at the a an as for from after before during since when while "
    "this that these those it its our their le la les un une en dans"
)
_BY_PREFIX_RE = re.compile(r"(?:by|par|por)\s+(?=\w)", re.IGNORECASE)
# Desk bylines that name no person but are still the byline ("Staff reporter", "La rédaction").
_STAFF_BYLINE_RE = re.compile(
    r"(?:by\s+)?(?:(?:our|a|staff|special|foreign)\s+)?(?:staff\s+)?"
    r"(?:reporter|writer|correspondent|news\s?desk|editors?)s?"
    r"|(?:la\s+)?r[ée]daction|(?:a\s+)?reda[çc][ãa]o|(?:la\s+)?redacci[óo]n",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"\s*(?:[|•·,;]|\s[-–—]\s)\s*")
# Between a byline and a date on one line; not a comma, which "May 22, 2024" contains.
_META_SEPARATOR_RE = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_NAME_WORD_RE = re.compile(r"(?:[A-Z]\.)+|[^\W\d_][\w'’.-]*", re.UNICODE)
_PARTICLES = _words("de da das do dos du des del della di van von der den le la al bin ibn")
_JOINERS = _words("and & e et y")
_DATE_PREFIX_RE = re.compile(
    r"^(?:(?:published|posted|updated|publié|publiée|mis à jour|publicado|atualizado"
    r"|actualizado)\b\s*(?:on|le|em|el)?\s*:?\s*|(?:on|le|em|el)\s+)",
    re.IGNORECASE,
)
_TIME_SUFFIX_RE = re.compile(
    r"(?:,?\s*(?:at|à|às|a las|-)?\s*\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,5}|UTC[+-]?\d{0,2})?)$",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_MONTH_RE = re.compile(
    r"\b(?:jan(?:uary|vier|eiro)?|feb(?:ruary|rero)?|f[ée]v(?:rier|ereiro)?|mar(?:ch|s|ço|co|zo)?"
    r"|apr(?:il)?|avr(?:il)?|abr(?:il)?|may|mai|maio|mayo|june?|juin|junh?o|jul(?:y|ho|io)?"
    r"|juil(?:let)?|aug(?:ust)?|ao[uû]t|ago(?:sto)?|sep(?:t|tember|tembre)?|set(?:embro)?"
    r"|septiembre|setiembre|oct(?:ober|obre|ubre)?|out(?:ubro)?|nov(?:ember|embre|embro|iembre)?"
    r"|d[ée]c(?:ember|embre)?|dez(?:embro)?|dic(?:iembre)?|ene(?:ro)?)\b\.?",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")


def _title_line(
    text: str,
    head: list[Line],
    headings: Collection[int],
    bullets: Collection[int],
    hint: str | None,
) -> Line | None:
    first = head[0]
    content = _clean(first.of(text))
    if hint is not None:
        return first if _comparable(content) == _comparable(hint) else None
    if first.start in headings:
        return first
    if first.start in bullets or not _is_title_shaped(content):
        return None
    if parse_date_line(content) or _BY_PREFIX_RE.match(content):
        return None
    following = _clean(head[1].of(text)) if len(head) > 1 else ""
    bullet = len(head) > 1 and head[1].start in bullets
    name, date = read_meta_line(following, bullet=bullet) if following else (None, None)
    if parse_byline(content):
        # "Rebels Take Goma" is shaped like a name too: it is the title only when a byline
        # follows; otherwise the article starts with its author.
        return first if name else None
    if content[-1] not in ".!?":
        return first
    # A title that ends with a full stop is told apart from a one-sentence paragraph by what
    # follows it: a byline or a date line.
    return first if name or date else None


def _is_title_shaped(content: str) -> bool:
    words = content.split()
    if not words or len(content) > _MAX_TITLE_CHARS or len(words) > _MAX_TITLE_WORDS:
        return False
    # Two sentences are a paragraph, not a title.
    return re.search(r"[.!?]\s+[A-Z]", content) is None


def _is_name_list(words: list[str]) -> bool:
    names = 0
    for i, word in enumerate(words):
        lowered = word.lower()
        if lowered in _JOINERS and 0 < i < len(words) - 1:
            continue
        if lowered in _PARTICLES and 0 < i < len(words) - 1:
            continue
        if not _NAME_WORD_RE.fullmatch(word) or not word[0].isupper():
            return False
        names += 1
    return names > 0


def _published_from(
    parsed: ParsedDate, content: str, mapped: MappedText, line: Line
) -> PublishedDate:
    raw = line.of(mapped.text)
    start = line.start + len(raw) - len(raw.lstrip())
    end = line.end - (len(raw) - len(raw.rstrip()))
    span = mapped.offset_map.to_original_span(Span(start, end))
    method = "text" if parsed.year is not None else "missing_year"
    return PublishedDate(
        parsed.year, parsed.month, parsed.day, parsed.precision, method, content, span
    )


def _parse_numeric_date(text: str) -> ParsedDate | None:
    """Numeric dates, accepted only when unambiguous: ISO, or one part is over 12."""
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a == b or (a > 12 >= b):
        return _checked(year, b, a)
    if b > 12 >= a:
        return _checked(year, a, b)
    return None  # 03/05/2024 is May 3 or March 5 depending on the site: refuse to guess


def _checked(year: int, month: int, day: int) -> ParsedDate | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return ParsedDate(year, month, day, "day")


def _parse_with_dateparser(text: str) -> ParsedDate | None:
    try:
        data = _date_parser().get_date_data(text)
    except (ValueError, TypeError, OverflowError, LookupError):
        return None
    if data.date_obj is None:
        return None
    year_match = _YEAR_RE.search(text)
    year = data.date_obj.year if year_match else None
    if year_match and int(year_match.group()) != year:
        return None  # the "year" dateparser saw is not the one written
    period = data.period or "day"
    if period == "year":
        return None  # a bare year is not a date line
    precision: DatePrecision = "month" if period == "month" else "day"
    day = data.date_obj.day if precision == "day" else None
    return ParsedDate(year, data.date_obj.month, day, precision)


@cache
def _date_parser() -> DateDataParser:
    # Imported lazily: dateparser takes a noticeable time to import and to load languages.
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "fr", "pt", "es"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["absolute-time"],
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def _clean(line: str) -> str:
    return " ".join(line.split())


def _comparable(text: str) -> str:
    return _clean(text).casefold().rstrip(".!?:")
