"""Which countries an article, a sentence or a phrase is about: context for actor resolution.

Generic actors ("soldiers", "the rebels") and country-less KB forces ("the Republican Guard")
take their country from here, and a fuzzy name match needs the person's country to be in the
article. A country counts when it is named, or a state actor of it is ("Malian army").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from faultline.kb import KBIndex

STATE_KINDS = frozenset({"state", "government", "military", "police"})
# The most-mentioned country is the article's country when it has half of all country
# mentions, twice as many as the next one, or is also the first country named (news puts its
# subject in the lede): an article split between two countries has no single country.
DOMINANT_SHARE = 0.5
DOMINANT_LEAD = 2.0
DOMINANT_MIN_MENTIONS = 2


@dataclass(frozen=True, slots=True)
class ArticleContext:
    country_at: dict[int, str]  # token index -> ISO3 of the country mention covering it
    counts: Counter[str]  # ISO3 -> mentions in the article
    dominant: str | None

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(self.counts)

    def countries_in(self, span: Span) -> set[str]:
        return {self.country_at[i] for i in range(span.start, span.end) if i in self.country_at}

    def country_for(self, phrase: Span) -> str | None:
        """The phrase's own country, else its sentence's only country, else the article's."""
        own = self.countries_in(phrase)
        if own:
            return own.pop() if len(own) == 1 else None
        in_sentence = (
            self.countries_in(phrase.sent) if phrase.doc.has_annotation("SENT_START") else set()
        )
        if len(in_sentence) == 1:
            return in_sentence.pop()
        return self.dominant


def article_context(doc: Doc, index: KBIndex) -> ArticleContext:
    country_at: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        iso3 = _state_country(ent.ent_id_, index)
        if iso3:
            counts[iso3] += 1
            country_at.update(dict.fromkeys(range(ent.start, ent.end), iso3))
    first = country_at[min(country_at)] if country_at else None
    return ArticleContext(country_at, counts, _dominant(counts, first))


def _state_country(entity_id: str, index: KBIndex) -> str | None:
    entity = index.by_id.get(entity_id) if entity_id else None
    if entity is None or entity.kind not in STATE_KINDS:
        return None
    return entity.country


def _dominant(counts: Counter[str], first: str | None) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN_MENTIONS:
        return None
    top, top_count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top_count == runner_up:
        return None
    clear_lead = top_count >= DOMINANT_LEAD * runner_up
    return (
        top if clear_lead or top == first or top_count >= DOMINANT_SHARE * counts.total() else None
    )
