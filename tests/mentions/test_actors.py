"""The actor resolver: KB matches, metonymy, coreference, fuzzy names, generic actors, seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from faultline.ingest.normalise import normalise
from faultline.mentions.actors import find_actors
from faultline.models import ActorMention, Article, RawDocument
from faultline.nlp import parse

PUBLISHED = dt.date(2024, 5, 22)


def article_of(text: str) -> Article:
    return normalise(RawDocument(path="test.txt", format="txt", text=text), published=PUBLISHED)


def actors(text: str) -> tuple[ActorMention, ...]:
    article = article_of(text)
    return find_actors(parse(article), article)


def mention(found: tuple[ActorMention, ...], text: str, nth: int = 0) -> ActorMention | None:
    matches = [m for m in found if m.text == text]
    return matches[nth] if len(matches) > nth else None


# --- knowledge-base matches and NER fixes -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "entity_id", "kind", "sector", "country"),
    [
        pytest.param("M23 seized Goma in January.", "M23", "grp_m23", "rebel", "REB", "COD",
                     id="m23-is-a-rebel-group"),
        pytest.param("FARDC soldiers retook the hill.", "FARDC soldiers", "mil_COD", "military",
                     "MIL", "COD", id="fardc"),
        pytest.param("The MNLA rebels attacked Aguelhok.", "MNLA rebels", "grp_mnla", "rebel",
                     "REB", "MLI", id="mnla"),
        pytest.param("The Congolese government accuses Rwanda of arming the rebels.",
                     "Congolese government", "gov_COD", "government", "GOV", "COD",
                     id="demonym-government"),
        pytest.param("ECOWAS threatened to intervene in Niger.", "ECOWAS", "igo_ecowas", "igo",
                     "IGO", None, id="igo"),
        pytest.param("The Republican Guard surrounded the palace in Niamey, Niger.",
                     "Republican Guard", "mil_republican_guard", "military", "MIL", "NER",
                     id="country-from-context"),
    ],
)  # fmt: skip
def test_kb_actors(
    text: str, surface: str, entity_id: str, kind: str, sector: str, country: str | None
) -> None:
    found = mention(actors(text), surface)
    assert found is not None
    assert (found.entity_id, found.kind, found.sector, found.country, found.method) == (
        entity_id,
        kind,
        sector,
        country,
        "kb",
    )


def test_goma_is_never_a_person() -> None:
    found = actors("Goma fell to the rebels after two days of fighting. Goma is now quiet.")
    assert not [m for m in found if "Goma" in m.text]


def test_kb_person_keeps_its_role() -> None:
    found = mention(actors("General Sylvain Ekenge said the coup was foiled."), "Sylvain Ekenge")
    assert found is not None
    assert (found.entity_id, found.role, found.country) == (
        "per_sylvain_ekenge",
        "army spokesman",
        "COD",
    )


# --- countries and capitals as actors ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "entity_id", "method"),
    [
        pytest.param("Kigali denied the accusation.", "Kigali", "gov_RWA", "metonym",
                     id="capital-subject"),
        pytest.param("Washington imposed sanctions on two officials.", "Washington", "gov_USA",
                     "metonym", id="washington-sanctions"),
        pytest.param("Kigali's support for the rebels is documented.", "Kigali", "gov_RWA",
                     "metonym", id="capital-possessor"),
        pytest.param("Germany froze its aid to Kigali.", "Kigali", "gov_RWA", "metonym",
                     id="capital-recipient"),
        pytest.param("Rwanda backs the M23.", "Rwanda", "cty_RWA", "kb", id="country-subject"),
        pytest.param("The rebellion was backed by Rwanda.", "Rwanda", "cty_RWA", "kb",
                     id="country-agent"),
    ],
)  # fmt: skip
def test_countries_and_capitals_in_actor_slots(
    text: str, surface: str, entity_id: str, method: str
) -> None:
    found = mention(actors(text), surface)
    assert found is not None
    assert (found.entity_id, found.method) == (entity_id, method)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        pytest.param("The delegation arrived in Kigali on Monday.", "Kigali", id="in-capital"),
        pytest.param("Heavy fighting broke out in Kinshasa overnight.", "Kinshasa",
                     id="fighting-in-capital"),
        pytest.param("Kinshasa is a city of 17 million people.", "Kinshasa",
                     id="capital-described"),
        pytest.param("Refugees fled from Rwanda into Uganda.", "Rwanda", id="country-as-place"),
        pytest.param("Mali is one of the poorest countries in the world.", "Mali",
                     id="country-described"),
    ],
)  # fmt: skip
def test_places_are_not_actors(text: str, surface: str) -> None:
    assert mention(actors(text), surface) is None


def test_demonym_noun_is_an_actor_but_adjective_is_not() -> None:
    found = actors("He said several Americans and a Congolese citizen were involved.")
    americans = mention(found, "Americans")
    assert americans is not None
    assert (americans.country, americans.method) == ("USA", "demonym")
    assert mention(found, "Congolese") is None


# --- coreference ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "name", "entity_id"),
    [
        pytest.param("Christian Malanga led the attack. Malanga was killed hours later.",
                     "Malanga", "Christian Malanga", "per_christian_malanga", id="kb-surname"),
        pytest.param("President Amadou Toumani Touré was overthrown. Touré fled to Senegal.",
                     "Touré", "Amadou Toumani Touré", "per_amadou_toumani_toure",
                     id="accented-surname"),
        pytest.param("Christian Malanga and his son Marcel Malanga entered the palace. "
                     "Malanga was killed.", "Malanga", "Christian Malanga",
                     "per_christian_malanga", id="shared-surname-prefers-kb"),
        pytest.param("Admiral Giampaolo Di Paola spoke in Brussels. Di Paola said the missiles "
                     "could leave Libya.", "Di Paola", "Giampaolo Di Paola", None,
                     id="ner-compound-surname"),
    ],
)  # fmt: skip
def test_surname_after_full_name(text: str, surface: str, name: str, entity_id: str | None) -> None:
    found = [m for m in actors(text) if m.text == surface and m.method == "coref"]
    assert found, surface
    assert (found[-1].name, found[-1].entity_id) == (name, entity_id)


def test_surname_without_full_name_is_not_linked() -> None:
    found = actors("Malanga was arrested in Kinshasa on Sunday.")
    assert not [m for m in found if m.entity_id == "per_christian_malanga"]


def test_junta_refers_to_the_coup_leader() -> None:
    found = actors(
        "Mutinous soldiers led by Captain Amadou Sanogo seized power in Mali. "
        "The junta suspended the constitution."
    )
    junta = mention(found, "junta")
    assert junta is not None
    assert (junta.entity_id, junta.kind, junta.method) == (
        "per_amadou_haya_sanogo",
        "military",
        "coref",
    )


def test_the_rebels_refers_to_the_last_named_armed_group() -> None:
    found = actors("M23 seized Goma in January. In February the rebels took Bukavu.")
    rebels = mention(found, "rebels")
    assert rebels is not None
    assert (rebels.entity_id, rebels.method) == ("grp_m23", "coref")


def test_rebels_without_antecedent_stay_generic() -> None:
    rebels = mention(actors("The rebels attacked a village near the border."), "rebels")
    assert rebels is not None
    assert (rebels.entity_id, rebels.kind, rebels.sector, rebels.method) == (
        None,
        "rebel",
        "REB",
        "generic",
    )


# --- fuzzy names ------------------------------------------------------------------------------


def test_misspelt_name_matches_in_context() -> None:
    found = mention(
        actors(
            "Mutinous soldiers led by Captain Amadou Sanago seized power on Thursday in "
            "Bamako, the capital of Mali."
        ),
        "Amadou Sanago",
    )
    assert found is not None
    assert (found.entity_id, found.method) == ("per_amadou_haya_sanogo", "fuzzy")
    assert 0.85 <= found.score < 1.0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Amadou Sanago opened a bakery in Lyon last year.", id="no-mali-context"),
        pytest.param("Amadou said the market in Bamako, Mali, was busy.", id="first-name-only"),
        pytest.param("Lieutenant Amadou Konaré spoke for the junta in Mali.",
                     id="different-surname"),
    ],
)  # fmt: skip
def test_fuzzy_match_needs_context_and_a_close_name(text: str) -> None:
    assert not [m for m in actors(text) if m.method == "fuzzy"]


# --- persons and generic actors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "role"),
    [
        pytest.param("US State Department Spokesperson Matthew Miller said he was aware.",
                     "Matthew Miller", "spokesperson", id="title-inside-entity"),
        pytest.param("The spokesman for the junta is a Lieutenant Amadou Konaré.",
                     "Amadou Konaré", "lieutenant", id="title-ner-missed"),
    ],
)  # fmt: skip
def test_unknown_person_with_title(text: str, surface: str, role: str) -> None:
    found = mention(actors(text), surface)
    assert found is not None
    assert (found.kind, found.entity_id, found.role, found.method) == ("person", None, role, "ner")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "sector"),
    [
        pytest.param("Several dozen heavily armed men attacked the palace.",
                     "Several dozen heavily armed men", "group", "UAF", id="armed-men"),
        pytest.param("Mutinous soldiers seized the state broadcaster.", "Mutinous soldiers",
                     "military", "MIL", id="soldiers"),
        pytest.param("Protesters gathered outside the French embassy.", "Protesters",
                     "civilians", "CVL", id="protesters"),
        pytest.param("Police fired tear gas at the crowd.", "Police", "police", "COP",
                     id="police"),
        pytest.param("The attack killed several civilians.", "several civilians", "civilians",
                     "CVL", id="civilians"),
    ],
)  # fmt: skip
def test_generic_actors(text: str, surface: str, kind: str, sector: str) -> None:
    found = mention(actors(text), surface)
    assert found is not None
    assert (found.kind, found.sector, found.entity_id, found.method) == (
        kind,
        sector,
        None,
        "generic",
    )


def test_generic_actor_takes_the_sentence_country() -> None:
    found = mention(actors("A Malian soldier was killed in an ambush."), "Malian soldier")
    assert found is not None
    assert found.country == "MLI"


def test_men_without_arms_are_not_actors() -> None:
    assert mention(actors("Two men walked to the market."), "Two men") is None


def test_mentions_are_sorted_and_spans_match_text() -> None:
    text = (
        "Mutinous soldiers led by Captain Amadou Sanago seized power in Bamako, Mali. "
        "Kigali denied backing the M23. Malanga was killed; the junta said nothing."
    )
    article = article_of(text)
    found = find_actors(parse(article), article)
    assert [m.span.start for m in found] == sorted(m.span.start for m in found)
    for m in found:
        assert m.span.of(article.text) == m.text


# --- the seed articles --------------------------------------------------------------------------

SEED_EXPECTED = {
    "drc-coup-attempt-2024.txt": {
        "per_christian_malanga", "per_felix_tshisekedi", "per_sylvain_ekenge", "mil_COD",
        "grp_m23", "grp_adf", "cty_RWA", "gov_USA", "per_lucy_tamlyn", "per_patrice_lumumba",
    },
    "mali-coup-2012.txt": {
        "per_amadou_haya_sanogo", "per_amadou_toumani_toure", "grp_mnla", "mil_MLI",
        "igo_ocha", "per_moussa_traore",
    },
    "drc-us-minerals-2025.txt": {
        "grp_m23", "cty_RWA", "cty_USA", "gov_COD", "gov_RWA", "mil_COD", "cty_DEU", "cty_GBR",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def seeds(corpus_dir: Path, seed_gold: dict[str, dict[str, Any]]) -> dict[str, tuple[Article, Any]]:
    parsed = {}
    for name in SEED_EXPECTED:
        path = corpus_dir / "seeds" / name
        published = dt.date.fromisoformat(seed_gold[name]["published"])
        raw = RawDocument(path=str(path), format="txt", text=path.read_text(encoding="utf-8"))
        article = normalise(raw, published=published)
        parsed[name] = (article, parse(article))
    return parsed


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_actors_resolve(seeds: dict[str, tuple[Article, Any]], name: str) -> None:
    article, doc = seeds[name]
    found = find_actors(doc, article)
    assert SEED_EXPECTED[name] <= {m.entity_id for m in found}
    assert not [m for m in found if m.text == "Goma"]


def test_seed_sanogo_is_found_by_fuzzy_match(seeds: dict[str, tuple[Article, Any]]) -> None:
    article, doc = seeds["mali-coup-2012.txt"]
    sanogo = [m for m in find_actors(doc, article) if m.entity_id == "per_amadou_haya_sanogo"]
    assert sanogo and sanogo[0].method == "fuzzy"
    assert sanogo[0].country == "MLI"


def test_seed_gold_actor_names_appear(
    seeds: dict[str, tuple[Article, Any]], seed_gold: dict[str, dict[str, Any]]
) -> None:
    """Every name a gold fact's actors_any lists is the name or text of some actor mention."""
    for name, (article, doc) in seeds.items():
        surfaces = {s.casefold() for m in find_actors(doc, article) for s in (m.name, m.text)}
        for fact in seed_gold[name]["facts"]:
            wanted = [w.casefold() for w in fact.get("actors_any", [])]
            if wanted:
                assert any(any(w in s for s in surfaces) for w in wanted), fact["id"]
