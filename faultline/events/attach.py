"""When, where and how many: attach dates, places and counts to an event clause.

Each is looked for in widening scopes, and the evidence says where it came from:

- date: the clause, else the sentence, else the paragraph before the sentence, else the
  publication date marked ``published_fallback`` (never a silent default);
- place: a city-precision place in the clause, sentence or preceding paragraph, else a
  country-level one there, else the city the article's lede reports from (only for events of
  the news period), else the country the article is about at country precision (ACLED's
  geo-precision 3: the country is known, the spot is not); metonyms ("Washington said") and
  places inside actor phrases ("three US citizens") are participants, not locations, and
  destinations ("fled towards Niger") are not where the event happened;
- counts: the quantities the clause owns, summed per category, never adding a part
  ("including three US citizens") to its whole.

Only the preceding part of the paragraph is used because context in news prose flows forward:
a later sentence usually introduces something new ("a cannabis dealer from Maryland").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Token

from faultline.mentions.gazetteer import load_gazetteer
from faultline.mentions.places import country_of_place
from faultline.models import (
    Article,
    Counts,
    EventDate,
    EventLocation,
    Evidence,
    Mentions,
    PlaceMention,
    Quantity,
    Span,
    TimeExpr,
)
from faultline.nlp import doc_tokens

_COUNT_FIELDS = ("killed", "injured", "arrested", "displaced", "abducted", "people")
_CITY_LEVEL = frozenset({"point", "city"})
_COUNTRY_LEVEL = frozenset({"admin2", "admin1", "country", "region"})
_DESTINATION_PREPS = frozenset({"to", "towards", "toward", "from"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_FRENCH_COMPASS = frozenset(
    {"nord", "sud", "est", "ouest", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest"}
)
_FRENCH_ARTICLES = frozenset({"le", "l'", "l’", "du"})
# Lede places describe the story being reported, so they only fill in for events of that period.
_LEDE_WINDOW = dt.timedelta(days=90)
_DURATION_OPENERS = ("since ",)
_M = TypeVar("_M", TimeExpr, PlaceMention)
# "KINSHASA — …": a capitalised town name, then a dash, opens a dispatch.
_DATELINE = re.compile(r"([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ -]{2,40}?)\s*[—–-]\s")


@dataclass(frozen=True, slots=True)
class Scopes:
    """The text windows an event's arguments are looked for in, narrowest first."""

    anchor: int  # the trigger's offset: ties go to the nearest mention
    clause: Span
    sentence: Span
    before: Span  # the paragraph up to the sentence

    def widening(self) -> tuple[Span, Span, Span]:
        return (self.clause, self.sentence, self.before)


@dataclass(frozen=True, slots=True)
class Attached:
    date: EventDate
    location: EventLocation | None
    counts: Counts
    evidence: tuple[Evidence, ...]


def attach(
    article: Article,
    scopes: Scopes,
    times: Sequence[TimeExpr],
    places: Sequence[PlaceMention],
    quantities: Sequence[Quantity],
    lede: PlaceMention | None = None,
    home: PlaceMention | None = None,
) -> Attached:
    """Date, location and counts for one clause; ``quantities`` are those the clause owns."""
    date, date_ev = date_of(article, scopes, times)
    place = place_of(scopes, places)
    if place is None and lede is not None and _in_news_period(date, article):
        place = lede
    if place is None:
        place = home
    counts, count_ev = counts_of(quantities, article.text)
    evidence = list(date_ev)
    location = None
    if place is not None:
        location = _location(place)
        evidence.append(Evidence("location", place.span, place.span.of(article.text)))
    evidence.extend(count_ev)
    return Attached(date, location, counts, tuple(evidence))


def date_of(
    article: Article, scopes: Scopes, times: Sequence[TimeExpr]
) -> tuple[EventDate, tuple[Evidence, ...]]:
    usable = [t for t in times if t.start is not None and not _is_duration(t)]
    for i, scope in enumerate(scopes.widening()):
        inside = [t for t in usable if _within(t.span, scope)]
        if not inside:
            continue
        # In the paragraph before, the latest date is the one the narrative has reached.
        chosen = inside[-1] if i == 2 else _nearest(inside, scopes.anchor)
        date = EventDate(
            chosen.start, chosen.end, chosen.precision, chosen.method, chosen.text, chosen.span
        )
        return date, (Evidence("date", chosen.span, chosen.span.of(article.text)),)
    return published_fallback(article), ()


def published_fallback(article: Article) -> EventDate:
    published = article.published
    day = published.as_date()
    if day is None:
        return EventDate(None, None, None, "published_fallback")
    precision = published.precision or "day"
    return EventDate(day, _period_end(day, precision), precision, "published_fallback")


def place_of(scopes: Scopes, places: Sequence[PlaceMention]) -> PlaceMention | None:
    for levels in (_CITY_LEVEL, _COUNTRY_LEVEL):
        for scope in scopes.widening():
            inside = [
                p for p in places if p.precision in levels and p.country and _within(p.span, scope)
            ]
            if inside:
                return _nearest(inside, scopes.anchor)
    return None


def usable_places(doc: Doc, mentions: Mentions) -> tuple[PlaceMention, ...]:
    """Places that can locate an event: not metonyms, actor phrases, destinations or
    modifiers."""
    excluded = [*_destinations(doc), *_modifier_places(doc, mentions)]
    if doc.lang_ == "fr":
        excluded.extend(_french_compass_points(doc, mentions))
    return tuple(
        p
        for p in mentions.places
        if p.method != "metonym"
        and not any(_overlaps(p.span, a.span) for a in mentions.actors)
        and not any(_within(p.span, d) for d in excluded)
    )


def _french_compass_points(doc: Doc, mentions: Mentions) -> list[Span]:
    """ "dans le Nord", "l'Est du pays": with an article, French names a part of the country
    the article is about, not the region that happens to be called "Nord" elsewhere."""
    spans = []
    for place in mentions.places:
        if place.text.lower() not in _FRENCH_COMPASS:
            continue
        span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        before = doc[span.start - 1] if span is not None and span.start > 0 else None
        if before is not None and before.lower_ in _FRENCH_ARTICLES:
            spans.append(place.span)
    return spans


def _french_toward(token: Token) -> bool:
    """ "ont fui vers la Mauritanie": where the displaced went; "revenus (armés) de Libye":
    where people came from ("de" only after a verb of coming: it is too ambiguous alone)."""
    if token.lang_ != "fr":
        return False
    if token.lower_ == "vers":
        return True
    governors = (token.head, token.head.head)
    return token.lower_ in _FRENCH_DE and any(g.lemma_.lower() in _FRENCH_COMING for g in governors)


_FRENCH_DE = frozenset({"de", "d'", "du", "des"})
# Verbs of coming and going, glossed or not: their "de" is where from.
_FRENCH_COMING = frozenset(
    {"revenir", "venir", "rentrer", "partir", "provenir", "return", "come", "arrive", "flee"}
)


def _destinations(doc: Doc) -> list[Span]:
    """Spans of "to/towards/from X" phrases: where people went or came from, not where."""
    spans = []
    for token in doc_tokens(doc):
        if token.dep_ == "prep" and (token.lower_ in _DESTINATION_PREPS or _french_toward(token)):
            for obj in (c for c in token.children if c.dep_ == "pobj"):
                sub = list(obj.subtree)
                spans.append(Span(sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return spans


def _modifier_places(doc: Doc, mentions: Mentions) -> list[Span]:
    """Countries used as modifiers ("US citizens", "DRC President") describe, not locate."""
    spans = []
    for place in mentions.places:
        if place.precision not in ("country", "region"):
            continue
        span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if span is not None and len(span) and span.root.dep_ in _MODIFIER_DEPS:
            spans.append(place.span)
    return spans


def lede_place(article: Article, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The first city named in the article's first paragraph: where the story reports from."""
    if not article.paragraphs:
        return None
    first = article.paragraphs[0]
    cities = [p for p in places if p.precision in _CITY_LEVEL and _within(p.span, first)]
    if cities:
        return cities[0]
    return _dateline_place(article, first) if article.language == "fr" else None


def _dateline_place(article: Article, first: Span) -> PlaceMention | None:
    """The town of a French dateline: the French model tags no entity in "KINSHASA — ..."."""
    found = _DATELINE.match(article.text, first.start, first.end)
    if found is None:
        return None
    towns = [c for c in load_gazetteer().lookup(found.group(1)) if c.feature == "city"]
    if not towns:
        return None
    town = towns[0]
    span = Span(found.start(1), found.end(1))
    return PlaceMention(span=span, text=found.group(1), name=town.name, precision="city",
                        country=town.country, geonames_id=town.geonames_id, lat=town.lat,
                        lon=town.lon, admin1=town.admin1, feature=town.feature,
                        method="dateline")  # fmt: skip


def home_country(places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The first mention of the country the article names most: where its events happen when
    a clause names no place. None when no country clearly leads (a tie is no evidence)."""
    counts: dict[str, int] = {}
    for p in places:
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    leader = ranked[0][0]
    named = next((p for p in places if p.country == leader and p.precision == "country"), None)
    if named is not None:
        return named
    first = next(p for p in places if p.country == leader)
    return country_of_place(first)


def counts_of(quantities: Sequence[Quantity], text: str) -> tuple[Counts, tuple[Evidence, ...]]:
    totals: dict[str, int] = {}
    evidence: list[Evidence] = []
    money: Quantity | None = None
    for q in quantities:
        if q.part_of is not None:
            continue
        if q.category == "money" and q.unit == "USD":
            # Several sums in one clause are usually components or alternatives ("$3 billion in
            # mines and $6 billion in roads"); report the largest rather than invent a total.
            money = q if money is None or q.value > money.value else money
        elif q.category in _COUNT_FIELDS:
            totals[q.category] = totals.get(q.category, 0) + round(q.value)
            evidence.append(Evidence(f"counts.{q.category}", q.span, q.span.of(text)))
    if money is not None:
        totals["money_usd"] = round(money.value)
        evidence.append(Evidence("counts.money_usd", money.span, money.span.of(text)))
    return Counts(**totals), tuple(evidence)


def _location(p: PlaceMention) -> EventLocation:
    return EventLocation(
        text=p.text,
        name=p.name,
        precision=p.precision,
        span=p.span,
        country=p.country,
        admin1=p.admin1,
        geonames_id=p.geonames_id,
        lat=p.lat,
        lon=p.lon,
    )


def _in_news_period(date: EventDate, article: Article) -> bool:
    published = article.published.as_date()
    if date.method == "published_fallback" or date.start is None or published is None:
        return True
    return published - _LEDE_WINDOW <= date.start <= published + dt.timedelta(days=1)


def _is_duration(t: TimeExpr) -> bool:
    # "in power since 2002" dates a state of affairs, not the action in the clause.
    return t.text.lower().startswith(_DURATION_OPENERS)


def _period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def _nearest(items: Sequence[_M], anchor: int) -> _M:
    return min(items, key=lambda m: (abs(m.span.start - anchor), m.span.start))


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
