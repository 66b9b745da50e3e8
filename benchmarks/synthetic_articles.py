"""Synthetic, deterministic news-article texts: JSONL input for ``faultline ingest`` at scale.

    .venv/bin/python benchmarks/synthetic_articles.py --articles 100000 --out /tmp/news.jsonl

or, from a script or test with the benchmarks folder on ``sys.path``:

    from synthetic_articles import generate, write_jsonl
    for record in generate(1_000, seed=3): ...      # {"text", "title", "author", ...}
    write_jsonl(Path("/tmp/news.jsonl"), 100_000)   # streams; returns the article count

Each article is one story (an attack, a clash, a strike, an abduction, displacement, arrests, a
coup, a foiled coup, a mutiny, a protest, sanctions, a mineral deal or peace talks) in one
place: a dateline and a lead sentence, then details, attribution, quotes, background about past
events and now and then the author's opinion, 5 to 12 sentences and 120 to 350 words in all,
with site boilerplate ("Read more:", "Subscribe ...") after some. Places, actors and the past
events come from ``synthetic_events`` and ``synthetic_vocabulary`` (real cities, knowledge-base
actors), the rest from ``synthetic_article_parts``, whose sentence shapes follow our own demo
articles. Relative dates ("on Tuesday", "last week") agree with the publication date, which
spreads over 2000-2025; about 12% of the articles are a second report of an earlier article's
incident (same place, day and kind; another outlet, other wording and counts). The same seed
always gives the same records, and no two texts are the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import json
import random
import re
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import synthetic_article_parts as parts
import synthetic_vocabulary as vocab
from synthetic_article_parts import KINDS, count_phrase, displaced_phrase, when_phrase
from synthetic_events import COD_SHARE, OTHER_COUNTRIES, EventGenerator

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
SECOND_REPORT_SHARE = 0.12
BEYOND_AFRICA_SHARE = 0.06
SENTENCES = (5, 12)
WORDS = (120, 350)
COUP_KINDS = frozenset({"coup", "attempt", "mutiny"})
# Slots also offered capitalised, for the start of a sentence or a headline.
CAPITALISED = (
    "actor", "recipient", "killed", "injured", "abducted", "displaced", "province", "country",
    "the_country", "official", "police", "gov", "outside", "aid", "leader", "company", "speaker",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?][\"”]?(?=\s|$)")
_ATTRIBUTED = re.compile(r"\b(said|according|told)\b")
_RECENT_SCENARIOS = tuple(s for s in vocab.SCENARIOS if s.coup is None)  # no coup as an aside


@dataclass(frozen=True, slots=True)
class _Incident:
    """What happened, shared by every report of it; the wording is drawn per article."""

    kind: str
    country: str
    place: str
    province: str
    capital: str
    day: dt.date
    actor: str
    recipient: str
    counts: tuple[int, ...]  # killed, injured, arrested, abducted, displaced, soldiers
    leader: str
    president: str
    company: str
    minerals: tuple[str, str]
    outlet: int


@functools.cache
def _kb() -> EventGenerator:
    """Places (GeoNames cities), countries and knowledge-base actors; loaded once."""
    return EventGenerator(0)


class ArticleGenerator:
    """Deterministic article records; ``second_reports`` counts the re-reported incidents."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        kb = self._kb = _kb()
        self._countries = kb._countries
        self._places: dict[str, tuple[list[tuple[str, str]], list[int]]] = {}
        iso2_of = {iso3: c.iso2 for iso3, c in self._countries.items()}
        cities = [(p.country, p.name, p.admin1 or "", w) for p, w in kb.places]
        cities += [(*city, 1) for city in parts.beyond_places(iso2_of)]
        for iso3, name, admin1, weight in cities:
            names, weights = self._places.setdefault(iso3, ([], []))
            province = admin1 if admin1.isascii() and admin1 else self._countries[iso3].name
            names.append((name, province))
            weights.append(weight)
        africa, others = 1 - BEYOND_AFRICA_SHARE, sum(OTHER_COUNTRIES.values())
        beyond = parts.BEYOND_AFRICA
        self._codes = ["COD", *OTHER_COUNTRIES, *beyond]
        self._weights = [
            africa * COD_SHARE,
            *(africa * (1 - COD_SHARE) * w / others for w in OTHER_COUNTRIES.values()),
            *[BEYOND_AFRICA_SHARE / len(beyond)] * len(beyond),
        ]
        self._kind_weights = [k.weight for k in KINDS.values()]
        self._recent: deque[_Incident] = deque(maxlen=500)
        self._seen: set[bytes] = set()
        self._last_title = "Displacement figures, explained"
        self.articles = 0
        self.second_reports = 0

    def records(self, count: int) -> Iterator[dict[str, str]]:
        for _ in range(count):
            yield self.next_record()

    def next_record(self) -> dict[str, str]:
        rng = self.rng
        if self._recent and rng.random() < SECOND_REPORT_SHARE:
            incident = _second(rng, rng.choice(self._recent))
            later = incident.day + dt.timedelta(days=rng.randint(0, 4))
            published = min(LAST_DAY, max(FIRST_DAY, later))
            self.second_reports += 1
        else:
            published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
            incident = self._incident(rng, published)
            self._recent.append(incident)
        self.articles += 1
        outlet, host = parts.OUTLETS[incident.outlet]
        title, text = self._write(rng, incident, published, outlet)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()
        if digest in self._seen:  # last resort: a numbered detail
            text += f"\n\nThis is report number {self.articles} from {incident.place}."
        self._seen.add(digest)
        self._last_title = title
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")
        section = rng.choice(parts.SECTIONS)
        author = (
            f"{rng.choice(parts.FEMALE + parts.MALE)} {rng.choice(parts.FAMILY + vocab.SURNAMES)}"
        )
        return {
            "title": title,
            "author": author if rng.random() < 0.7 else "Staff reporter",
            "published": published.isoformat(),
            "url": f"https://{host}/{section}/{published:%Y/%m/%d}/{slug}-{self.articles}",
            "source": outlet,
            "text": text,
        }

    # --- what happened --------------------------------------------------------------------------

    def _incident(self, rng: random.Random, published: dt.date) -> _Incident:
        iso3 = rng.choices(self._codes, self._weights)[0]
        kind_name = rng.choices(list(KINDS), self._kind_weights)[0]
        kind = KINDS[kind_name]
        cities, weights = self._places[iso3]
        capital = self._countries[iso3].capital or cities[0][0]
        place, province = rng.choices(cities, weights)[0]
        roll = rng.random()
        gap = 0 if roll < 0.2 else rng.randint(1, 6) if roll < 0.8 else rng.randint(7, 60)
        minerals = parts.MINERALS.get(iso3, ("gold", "copper"))
        names = parts.MALE + parts.FEMALE, parts.FAMILY + vocab.SURNAMES
        return _Incident(
            kind=kind_name,
            country=iso3,
            place=capital if kind.place == "capital" else place,
            province=province,
            capital=capital,
            day=published - dt.timedelta(days=gap),
            actor=self._actor(rng, kind.actor, iso3),
            recipient=self._actor(rng, kind.recipient, iso3),
            counts=(
                max(2, min(400, int(rng.paretovariate(1.3) * 3))),  # killed
                rng.randint(3, 60),  # injured
                rng.randint(2, 80),  # arrested
                rng.randint(3, 120),  # abducted
                int(rng.paretovariate(1.1) * 8) * 100,  # displaced
                rng.randint(2, 25),  # soldiers killed
            ),
            leader=f"{rng.choice(vocab.RANKS)} {rng.choice(names[1])}",
            president=f"{rng.choice(names[0])} {rng.choice(names[1])}",
            company=rng.choice(parts.COMPANIES),
            minerals=(rng.choice(minerals), rng.choice(minerals)),
            outlet=rng.randrange(len(parts.OUTLETS)),
        )

    def _actor(self, rng: random.Random, pool: str | None, iso3: str) -> str:
        """Who acts, as the article names them: a knowledge-base name or a generic one."""
        if pool is None:
            return ""
        if pool in ("company", "crowd"):
            return rng.choice(parts.COMPANIES if pool == "company" else vocab.CROWDS)
        if pool == "forces":
            pool = "police" if rng.random() < 0.2 else "army"
        if pool == "army" and rng.random() < 0.3:
            return rng.choice(parts.GENERIC_FORCES)
        if pool == "armed":
            groups = self._kb._armed.get(iso3, ())
            if not groups or rng.random() < 0.15:
                generic = vocab.GENERIC_ARMED if rng.random() < 0.6 else parts.GENERIC_ARMED_SIDE
                return rng.choice(generic)
            return parts.kb_name(rng, rng.choice(groups))
        own = {"army": f"mil_{iso3}", "police": f"pol_{iso3}", "government": f"gov_{iso3}"}
        chosen = own.get(pool) or rng.choice(vocab.OUTSIDE if pool == "outside" else vocab.AID)
        return parts.kb_name(rng, self._kb._entities[chosen])

    # --- how one outlet tells it ----------------------------------------------------------------

    def _write(
        self, rng: random.Random, incident: _Incident, published: dt.date, outlet: str
    ) -> tuple[str, str]:
        kind = KINDS[incident.kind]
        slots = self._slots(rng, incident, published, outlet)
        title = _upper_first(rng.choice(kind.headlines).format_map(slots))
        lead = rng.choice(kind.leads).format_map(slots)
        line = parts.dateline(rng, incident.place, incident.province, published, outlet)
        items = [(0, 0, line + lead)]  # (priority, position, sentence)
        details = kind.details + parts.LONG_DETAILS[incident.kind]
        for index, detail in enumerate(rng.sample(details, len(details))):
            if rng.random() < 0.3 and detail[-1] == "." and not _ATTRIBUTED.search(detail):
                detail = f"{detail[:-1]}, {rng.choice(parts.TAILS)}."  # attributed
            items.append((2 + index, 10 + 10 * index, detail.format_map(slots)))
        if kind.quotes and rng.random() < 0.65:
            items.append((1, rng.choice((15, 25)), rng.choice(kind.quotes).format_map(slots)))
        if rng.random() < 0.35:  # another, recent event
            day = published - dt.timedelta(days=rng.randint(0, 6))
            aside = self._scenario(rng, incident, day, published, _RECENT_SCENARIOS)
            items.append((3, rng.randrange(30, 70), aside))
        if rng.random() < 0.45:
            coup = incident.kind in COUP_KINDS and rng.random() < 0.6
            background = parts.COUP_BACKGROUND if coup else rng.choice(parts.BACKGROUNDS)
            items.append((2, 80, background.format_map(slots)))
        if rng.random() < 0.18:
            items.append((1, 90, rng.choice(parts.OPINIONS).format_map(slots)))
        for index, filler in enumerate(rng.sample(parts.FILLERS, 6)):
            items.append((20 + index, 84 + index, filler.format_map(slots)))
        paragraphs = _paragraphs(rng, _select(items, rng.randint(*SENTENCES)))
        if rng.random() < 0.08 and len(paragraphs) > 2:
            paragraphs.insert(rng.randrange(2, len(paragraphs)), f"Read more: {self._last_title}")
        if rng.random() < 0.3:
            for boilerplate in rng.sample(parts.BOILERPLATE, rng.randint(1, 2)):
                paragraphs.append(boilerplate.format_map(slots))
        return title, "\n\n".join(paragraphs)

    def _slots(
        self, rng: random.Random, incident: _Incident, published: dt.date, outlet: str
    ) -> dict[str, str]:
        """Every template slot's text for one article (see ``synthetic_article_parts``)."""
        iso3, kind = incident.country, KINDS[incident.kind]
        country = self._countries[iso3]
        killed, injured, arrested, abducted, displaced, soldiers = incident.counts
        slots = parts.details(rng, published)
        army, gov = self._actor(rng, "army", iso3), self._actor(rng, "government", iso3)
        speakers = (*vocab.GENERIC_SPEAKERS, "officials", "residents", f"a spokesman for {gov}")
        speakers += (f"{slots['official']}, a spokesman for {army},",)
        past = published - dt.timedelta(days=rng.randint(400, 5000))
        slots |= {
            "place": incident.place,
            "province": incident.province,
            "capital": incident.capital,
            "country": country.name,
            "the_country": country.the_name,
            "when": when_phrase(rng, incident.day, published),
            "actor": incident.actor,
            "recipient": incident.recipient,
            "army": army,
            "gov": gov,
            "police": self._actor(rng, "police", iso3),
            "outside": self._actor(rng, "outside", iso3),
            "aid": self._actor(rng, "aid", iso3),
            "soldiers": count_phrase(rng, soldiers, "soldiers")[1],
            "speaker": rng.choice((*speakers, self._actor(rng, "outside", iso3))),
            "source": rng.choice((*parts.SOURCES, f"a spokesman for {army}", f"sources in {gov}")),
            "leader": incident.leader,
            "president": incident.president,
            "mineral": incident.minerals[0],
            "mineral2": incident.minerals[1] if len(set(incident.minerals)) > 1 else "copper",
            "company": incident.company,
            "history": self._scenario(rng, incident, past, published),
            "outlet": outlet,
            "other": self._last_title,
        }
        arrested_noun = kind.victims if incident.kind in ("arrest", "attempt") else "protesters"
        for name, number, noun in (
            ("killed", killed, kind.victims),
            ("injured", injured, "others"),
            ("arrested", arrested, arrested_noun),
            ("abducted", abducted, rng.choice(("villagers", "students", "passengers"))),
        ):
            slots[f"{name}_num"], slots[name] = count_phrase(rng, number, noun)
        slots["displaced"] = displaced_phrase(rng, displaced)
        for name in CAPITALISED:
            slots[name.capitalize()] = _upper_first(slots[name])
        return slots

    def _scenario(self, rng: random.Random, incident: _Incident, day: dt.date, published: dt.date,
                  scenarios: tuple[vocab.Scenario, ...] = vocab.SCENARIOS) -> str:  # fmt: skip
        """A sentence about another event on ``day``, from the record generator's scenarios."""
        scenario = rng.choice(scenarios)
        iso3 = incident.country
        cities, weights = self._places[iso3]
        count = count_phrase(rng, rng.randint(2, 40), scenario.count_noun)[1]
        values = {
            "actor": self._actor(rng, scenario.actor, iso3),
            "recipient": self._actor(rng, scenario.recipient, iso3),
            "place": rng.choices(cities, weights)[0][0],
            "date": " " + when_phrase(rng, day, published),
            "leader": f"{rng.choice(vocab.RANKS)} {rng.choice(vocab.SURNAMES)}",
            "killed": count,
            "arrested": count,
            "abducted": count,
            "displaced": displaced_phrase(rng, rng.randint(5, 90) * 100),
        }
        return _upper_first(scenario.template.format_map(values))


def _second(rng: random.Random, first: _Incident) -> _Incident:
    """The same incident as another outlet reports it: other counts, other outlet."""
    counts = tuple(max(2, n + rng.choice((0, 0, 1, 2, 3, -1, 5))) for n in first.counts)
    outlet = (first.outlet + rng.randrange(1, len(parts.OUTLETS))) % len(parts.OUTLETS)
    return replace(first, counts=counts, outlet=outlet)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _select(items: list[tuple[int, int, str]], target: int) -> list[str]:
    """By priority, the sentences that fit ``target`` sentences and the word range; in order.

    Short of the minimum sentences or words, more are added, up to the maximum sentences."""
    chosen: dict[int, tuple[int, str]] = {}
    sentences = words = 0
    for limit in (target, SENTENCES[1]):
        for index, (_, position, text) in sorted(enumerate(items), key=lambda i: i[1][0]):
            if limit != target and sentences >= SENTENCES[0] and words >= WORDS[0]:
                break
            n, w = len(_SENTENCE_END.findall(text)), len(text.split())
            if index not in chosen and sentences + n <= limit and words + w <= WORDS[1]:
                chosen[index] = (position, text)
                sentences, words = sentences + n, words + w
    return [text for _, text in sorted(chosen.values(), key=lambda item: item[0])]


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    """The lead alone, quotes alone, other sentences one to three to a paragraph."""
    paragraphs, current = [sentences[0]], []
    for sentence in sentences[1:]:
        quote = sentence.startswith('"')
        if quote and current:
            paragraphs.append(" ".join(current))
            current = []
        current.append(sentence)
        if quote or len(current) == 3 or rng.random() < 0.35:
            paragraphs.append(" ".join(current))
            current = []
    return [*paragraphs, " ".join(current)] if current else paragraphs


# --- API and command line ------------------------------------------------------------------


def generate(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``count`` article records (text, title, author, published, url, source) for ``seed``."""
    yield from ArticleGenerator(seed).records(count)


def write_jsonl(path: Path, count: int, seed: int = 0) -> int:
    """Stream ``count`` articles to ``path`` as JSONL, one per line; returns the count."""
    return _write_jsonl(path, ArticleGenerator(seed), count)[0]


def _write_jsonl(path: Path, generator: ArticleGenerator, count: int) -> tuple[int, int]:
    articles = words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in generator.records(count):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles, words = articles + 1, words + len(record["text"].split())
    return articles, words


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000, help="how many (default 1,000)")
    parser.add_argument("--out", type=Path, required=True, help="the JSONL file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    generator = ArticleGenerator(args.seed)
    articles, words = _write_jsonl(args.out, generator, args.articles)
    seconds = time.perf_counter() - started
    print(
        f"wrote {articles:,} articles ({generator.second_reports:,} second reports) and "
        f"{words:,} words ({words / max(1, articles):.0f} per article) to {args.out} "
        f"in {seconds:.1f} s ({articles / seconds:,.0f} articles/s)"
    )


if __name__ == "__main__":
    main()
