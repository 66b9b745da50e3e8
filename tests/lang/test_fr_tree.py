"""French misparses and structures rebuilt into the English model's tree shapes."""

from __future__ import annotations

import pytest

from tests.lang.conftest import is_tree, tokens


@pytest.mark.parametrize(
    ("text", "name", "dep"),
    [
        ("Il a vécu sous la dictature de Mobutu Sese Seko.", "Seko", "pobj"),
        ("Après l’assassinat du Premier ministre Patrice Lumumba en 1961, tout a changé.",
         "Lumumba", "pobj"),
    ],
)  # fmt: skip
def test_a_name_of_several_words_is_headed_by_its_last(fr, text, name, dep) -> None:
    doc = fr(text)
    head = tokens(doc)[name]
    assert head.dep_ == dep
    words = [t for t in doc if t.head == head and t.dep_ == "compound"]
    assert words and all(w.i < head.i for w in words)
    assert is_tree(doc)


def test_a_title_before_a_name_hands_the_name_its_slot(fr) -> None:
    doc = fr("Christian Malanga a menacé le président Félix Tshisekedi.")
    found = tokens(doc)
    assert found["Tshisekedi"].dep_ == "dobj" and found["Tshisekedi"].head.text == "menacé"
    assert found["président"].dep_ == "compound" and found["le"].head.text == "Tshisekedi"
    assert is_tree(doc)


@pytest.mark.parametrize(
    ("text", "first", "second", "verb"),
    [
        ("Christian Malanga et trois autres assaillants ont été tués, a indiqué le général "
         "Ekenge.", "Malanga", "assaillants", "tués"),
        ("Deux soldats et un civil ont été tués, a déclaré un responsable local.",
         "soldats", "civil", "tués"),
    ],
)  # fmt: skip
def test_coordinated_subjects_before_a_reporting_verb_stay_the_reported_verbs(
    fr, text, first, second, verb
) -> None:
    found = tokens(fr(text))
    assert found[first].head.text == verb and found[first].dep_ == "nsubjpass"
    assert found[second].head.text == first and found[second].dep_ == "conj"
    assert found[verb].dep_ == "ccomp"


def test_the_subject_after_a_fronted_phrase_is_the_verbs(fr) -> None:
    doc = fr("En échange de la production de plusieurs mines, Pékin s'est engagé à investir.")
    found = tokens(doc)
    assert found["Pékin"].dep_ == "nsubj" and found["Pékin"].head.text == "engagé"
    assert is_tree(doc)


def test_an_apposition_with_its_own_clause_keeps_the_rebuilt_parse(fr) -> None:
    doc = fr("Les États-Unis ont imposé des sanctions contre James Kabarebe, ministre d'État "
             "rwandais chargé de l'Intégration régionale, et contre Lawrence Kanyuka.")  # fmt: skip
    found = tokens(doc)
    assert found["Kabarebe"].dep_ != "flat:name"  # the sentence was rebuilt, not only relabelled
    assert found["ministre"].dep_ == "appos"
    assert is_tree(doc)


def test_coordinated_subjects_after_a_fronted_phrase_are_the_verbs(fr) -> None:
    doc = fr("Sous la pression, l'Allemagne et le Royaume-Uni ont gelé une partie de leur aide.")
    found = tokens(doc)
    assert found["Allemagne"].dep_ == "nsubj" and found["Allemagne"].head.text == "gelé"
    assert found["Royaume-Uni"].dep_ == "conj" and found["Royaume-Uni"].head.text == "Allemagne"
    assert is_tree(doc)


def test_a_list_after_its_verb_is_left_alone(fr) -> None:
    doc = fr("Les soldats, les policiers et les gendarmes ont été déployés dans la ville.")
    assert tokens(doc)["soldats"].dep_ in ("nsubj", "nsubjpass")
    assert is_tree(doc)


@pytest.mark.parametrize(
    ("word", "adverb"),
    [
        ("militairement", True), ("officiellement", True), ("financièrement", True),
        ("récemment", True), ("violemment", True), ("gouvernement", False),
        ("affrontement", False), ("déploiement", False), ("mouvement", False),
    ],
)  # fmt: skip
def test_adverbs_in_ment_are_told_from_nouns(fr, word: str, adverb: bool) -> None:
    from faultline.lang.fr import model_adjectives
    from faultline.lang.fr_tree import is_adverb_form

    assert is_adverb_form(word, model_adjectives(fr)) is adverb


def test_a_misparsed_adverb_gives_back_the_agent_it_took(fr) -> None:
    doc = fr("Le M23, soutenu militairement et logistiquement par le Rwanda, a pris Goma.")
    found = tokens(doc)
    assert found["logistiquement"].pos_ == "ADV" and found["logistiquement"].dep_ == "advmod"
    assert found["par"].dep_ == "agent" and found["par"].head.text == "soutenu"
    assert is_tree(doc)


def test_coordinated_subjects_of_the_main_verb_make_it_the_root(fr) -> None:
    doc = fr("L'Allemagne et le Royaume-Uni ont gelé une partie de leur aide financière à Kigali.")
    found = tokens(doc)
    assert found["gelé"].dep_ == "ROOT"
    assert found["Allemagne"].dep_ == "nsubj" and found["Allemagne"].head.text == "gelé"
    assert found["Royaume-Uni"].head.text == "Allemagne"
    assert is_tree(doc)
