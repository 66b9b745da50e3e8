"""The minerals reference data and its loader: every row sourced, shares that add up, provinces
spelled as the gazetteer spells them, and malformed files refused with file and line."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from faultline.errors import ConfigError, NotFoundError, ReferenceDataError
from faultline.mentions.gazetteer import Gazetteer, load_gazetteer, normalise_name
from faultline.minerals.reference import DATA_DIR, MineralReference, load_reference
from faultline.models import GENERIC_MINERALS, Mineral, ProducingArea, ProductionShare

REQUIRED_MINERALS = (
    "cobalt", "copper", "tantalum", "tin", "tungsten", "gold", "lithium", "manganese",
    "uranium", "diamonds", "zinc", "germanium", "rare_earths", "bauxite",
)  # fmt: skip
# Words that are ordinary English and would make the mention detector misfire.
MISFIRING_WORDS = {"ore", "ores", "metal", "metals", "rock", "rocks", "mineral", "minerals", "mine"}
UNVERIFIED = "not verified against the document in this environment"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference() -> MineralReference:
    return load_reference()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


# --- The shipped data -------------------------------------------------------------------------


def test_the_issue_minerals_are_all_there(reference: MineralReference) -> None:
    ids = [m.id for m in reference.minerals]
    assert set(REQUIRED_MINERALS) <= set(ids)
    assert ids == sorted(ids)


def test_every_required_mineral_has_producers(reference: MineralReference) -> None:
    missing = [m for m in REQUIRED_MINERALS if not reference.shares(m)]
    assert missing == []


def test_every_share_row_has_a_source_a_year_and_a_url_or_reason(
    reference: MineralReference,
) -> None:
    for mineral in reference.minerals:
        for row in reference.shares(mineral.id):
            assert row.source.strip(), row.row_id
            assert 1990 <= row.year <= 2100, row.row_id
            assert row.source_url or row.note, f"{row.row_id}: no URL and no reason given"
            assert row.source_url is None or row.source_url.startswith("https://"), row.row_id


def test_every_area_row_has_a_source_and_a_url_or_reason(reference: MineralReference) -> None:
    for mineral in reference.minerals:
        for area in reference.areas(mineral.id):
            assert area.source.strip(), area.row_id
            assert area.source_url or area.note, f"{area.row_id}: no URL and no reason given"


def test_unverified_figures_say_so(reference: MineralReference) -> None:
    """A figure is either verified against retrieved text, or its note says it was not."""
    for mineral in reference.minerals:
        for row in reference.shares(mineral.id):
            note = row.note or ""
            assert "verified against" in note, f"{row.row_id}: note does not say how it was checked"
            if "approximate" in note:
                assert row.quantity is None and UNVERIFIED in note, row.row_id


def test_latest_shares_of_each_mineral_add_up_to_at_most_the_world(
    reference: MineralReference,
) -> None:
    for mineral in reference.minerals:
        total = sum(row.share for row in reference.shares(mineral.id))
        assert 0 < total <= 1, f"{mineral.id}: {total}"


def test_stated_quantities_agree_with_their_share(reference: MineralReference) -> None:
    """Within a mineral, share / quantity is one world total: a typo in either shows up."""
    for mineral in reference.minerals:
        worlds = [r.quantity / r.share for r in reference.shares(mineral.id) if r.quantity]
        if len(worlds) > 1:
            assert max(worlds) / min(worlds) < 1.1, mineral.id


def test_the_drc_is_the_top_cobalt_producer(reference: MineralReference) -> None:
    top = reference.shares("cobalt")[0]
    assert top.country == "COD"
    assert top.share > 0.6
    assert top.row_id == f"share:cobalt:COD:{top.year}"


@pytest.mark.parametrize(
    ("mineral", "country"),
    [
        ("cobalt", "COD"),
        ("copper", "COD"),
        ("copper", "ZMB"),
        ("tantalum", "COD"),
        ("tantalum", "RWA"),
        ("tin", "COD"),
        ("gold", "GHA"),
        ("gold", "MLI"),
        ("gold", "BFA"),
        ("gold", "SDN"),
        ("lithium", "ZWE"),
        ("manganese", "ZAF"),
        ("manganese", "GAB"),
        ("uranium", "NER"),
        ("uranium", "NAM"),
        ("diamonds", "BWA"),
        ("diamonds", "COD"),
        ("bauxite", "GIN"),
        ("rare_earths", "MDG"),
    ],
)
def test_african_producers_of_note_have_a_share(
    reference: MineralReference, mineral: str, country: str
) -> None:
    row = reference.share(mineral, country)
    assert row is not None and 0 < row.share < 1


def test_every_area_province_is_a_gazetteer_province_of_that_country(
    reference: MineralReference, gazetteer: Gazetteer
) -> None:
    unknown = []
    for mineral in reference.minerals:
        for area in reference.areas(mineral.id):
            provinces = {
                c.admin1
                for c in gazetteer.lookup(area.admin1)
                if c.feature == "admin1" and c.country == area.country
            }
            if area.admin1 not in provinces:
                unknown.append(f"{area.country} {area.admin1!r} ({area.mineral})")
    assert unknown == []


@pytest.mark.parametrize(
    ("town", "country", "mineral"),
    [
        ("Kolwezi", "COD", "cobalt"),
        ("Lubumbashi", "COD", "copper"),
        ("Mbuji-Mayi", "COD", "diamonds"),
        ("Tshikapa", "COD", "diamonds"),
        ("Bunia", "COD", "gold"),
        ("Mongbwalu", "COD", "gold"),
        ("Watsa", "COD", "gold"),
        ("Manono", "COD", "lithium"),
        ("Arlit", "NER", "uranium"),
        ("Obuasi", "GHA", "gold"),
        ("Moanda", "GAB", "manganese"),
        ("Kamsar", "GIN", "bauxite"),
        ("Oranjemund", "NAM", "diamonds"),
        ("Solwezi", "ZMB", "copper"),
        ("Bougouni", "MLI", "lithium"),
    ],
)
def test_an_event_in_a_mining_town_lands_in_a_producing_area(
    reference: MineralReference, gazetteer: Gazetteer, town: str, country: str, mineral: str
) -> None:
    """Events carry the admin1 of the city they resolve to; that name must find the area."""
    city = next(c for c in gazetteer.lookup(town) if c.country == country and c.feature == "city")
    assert reference.area(mineral, country, city.admin1) is not None


def test_aliases_are_lower_case_and_not_everyday_words(reference: MineralReference) -> None:
    for mineral in reference.minerals:
        for alias in mineral.aliases:
            assert alias == alias.lower(), alias
            assert alias not in MISFIRING_WORDS, alias


# --- Lookups ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "mineral_id"),
    [
        ("Coltan", "tantalum"),
        ("tantalum", "tantalum"),
        ("CASSITERITE", "tin"),
        ("wolframite", "tungsten"),
        ("Rare earths", "rare_earths"),
        ("rare-earth", "rare_earths"),
        ("rare_earths", "rare_earths"),
        ("rare earth elements", "rare_earths"),
        ("diamond", "diamonds"),
        ("Platinum", "pgm"),
    ],
)
def test_mineral_by_id_name_or_alias(
    reference: MineralReference, ref: str, mineral_id: str
) -> None:
    assert reference.mineral(ref).id == mineral_id


@pytest.mark.parametrize("ref", ["unobtainium", "ore", "3t", ""])
def test_unknown_mineral_is_a_config_error_listing_the_known_ids(
    reference: MineralReference, ref: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        reference.mineral(ref)
    assert type(caught.value) is ConfigError and caught.value.code == "E301"
    assert "cobalt" in caught.value.message and "tantalum" in caught.value.message


@pytest.mark.parametrize(
    ("term", "minerals"),
    [
        ("coltan", ("tantalum",)),
        ("cassiterite", ("tin",)),
        ("cobalt", ("cobalt",)),
        ("rare earths", ("rare_earths",)),
        ("3t", ("tin", "tantalum", "tungsten")),
        ("3tg", ("tin", "tantalum", "tungsten", "gold")),
        ("conflict minerals", ("tin", "tantalum", "tungsten", "gold")),
        ("battery metals", ("cobalt", "lithium", "nickel", "manganese", "graphite")),
        ("critical minerals", (GENERIC_MINERALS,)),
        ("strategic minerals", (GENERIC_MINERALS,)),
        ("critical raw materials", (GENERIC_MINERALS,)),
    ],
)
def test_terms_map_words_to_mineral_ids(
    reference: MineralReference, term: str, minerals: tuple[str, ...]
) -> None:
    assert reference.terms()[term] == minerals


def test_terms_leave_bare_minerals_to_the_mention_detector(reference: MineralReference) -> None:
    terms = reference.terms()
    assert "minerals" not in terms and "mineral" not in terms
    assert all(word == word.lower() for word in terms)


@pytest.mark.parametrize(
    ("mineral", "country", "admin1", "expected"),
    [
        ("cobalt", "COD", "lualaba", "Lualaba"),
        ("cobalt", "cod", "Lualaba", "Lualaba"),
        ("tantalum", "COD", "Nord Kivu", "Nord-Kivu"),
        ("coltan", "COD", "NORD-KIVU", "Nord-Kivu"),
        ("diamonds", "COD", "Kasai-Oriental", "Kasaï Oriental"),
        ("gold", "COD", "Haut-Uele", "Haut-Uélé"),
    ],
)
def test_area_matches_provinces_loosely(
    reference: MineralReference, mineral: str, country: str, admin1: str, expected: str
) -> None:
    area = reference.area(mineral, country, admin1)
    assert area is not None and area.admin1 == expected


@pytest.mark.parametrize(
    ("mineral", "country", "admin1"),
    [
        ("cobalt", "COD", None),
        ("cobalt", "COD", "Kinshasa"),
        ("cobalt", "ZMB", "Lualaba"),
        ("copper", "COD", "Nord-Kivu"),
        (GENERIC_MINERALS, "COD", "Lualaba"),
    ],
)
def test_area_outside_producing_provinces_is_none(
    reference: MineralReference, mineral: str, country: str, admin1: str | None
) -> None:
    assert reference.area(mineral, country, admin1) is None


def test_row_finds_share_and_area_rows_by_id(reference: MineralReference) -> None:
    share = reference.shares("cobalt")[0]
    assert reference.row(share.row_id) == share
    area = reference.area("cobalt", "COD", "Lualaba")
    assert area is not None and reference.row("area:cobalt:COD:Lualaba") == area
    with pytest.raises(NotFoundError):
        reference.row("share:cobalt:COD:1900")


def test_country_shares_are_largest_first(reference: MineralReference) -> None:
    drc = reference.country_shares("cod")
    assert drc[0].mineral == "cobalt"
    assert [r.share for r in drc] == sorted((r.share for r in drc), reverse=True)
    assert len({r.mineral for r in drc}) == len(drc)


def test_generic_stake_has_no_producers(reference: MineralReference) -> None:
    assert reference.shares(GENERIC_MINERALS) == ()
    assert reference.share(GENERIC_MINERALS, "COD") is None


HAND_BUILT = MineralReference(
    minerals=(Mineral("tin", "Tin", ("cassiterite",)), Mineral("cobalt", "Cobalt")),
    shares=(
        ProductionShare("share:cobalt:COD:2023", "cobalt", "COD", 0.70, 2023, "MCS 2024"),
        ProductionShare("share:cobalt:COD:2024", "cobalt", "COD", 0.74, 2024, "MCS 2025"),
        ProductionShare("share:cobalt:IDN:2024", "cobalt", "IDN", 0.10, 2024, "MCS 2025"),
        ProductionShare("share:cobalt:AUS:2023", "cobalt", "AUS", 0.02, 2023, "MCS 2024"),
    ),
    areas=(ProducingArea("area:tin:COD:Nord-Kivu", "tin", "COD", "Nord-Kivu", "IPIS"),),
)


def test_shares_keep_the_latest_year_per_country_largest_first() -> None:
    rows = HAND_BUILT.shares("cobalt")
    assert [(r.country, r.year, r.share) for r in rows] == [
        ("COD", 2024, 0.74),
        ("IDN", 2024, 0.10),
        ("AUS", 2023, 0.02),  # no newer row for Australia: its latest is still used
    ]
    assert HAND_BUILT.share("cobalt", "COD").year == 2024  # type: ignore[union-attr]
    assert HAND_BUILT.row("share:cobalt:COD:2023").share == 0.70  # type: ignore[union-attr]


def test_minerals_are_in_id_order_and_terms_come_from_names_and_aliases() -> None:
    assert [m.id for m in HAND_BUILT.minerals] == ["cobalt", "tin"]
    assert HAND_BUILT.terms() == {"cobalt": ("cobalt",), "tin": ("tin",), "cassiterite": ("tin",)}


# --- Malformed files --------------------------------------------------------------------------

GOOD = {
    "minerals.csv": "id,name,aliases\ncobalt,Cobalt,\ntantalum,Tantalum,coltan\n",
    "groups.csv": "term,minerals,note\ncritical minerals,minerals,generic\n",
    "production.csv": (
        "mineral,country,share,quantity,unit,year,source,source_url,note\n"
        "cobalt,COD,0.76,220000,t,2024,USGS MCS 2025,https://pubs.usgs.gov/x.pdf,\n"
        "cobalt,IDN,0.097,28000,t,2024,USGS MCS 2025,https://pubs.usgs.gov/x.pdf,\n"
    ),
    "areas.csv": (
        "mineral,country,admin1,source,source_url,note\n"
        "cobalt,COD,Lualaba,USGS Minerals Yearbook,https://www.usgs.gov/,\n"
    ),
    "regions.csv": (
        "region,country,provinces,source,note\n"
        "Katanga,COD,Haut-Katanga|Lualaba,Constitution of the DRC (2006),\n"
    ),
}
SHARE_ROW = "cobalt,IDN,0.097,28000,t,2024,USGS MCS 2025,https://pubs.usgs.gov/x.pdf,\n"


def write_reference(directory: Path, **replacements: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (directory / name).write_text(replacements.get(name.removesuffix(".csv"), text), "utf-8")
    return directory


def with_share_row(row: str) -> str:
    """The good production file with its third line replaced by ``row``."""
    return GOOD["production.csv"].replace(SHARE_ROW, row)


def test_a_well_formed_directory_loads(tmp_path: Path) -> None:
    loaded = MineralReference.from_directory(write_reference(tmp_path))
    assert [r.country for r in loaded.shares("cobalt")] == ["COD", "IDN"]
    assert loaded.mineral("coltan").id == "tantalum"
    assert loaded.terms()["critical minerals"] == (GENERIC_MINERALS,)


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("cobalt,IDN,1.5,,,2024,USGS,,\n", "share"),
        ("cobalt,IDN,0,,,2024,USGS,,\n", "share"),
        ("cobalt,IDN,ten percent,,,2024,USGS,,\n", "share"),
        ("cobalte,IDN,0.1,,,2024,USGS,,\n", "unknown mineral"),
        ("cobalt,Indonesia,0.1,,,2024,USGS,,\n", "alpha-3"),
        ("cobalt,IDN,0.1,,,1850,USGS,,\n", "year"),
        ("cobalt,IDN,0.1,,,24,USGS,,\n", "year"),
        ("cobalt,IDN,0.1,,,2024,,,\n", "source"),
        ("cobalt,IDN,0.1,,,2024,USGS,ftp://example.org/x,\n", "source_url"),
        ("cobalt,IDN,0.1,28000,,2024,USGS,,\n", "unit"),
        ("cobalt,IDN,0.1,-5,t,2024,USGS,,\n", "negative"),
        ("cobalt,COD,0.1,,,2024,USGS,,\n", "twice"),
        ("cobalt,IDN,0.1,,,2024,USGS\n", "columns"),
    ],
)
def test_a_malformed_share_row_names_file_and_line(
    tmp_path: Path, row: str, complaint: str
) -> None:
    directory = write_reference(tmp_path, production=with_share_row(row))
    with pytest.raises(ReferenceDataError) as caught:
        MineralReference.from_directory(directory)
    assert caught.value.source == f"{directory / 'production.csv'}:3"
    assert complaint in caught.value.message
    assert caught.value.code == "E302"


@pytest.mark.parametrize(
    ("name", "text", "line", "complaint"),
    [
        (
            "areas",
            "mineral,country,admin1,source,source_url,note\ncobalt,COD,,USGS,,\n",
            2,
            "admin1",
        ),
        (
            "areas",
            "mineral,country,admin1,source,source_url,note\ngold,COD,Ituri,USGS,,\n",
            2,
            "gold",
        ),
        ("minerals", "id,name,aliases\ncobalt,Cobalt,\ncobalt,Cobalt again,\n", 3, "twice"),
        ("minerals", "id,name,aliases\nRare Earths,Rare earths,\n", 2, "id"),
        ("minerals", "id,name,aliases\ncobalt,Cobalt,Heterogenite\n", 2, "lower case"),
        ("groups", "term,minerals,note\n3t,tin|tantalum,\n", 2, "unknown minerals: tin"),
        ("groups", "term,minerals,note\n3t,,\n", 2, "no minerals"),
        ("production", "mineral,country,share\ncobalt,COD,0.7\n", 1, "header"),
    ],
)
def test_malformed_rows_in_any_file_name_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, complaint: str
) -> None:
    directory = write_reference(tmp_path, **{name: text})
    with pytest.raises(ReferenceDataError) as caught:
        MineralReference.from_directory(directory)
    assert caught.value.source == f"{directory / (name + '.csv')}:{line}"
    assert complaint in caught.value.message


def test_shares_adding_up_to_more_than_the_world_are_refused(tmp_path: Path) -> None:
    directory = write_reference(
        tmp_path, production=with_share_row("cobalt,IDN,0.3,,,2024,USGS,,\n")
    )
    with pytest.raises(ReferenceDataError, match=r"cobalt add up to 1\.060") as caught:
        MineralReference.from_directory(directory)
    assert caught.value.source == str(directory / "production.csv")


def test_an_older_year_does_not_count_towards_the_world(tmp_path: Path) -> None:
    older = "cobalt,COD,0.70,,,2023,USGS MCS 2024,,\n"
    directory = write_reference(tmp_path, production=with_share_row(older))
    loaded = MineralReference.from_directory(directory)
    assert [(r.country, r.year) for r in loaded.shares("cobalt")] == [("COD", 2024)]


@pytest.mark.parametrize(
    ("name", "text", "complaint"),
    [
        ("minerals", "id,name,aliases\ncobalt,Cobalt,coltan\ntantalum,Tantalum,coltan\n", "both"),
        ("groups", "term,minerals,note\ncoltan,tantalum,\n", "already a name"),
    ],
)
def test_a_word_naming_two_things_is_refused(
    tmp_path: Path, name: str, text: str, complaint: str
) -> None:
    directory = write_reference(tmp_path, **{name: text})
    with pytest.raises(ReferenceDataError, match=complaint) as caught:
        MineralReference.from_directory(directory)
    assert caught.value.source == str(directory / f"{name}.csv")


def test_a_region_resolves_to_its_provinces_and_needs_them(tmp_path: Path) -> None:
    loaded = MineralReference.from_directory(write_reference(tmp_path))
    katanga = loaded.region("cod", "katanga")
    assert katanga is not None and katanga.provinces == ("Haut-Katanga", "Lualaba")
    assert loaded.row("region:COD:Katanga") == katanga
    empty = "region,country,provinces,source,note\nKatanga,COD,,Constitution,\n"
    with pytest.raises(ReferenceDataError, match="provinces") as caught:
        MineralReference.from_directory(write_reference(tmp_path / "bad", regions=empty))
    assert caught.value.source is not None and caught.value.source.endswith("regions.csv:2")


def test_every_region_province_is_a_gazetteer_province_of_that_country(
    reference: MineralReference, gazetteer: Gazetteer
) -> None:
    unknown = [
        f"{region.country} {province!r} ({region.region})"
        for region in reference.regions
        for province in region.provinces
        if province
        not in {
            c.admin1
            for c in gazetteer.lookup(province)
            if c.feature == "admin1" and c.country == region.country
        }
    ]
    assert reference.regions and unknown == []


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    directory = write_reference(tmp_path)
    (directory / "areas.csv").unlink()
    with pytest.raises(ReferenceDataError) as caught:
        MineralReference.from_directory(directory)
    assert caught.value.source == str(directory / "areas.csv")


def test_the_data_files_ship_in_the_wheel() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    shipped = pyproject["tool"]["setuptools"]["package-data"]["faultline"]
    data = DATA_DIR.relative_to(REPO / "faultline").as_posix()
    assert f"{data}/*" in shipped


def test_no_province_is_listed_twice_under_two_spellings(reference: MineralReference) -> None:
    seen: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for mineral in reference.minerals:
        for area in reference.areas(mineral.id):
            seen[(area.mineral, area.country)].append(normalise_name(area.admin1))
    assert all(len(keys) == len(set(keys)) for keys in seen.values())


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Fighting in eastern Congo killed ten soldiers on Sunday.", "COD"),
        ("Rebels attacked villages in the Kivus on Monday.", "COD"),
        ("Miners protested in Katanga on Friday.", "COD"),
        ("Paramilitaries shelled camps in Darfur on Tuesday.", "SDN"),
        ("Clashes spread across Kordofan last week.", "SDN"),
    ],
)
def test_every_region_is_named_as_the_place_resolver_names_it(
    reference: MineralReference, sentence: str, country: str
) -> None:
    from faultline.ingest.normalise import normalise
    from faultline.mentions.places import find_places
    from faultline.models import RawDocument
    from faultline.nlp import parse

    article = normalise(RawDocument(path="r.txt", format="txt", text=f"Report\n\n{sentence}"))
    regions = [p for p in find_places(parse(article), article) if p.precision != "city"]
    assert any(reference.region(country, p.name) for p in regions), [p.name for p in regions]
