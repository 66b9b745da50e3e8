"""Place mentions: resolution in context, regions, countries, and names that are not places."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from faultline.mentions.places import find_places
from faultline.models import Article, OffsetMap, PlaceMention, PublishedDate, Span
from faultline.nlp import parse

# GeoNames points the gold file uses for the seed places.
SEED_PLACES = [
    ("drc-coup-attempt-2024.txt", "Kinshasa", -4.3276, 15.3136),
    ("mali-coup-2012.txt", "Bamako", 12.65, -8.0),
    ("mali-coup-2012.txt", "Kidal", 18.4411, 1.4078),
    ("drc-us-minerals-2025.txt", "Goma", -1.6792, 29.2228),
    ("drc-us-minerals-2025.txt", "Bukavu", -2.5083, 28.8608),
]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def article_of(text: str) -> Article:
    """The text as one article, as is (ingest's title and boilerplate rules would trim it)."""
    whole = Span(0, len(text))
    return Article(
        id="ar_test", text=text, title=None, author=None, source=None,
        published=PublishedDate(), url=None, path="test.txt", record=None, format="txt",
        language="en", paragraphs=(whole,), sentences=(whole,), boilerplate=(),
        original_text=text, offset_map=OffsetMap(normalised_length=len(text),
                                                 original_length=len(text)),
    )  # fmt: skip


def places_in(text: str) -> tuple[PlaceMention, ...]:
    article = article_of(text)
    found = find_places(parse(article), article)
    for mention in found:  # every mention's text is its span of the article
        assert mention.span.of(article.text) == mention.text
    return found


def named(found: tuple[PlaceMention, ...], text: str) -> list[PlaceMention]:
    return [m for m in found if m.text == text]


def within(mention: PlaceMention, lat: float, lon: float, limit_km: float = 25) -> bool:
    assert mention.lat is not None and mention.lon is not None, mention
    return km(mention.lat, mention.lon, lat, lon) <= limit_km


@pytest.mark.parametrize(
    ("file", "name", "lat", "lon"), SEED_PLACES, ids=[p[1] for p in SEED_PLACES]
)
def test_seed_places_resolve_near_gold(
    corpus_dir: Path, file: str, name: str, lat: float, lon: float
) -> None:
    found = places_in((corpus_dir / "seeds" / file).read_text(encoding="utf-8"))
    mentions = named(found, name)
    assert mentions, f"{name} not found in {file}"
    assert all(within(m, lat, lon) for m in mentions)


def test_seed_places_are_sorted_and_disjoint(corpus_dir: Path) -> None:
    text = (corpus_dir / "seeds" / "drc-us-minerals-2025.txt").read_text(encoding="utf-8")
    found = places_in(text)
    spans = [(m.span.start, m.span.end) for m in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# --- resolution in context --------------------------------------------------------------------


def test_goma_in_eastern_drc() -> None:
    found = places_in("Rebels seized Goma, the largest city in eastern DRC, on Sunday.")
    (goma,) = named(found, "Goma")
    assert (goma.country, goma.admin1, goma.precision) == ("COD", "Nord-Kivu", "city")
    assert goma.method == "context" and within(goma, -1.6792, 29.2228)
    (region,) = named(found, "eastern DRC")
    assert (region.precision, region.country, region.lat) == ("region", "COD", None)


def test_bukavu_capital_of_south_kivu_province() -> None:
    found = places_in("The M23 took control of Bukavu, the capital of South Kivu province.")
    (bukavu,) = named(found, "Bukavu")
    assert bukavu.country == "COD" and bukavu.admin1 == "Sud-Kivu"
    assert within(bukavu, -2.5083, 28.8608)
    (province,) = named(found, "South Kivu province")
    assert (province.precision, province.feature, province.name) == ("admin1", "admin1", "Sud-Kivu")
    assert province.lat is None


def test_admin_parent_after_a_comma() -> None:
    (goma,) = named(places_in("Shells fell on Goma, North Kivu, overnight."), "Goma")
    assert goma.admin1 == "Nord-Kivu" and goma.method == "context"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Population alone would pick Gaya, India (474k) and Kita, Japan (332k).
        ("Niger's army said jihadists attacked a market in Gaya, near the border.", "Gaya", "NER"),
        ("Malian troops were redeployed to Kita after the coup in Mali.", "Kita", "MLI"),
        # Gao, Mali is five times larger; the apposition names Burkina Faso.
        ("Gunmen killed ten people in Gao, a town in Burkina Faso.", "Gao", "BFA"),
    ],
)
def test_article_country_outweighs_population(text: str, name: str, country: str) -> None:
    (mention,) = named(places_in(text), name)
    assert mention.country == country
    assert mention.method in ("context", "country_context")


def test_one_reading_per_article() -> None:
    text = (
        "Fighting reached Gao, a town in Burkina Faso, on Monday. "
        "By Tuesday residents were fleeing Gao on foot."
    )
    assert {m.country for m in named(places_in(text), "Gao")} == {"BFA"}


# --- countries and regions -------------------------------------------------------------------


def test_country_mention_has_no_point() -> None:
    (mali,) = named(places_in("Soldiers mutinied in Mali on Wednesday."), "Mali")
    assert (mali.precision, mali.feature, mali.country) == ("country", "country", "MLI")
    assert mali.lat is None and mali.lon is None
    assert mali.geonames_id == 2453866


def test_congo_follows_the_article() -> None:
    text = "The DRC army retreated. Fighting in eastern Congo displaced thousands."
    found = places_in(text)
    (region,) = named(found, "eastern Congo")
    assert region.country == "COD" and region.precision == "region"


@pytest.mark.parametrize(
    ("text", "phrase", "country"),
    [
        ("Tuareg rebels advanced across northern Mali in January.", "northern Mali", "MLI"),
        ("The French war in Mali and the Sahel has failed.", "the Sahel", None),
        ("Mali's army lost ground in the north of the country.", "the north of the country", "MLI"),
        ("Rebels proclaimed the independence of Azawad in April.", "Azawad", "MLI"),
    ],
)
def test_regions(text: str, phrase: str, country: str | None) -> None:
    (region,) = named(places_in(text), phrase)
    assert region.precision == "region" and region.country == country
    assert region.lat is None


def test_capital_of_a_country_without_its_name() -> None:
    found = places_in("Gunfire was heard in the capital of Mali on Thursday.")
    (capital,) = named(found, "the capital of Mali")
    assert capital.name == "Bamako" and capital.method == "capital"


# --- not places ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The M23 took control of the area.",
        "Mr Goma said the talks had failed.",
        "Jean-Pierre Goma, a lawyer, said the trial was unfair.",
        "Congolese soldiers and Malian officers met on Monday.",
        "The influence of the West is waning.",
    ],
)
def test_not_places(text: str) -> None:
    found = places_in(text)
    assert not [m for m in found if m.precision in ("city", "point", "admin1", "admin2")], found
    assert not named(found, "M23") and not named(found, "Goma")


@pytest.mark.parametrize(
    ("text", "capital"),
    [
        ("Washington's real interests lie in the country's cobalt.", "Washington"),
        ("Paris invested enormous resources in the Sahel Plan.", "Paris"),
        ("Several countries froze their financial aid to Kigali.", "Kigali"),
    ],
)
def test_capital_as_government_is_never_a_city_point(text: str, capital: str) -> None:
    for mention in named(places_in(text), capital):
        assert mention.precision == "country" and mention.lat is None
        assert mention.method == "metonym"


def test_capital_as_a_place_is_a_city() -> None:
    (paris,) = named(places_in("In Paris, the newspaper Le Monde reported the coup."), "Paris")
    assert paris.precision == "city" and paris.country == "FRA"


# --- names the small model mis-tags or misses ------------------------------------------------


def test_untagged_town_in_the_article_country() -> None:
    found = places_in("The DRC army said M23 fighters captured Sake, 25 km west of Goma.")
    (sake,) = named(found, "Sake")
    assert sake.country == "COD" and sake.method == "untagged"
    assert within(sake, -1.5739, 29.0434, 5)
    (goma,) = named(found, "Goma")
    assert goma.country == "COD"


def test_run_together_entity_is_split() -> None:
    (mopti,) = named(places_in("The Malian convoy left Mopti for Timbuktu on Monday."), "Mopti")
    assert mopti.country == "MLI" and mopti.precision == "city"


def test_region_of_a_country_is_admin1() -> None:
    found = places_in("Soldiers were killed in an ambush in the Tillabéri region of Niger.")
    (region,) = named(found, "Tillabéri region")
    assert (region.precision, region.country, region.lat) == ("admin1", "NER", None)


def test_capitals_as_governments_on_both_sides() -> None:
    found = places_in("Kinshasa accuses Kigali of backing the M23 rebels.")
    assert [(m.text, m.country, m.method) for m in found] == [
        ("Kinshasa", "COD", "metonym"),
        ("Kigali", "RWA", "metonym"),
    ]


def test_city_inside_an_organisation_name_is_not_a_place() -> None:
    found = places_in("The University of Kinshasa closed. The Bank of Kigali opened.")
    assert not [m for m in found if m.precision == "city"]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Gombe's only gazetteer entries are abroad (Nigeria, Angola, Uganda): in a Kinshasa
        # report it is the commune, which the gazetteer lacks, so it is no place at all.
        ("Gunmen attacked a residence in the Gombe district of Kinshasa, the DRC army said. "
         "Congolese troops later secured the area.", "Gombe", None),
        # A capital or a big city is named without its country, and stays found.
        ("Congolese and Rwandan envoys met in Luanda on Monday, DRC officials said.", "Luanda",
         "AGO"),
        # One passing mention of Uganda does not make the article about Uganda.
        ("Fighting spread along the road north of Goma, towards the Ugandan border, this week.",
         "Goma", "COD"),
    ],
)  # fmt: skip
def test_a_small_town_abroad_needs_its_country_in_the_article(
    text: str, name: str, country: str | None
) -> None:
    found = [p for p in places_in(text) if p.text == name]
    assert [p.country for p in found] == ([country] if country else [])
