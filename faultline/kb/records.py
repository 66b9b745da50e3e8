"""Knowledge-base records: countries and the actors (entities) the resolvers link to."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from faultline.models import ActorKind

# The spaCy entity label each kind of entity is tagged with by the entity ruler.
COUNTRY_LABEL = "GPE"
DEMONYM_LABEL = "NORP"
PERSON_LABEL = "PERSON"
ORG_LABEL = "ORG"


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO codes, press names, demonyms and the capital used as a metonym.

    ``demonyms[0]`` is the adjective ("Congolese", "Malian") used to build names such as
    "Malian army"; the rest are nouns and plurals. ``seats`` are other cities that stand for the
    government; ``metonym`` is false when the capital is too ambiguous to stand for it.
    """

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    definite: bool = False
    seats: tuple[str, ...] = ()
    metonym: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def the_name(self) -> str:
        """The name as it reads after a preposition: "the Democratic Republic of the Congo"."""
        return f"the {self.name}" if self.definite else self.name

    @property
    def metonyms(self) -> tuple[str, ...]:
        """Cities whose name can stand for the government ("Kigali denied ...")."""
        if not self.metonym:
            return ()
        return (self.capital, *self.seats) if self.capital else self.seats


@dataclass(frozen=True, slots=True)
class Entity:
    """One actor the resolvers can link a mention to.

    ``country`` is None for transnational actors and for forces whose country depends on the
    article (a "Republican Guard" exists in several states). ``role`` and ``titles`` apply to
    persons: the role that makes them news, and the words the press puts before the name.
    """

    id: str
    name: str
    kind: ActorKind
    sector: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    titles: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    transnational: bool = False
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        if self.kind == "state":
            return COUNTRY_LABEL
        return PERSON_LABEL if self.kind == "person" else ORG_LABEL


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str) -> str:
    """The form names are compared in: accents removed, case folded, quotes and spaces unified."""
    text = strip_accents(text).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def spelling_variants(name: str) -> tuple[str, ...]:
    """The name plus its unaccented and straight/curly-apostrophe spellings, in that order."""
    variants = [name, strip_accents(name)]
    for variant in list(variants):
        variants.append(variant.replace("'", "’"))
        variants.append(variant.replace("’", "'"))
    return tuple(dict.fromkeys(variants))
