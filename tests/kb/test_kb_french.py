"""French names in the knowledge base: aliases, demonyms, and entity-ruler tags on French text."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from faultline import kb


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        pytest.param("RDC", "cty_COD", id="rdc"),
        pytest.param("République démocratique du Congo", "cty_COD", id="rdc-long"),
        pytest.param("Etats-Unis", "cty_USA", id="etats-unis-unaccented"),
        pytest.param("Royaume-Uni", "cty_GBR", id="royaume-uni"),
        pytest.param("Allemagne", "cty_DEU", id="allemagne"),
        pytest.param("Afrique du Sud", "cty_ZAF", id="afrique-du-sud"),
        pytest.param("Soudan du Sud", "cty_SSD", id="soudan-du-sud"),
        pytest.param("Ethiopie", "cty_ETH", id="ethiopie-unaccented"),
        pytest.param("FARDC", "mil_COD", id="fardc"),
        pytest.param("armée malienne", "mil_MLI", id="armee-malienne"),
        pytest.param("Forces armées burkinabè", "mil_BFA", id="forces-burkinabe"),
        pytest.param("Mouvement du 23 mars", "grp_m23", id="m23-long"),
        pytest.param("AFC", "grp_m23", id="afc"),
        pytest.param("Etat islamique au Sahel", "grp_isgs", id="ei-sahel"),
        pytest.param("Union africaine", "igo_au", id="ua"),
        pytest.param("Nations unies", "igo_un", id="nations-unies"),
        pytest.param("UE", "igo_eu", id="ue"),
    ],
)
def test_french_names_resolve(name: str, entity_id: str) -> None:
    assert [e.id for e in kb.kb_index().lookup(name)] == [entity_id]


@pytest.mark.parametrize(
    ("demonym", "iso3"),
    [
        pytest.param("congolais", "COD", id="congolais"),
        pytest.param("malienne", "MLI", id="malienne"),
        pytest.param("Burkinabé", "BFA", id="burkinabe"),
        pytest.param("nigérien", "NER", id="nigerien"),
        pytest.param("nigérian", "NGA", id="nigerian"),
        pytest.param("Guinéens", "GIN", id="guineens"),
        pytest.param("Américains", "USA", id="americains"),
        pytest.param("sud-soudanais", "SSD", id="sud-soudanais"),
        pytest.param("soudanais", "SDN", id="soudanais"),
    ],
)
def test_french_demonyms_name_their_country(demonym: str, iso3: str) -> None:
    assert kb.kb_index().country_of(demonym) == iso3


def test_english_adjective_still_builds_generated_aliases() -> None:
    # French demonyms follow the English adjective, so "Malian army" still comes from it.
    mali = kb.kb_index().country_by_iso3["MLI"]
    assert mali.demonyms[0] == "Malian"
    assert [e.id for e in kb.kb_index().lookup("Chadian troops")] == ["mil_TCD"]


@pytest.fixture(scope="module")
def french_ruler() -> Language:
    """French tokenizer plus our entity ruler: how French text splits the KB's phrase patterns."""
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(list(kb.ruler_patterns()))
    return nlp


@pytest.mark.parametrize(
    ("sentence", "text", "entity_id"),
    [
        pytest.param("Les FARDC ont repoussé l'attaque.", "FARDC", "mil_COD", id="les-fardc"),
        pytest.param("Les combats reprennent dans l'est de la RDC.", "RDC", "cty_COD", id="la-rdc"),
        pytest.param("Le M23 contrôle désormais Goma.", "M23", "grp_m23", id="le-m23"),
        pytest.param(
            "L'armée malienne a quitté Kidal.", "armée malienne", "mil_MLI", id="armee-malienne"
        ),
        pytest.param("La CEDEAO a suspendu le Niger.", "CEDEAO", "igo_ecowas", id="cedeao"),
        pytest.param(
            "L'État islamique au Sahel a revendiqué l'attaque.",
            "État islamique au Sahel",
            "grp_isgs",
            id="eis",
        ),
        pytest.param(
            "Des soldats burkinabè ont été tués près de Djibo.",
            "soldats burkinabè",
            "mil_BFA",
            id="soldats-burkinabe",
        ),
        pytest.param("Des Maliens ont manifesté à Bamako.", "Maliens", "cty_MLI", id="maliens"),
    ],
)
def test_french_sentences_tag_kb_entities(
    french_ruler: Language, sentence: str, text: str, entity_id: str
) -> None:
    ents = {e.text: e.ent_id_ for e in french_ruler(sentence).ents}
    assert ents.get(text) == entity_id, ents
