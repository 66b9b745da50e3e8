"""Region phrases: named regions ("the Sahel", "Azawad") and compass parts of a country
("eastern DRC", "the north of the country", "in the north east").

These are places with no point: they resolve to precision ``region`` (or ``admin1`` for former
provinces such as Katanga) and, when they lie inside one country, that country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from faultline.mentions.gazetteer import normalise_name
from faultline.models import PlaceMention, PlacePrecision, Span

DATA = Path(__file__).with_name("data") / "regions.yaml"
NAMED_SCORE = 0.9
COMPASS_SCORE = 0.85
# "the north of the country" / "in the north east" lean on the article's main country.
FOCUS_SCORE = 0.6


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_POINT = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
# "eastern", "north-eastern", "far northern", "central" right before a country mention.
_COMPASS_ADJECTIVE = re.compile(
    rf"(?i)\b(?:the\s+)?((?:far[- ])?(?:(?:{_POINT})ern|central))\s+(?:part\s+of\s+)?$"
)
# "the east of <country>" right before a country mention.
_COMPASS_OF = re.compile(rf"(?i)\bthe\s+((?:far[- ])?(?:{_POINT}|centre|center))\s+of\s+$")
# Lower-case only: "the East" is usually a geopolitical bloc, "the north" a part of the country.
_COMPASS_OF_COUNTRY = re.compile(
    rf"\bthe\s+((?:far[- ])?(?:{_POINT}|centre|center))\s+of\s+the\s+country\b"
)
_COMPASS_IN = re.compile(
    rf"\b(?:in|across|throughout|into|to)\s+(the\s+((?:far[- ])?(?:{_POINT}))(?:\s+(east|west))?)"
    r"\b(?!\s+of\b|-)"
)
# French: "l'est de la RDC", "le nord du Mali", "au nord-est du pays", "dans le centre du Mali".
_FR_POINT = r"(?:nord|sud)(?:-(?:est|ouest))?|est|ouest|centre"
_FR_POINTS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west", "centre": "centre"}
_FR_COMPASS_OF = re.compile(
    rf"(?i)(?:\b(?:le|au|du)\s+|\bl['’])({_FR_POINT})\s+"
    r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)$"
)
_FR_COMPASS_OF_COUNTRY = re.compile(rf"(?:\b(?:le|au|du)\s+|\bl['’])({_FR_POINT})\s+du\s+pays\b")
# A region name glued to another capitalised word is part of a longer name ("the Sahel Plan",
# "al-Qaeda in the Islamic Maghreb"), unless that word is a sentence-initial function word.
_NAME_CONTINUES = re.compile(r"[ \t]+[A-Z]")
_NAME_PRECEDES = re.compile(r"\b([A-Z][\w'-]*)[ \t]+$")
_FUNCTION_WORDS = _words(
    "in the across of and for to from with on at by into throughout across as but while"
)


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    country: str | None = None
    precision: PlacePrecision = "region"


@dataclass(frozen=True, slots=True)
class RegionData:
    regions: tuple[Region, ...]
    not_places: frozenset[str]  # normalised names
    ambiguous_countries: dict[str, tuple[str, ...]]  # normalised name → ISO3s, default first
    pattern: re.Pattern[str]
    by_alias: dict[str, Region]


@cache
def region_data() -> RegionData:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    regions = tuple(
        Region(
            name=r["name"],
            aliases=tuple(r.get("aliases", [r["name"]])),
            country=r.get("country"),
            precision=r.get("precision", "region"),
        )
        for r in raw["regions"]
    )
    by_alias = {alias: region for region in regions for alias in region.aliases}
    # Longest alias first so "West Africa" wins over a shorter overlapping alias.
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    return RegionData(
        regions=regions,
        not_places=frozenset(normalise_name(n) for n in raw.get("not_places", [])),
        ambiguous_countries={
            normalise_name(name): tuple(codes)
            for name, codes in (raw.get("ambiguous_countries") or {}).items()
        },
        pattern=re.compile(rf"(?<![\w-])(?:the\s+)?({alternation})(?![\w-])"),
        by_alias=by_alias,
    )


def named_regions(text: str, blocked: Iterable[Span]) -> Iterator[PlaceMention]:
    """Every named region in ``text`` outside the ``blocked`` spans (longer named entities)."""
    data = region_data()
    blocked = tuple(blocked)
    for match in data.pattern.finditer(text):
        span = Span(match.start(), match.end())
        if _inside(span, blocked) or _part_of_name(text, match.start(), match.end()):
            continue
        region = data.by_alias[match.group(1)]
        yield PlaceMention(
            span=span,
            text=match.group(0),
            name=region.name,
            precision=region.precision,
            country=region.country,
            feature="region",
            score=NAMED_SCORE,
            method="region",
        )


def compass_before(text: str, country: PlaceMention, french: bool = False) -> PlaceMention | None:
    """ "eastern DRC" / "the east of Mali" ("l'est de la RDC" in a French article): a compass
    word just before a country mention."""
    before = text[max(0, country.span.start - 40) : country.span.start]
    if french:
        match = _FR_COMPASS_OF.search(before)
    else:
        match = _COMPASS_ADJECTIVE.search(before) or _COMPASS_OF.search(before)
    if match is None:
        return None
    start = country.span.start - len(before) + match.start()
    point = _english_point(match.group(1)) if french else match.group(1)
    return _compass_mention(text, Span(start, country.span.end), point, country)


def _english_point(french: str) -> str:
    """ "nord-est" → "north-east": the words ``_adjective`` makes "north-eastern" of."""
    return "-".join(_FR_POINTS[part] for part in french.lower().split("-"))


def compass_in_country(
    text: str, focus: PlaceMention | None, french: bool = False
) -> Iterator[PlaceMention]:
    """ "the north of the country", "in the north east" ("l'est du pays"): parts of the
    article's main country."""
    if focus is None:
        return
    if french:
        for match in _FR_COMPASS_OF_COUNTRY.finditer(text):
            span = Span(match.start(), match.end())
            point = _english_point(match.group(1))
            yield _compass_mention(text, span, point, focus, FOCUS_SCORE)
        return
    for match in _COMPASS_OF_COUNTRY.finditer(text):
        span = Span(match.start(), match.end())
        yield _compass_mention(text, span, match.group(1), focus, FOCUS_SCORE)
    for match in _COMPASS_IN.finditer(text):
        point = match.group(2) + (f"-{match.group(3)}" if match.group(3) else "")
        span = Span(match.start(1), match.end(1))
        yield _compass_mention(text, span, point, focus, FOCUS_SCORE)


def _compass_mention(
    text: str, span: Span, point: str, country: PlaceMention, score: float = COMPASS_SCORE
) -> PlaceMention:
    return PlaceMention(
        span=span,
        text=span.of(text),
        name=f"{_adjective(point)} {country.name}",
        precision="region",
        country=country.country,
        feature="region",
        score=round(min(score, country.score), 3),
        method="region",
    )


def _adjective(point: str) -> str:
    """ "north east" → "north-eastern", "centre" → "central", "eastern" stays."""
    words = re.sub(r"[\s-]+", "-", point.lower())
    if words in ("centre", "center", "central"):
        return "central"
    return words if words.endswith("ern") else f"{words}ern"


def _part_of_name(text: str, start: int, end: int) -> bool:
    if _NAME_CONTINUES.match(text, end):
        return True
    before = _NAME_PRECEDES.search(text[max(0, start - 30) : start])
    return before is not None and before.group(1).lower() not in _FUNCTION_WORDS


def _inside(span: Span, blocked: tuple[Span, ...]) -> bool:
    return any(b.start <= span.start and span.end <= b.end and len(b) > len(span) for b in blocked)
