"""Which names could be one entity (before context decides): containment, surnames,
spelling variants, acronyms; kinds, countries and knowledge-base pairs that never merge."""

from __future__ import annotations

import pytest

from faultline.link.entities import Named, _candidates, _Index, name_words


def named(name: str, kind: str = "person", country: str | None = None, source: str = "ner",
          entity_id: str | None = None) -> Named:  # fmt: skip
    return Named(entity_id or f"ent_{name}", name, kind, country, source)


def candidates(entity: Named, *others: Named) -> dict[str, str]:
    index = _Index({n.id: n for n in (entity, *others)})
    return {other.name: rule for other, rule, _ in _candidates(entity, index)}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        pytest.param("Col. Jean-Pierre Mbuyi", ("jean", "pierre", "mbuyi"), id="title-hyphen"),
        pytest.param("Thérèse Kabwe", ("therese", "kabwe"), id="accents"),
        pytest.param("President Félix Tshisekedi", ("felix", "tshisekedi"), id="president"),
    ],
)
def test_name_words(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize(
    ("name", "other", "rule"),
    [
        pytest.param("Jonas Mumbere", "Jonas Mumbere Kasereka", "contained", id="fuller-name"),
        pytest.param("Malanga", "Christian Malanga Musumari", "surname", id="surname"),
        pytest.param("Therese Kabwe", "Thérèse Kabwe Ngoy", "contained", id="accent-variant"),
        pytest.param("Patrice Ilunga Mwanba", "Patrice Ilunga Mwamba", "spelling", id="typo"),
        pytest.param("Issouf Sawadgo", "Issouf Sawadogo", "spelling", id="dropped-letter"),
    ],
)
def test_name_variants_are_candidates(name: str, other: str, rule: str) -> None:
    assert candidates(named(name), named(other)) == {other: rule}


def test_acronym_and_its_name() -> None:
    party = named("Alliance for Democratic Renewal", "party")
    assert candidates(named("ADR", "party"), party) == {party.name: "acronym"}
    assert candidates(party, named("ADR", "party")) == {"ADR": "acronym"}


@pytest.mark.parametrize(
    ("entity", "other"),
    [
        pytest.param(named("Jean-Pierre"), named("Jean-Pierre Mbuyi"), id="given-name-only"),
        pytest.param(
            named("Kabila", country="COD"),
            named("Joseph Kabila", country="RWA"),
            id="other-country",
        ),
        pytest.param(
            named("Zhenlong Mining", "company"),
            named("Zhenlong Mining Kivu", "rebel"),
            id="company-vs-armed-group",
        ),
        pytest.param(
            named("Paul Kagame", source="kb", entity_id="per_paul_kagame"),
            named("Paul Kagame Jr", source="kb", entity_id="per_other"),
            id="two-kb-entities",
        ),
        pytest.param(named("John Smith"), named("Jane Smythe"), id="different-people"),
    ],
)
def test_names_that_are_never_candidates(entity: Named, other: Named) -> None:
    assert candidates(entity, other) == {}


def test_person_and_group_from_the_ner_may_be_one_name() -> None:
    # The NER tags some people as organisations; names only it found may still merge.
    person = named("Patrice Ilunga Mwamba", "person")
    assert candidates(named("Ilunga Mwamba", "group"), person) == {person.name: "contained"}
