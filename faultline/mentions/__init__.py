"""Mentions: every actor, place, time and number in an article, resolved, with its span.

Each resolver has the same shape, ``find_x(doc, article) -> tuple[XMention, ...]``, over a spaCy
Doc parsed from ``article.text`` (so spans are normalised-text offsets):

    actors.py      who: knowledge-base actors, persons, generic groups, coreference
    places.py      where: gazetteer places, countries and regions (gazetteer.py builds the index)
    times.py       when: dates resolved against the publication date
    quantities.py  how many: counts bound to the verb or noun they count, money, percentages
    minerals.py    what is at stake: minerals named ("cobalt", "coltan", "3T", "critical minerals")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from faultline.mentions.actors import find_actors
from faultline.mentions.minerals import find_minerals
from faultline.mentions.places import find_places
from faultline.mentions.quantities import find_quantities
from faultline.mentions.times import find_times
from faultline.models import Article, Mentions, TimeExpr
from faultline.nlp import parse_many

__all__ = [
    "extract_mentions",
    "find_actors",
    "find_minerals",
    "find_places",
    "find_quantities",
    "find_times",
    "mentions_of",
]


def extract_mentions(doc: Doc, article: Article) -> Mentions:
    """Every kind of mention in one parsed article."""
    return Mentions(
        article_id=article.id,
        actors=find_actors(doc, article),
        places=find_places(doc, article),
        times=_times(doc, article),
        quantities=find_quantities(doc, article),
        minerals=find_minerals(article),
    )


def _times(doc: Doc, article: Article) -> tuple[TimeExpr, ...]:
    # The French model tags no dates; French expressions are found in the text.
    if doc.lang_ == "fr":
        from faultline.mentions.times_fr import find_times_fr

        return find_times_fr(article)
    return find_times(doc, article)


def mentions_of(articles: Iterable[Article]) -> Iterator[tuple[Article, Mentions]]:
    """Parse in batches (``nlp.pipe``) and resolve every mention of each article."""
    for doc, article in parse_many(articles):
        yield article, extract_mentions(doc, article)
