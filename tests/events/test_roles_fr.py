"""Who does what to whom in French: roles read off the glossed French parse."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.events.extract import extract_all
from faultline.events.light_verbs_fr import french_light_verb
from faultline.events.roles import roles_of
from faultline.events.typing_rules import phrase_rules
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import RawDocument
from faultline.nlp import load_nlp, parse


def french_drafts(text: str) -> list[EventDraft]:
    raw = RawDocument(path="t.txt", format="txt", text=text)
    article = replace(normalise(raw, published=dt.date(2025, 2, 21)), language="fr")
    doc = parse(article)
    return find_event_clauses(doc, article, extract_mentions(doc, article))


def role_names(draft: EventDraft, role: str) -> list[str]:
    return [a.name for a in draft.actors if a.role == role]


def draft_with(drafts: list[EventDraft], lemma: str) -> EventDraft:
    (draft,) = [d for d in drafts if d.trigger_lemma == lemma]
    return draft


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Les États-Unis ont imposé le 20 février des sanctions contre James Kabarebe.",
         "United States", "James Kabarebe"),
        ("Les États-Unis ont imposé jeudi des sanctions contre le M23.",
         "United States", "March 23 Movement"),
    ],
)  # fmt: skip
def test_light_verb_subject_acts_through_a_misattached_noun(text, actor, recipient):
    draft = draft_with(french_drafts(text), "sanction")
    assert actor in role_names(draft, "actor")
    assert recipient in role_names(draft, "recipient")


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Des combats ont opposé vendredi l’armée malienne aux rebelles du MNLA près de Kidal.",
         {"Malian Armed Forces"}),
        ("Des combats ont opposé l’armée malienne aux rebelles du MNLA.",
         {"Malian Armed Forces"}),
    ],
)  # fmt: skip
def test_opposer_names_both_sides_as_actors(text, sides):
    draft = draft_with(french_drafts(text), "clash")
    assert sides <= set(role_names(draft, "actor"))
    assert role_names(draft, "recipient") == []


@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        ("Les rebelles ont quitté Goma après l’attaque de l’armée.", "attaque", ["Army"]),
        ("Les rebelles ont lancé dimanche des attaques contre Goma.", "attaques", ["Rebels"]),
    ],
)
def test_only_partitives_and_dates_link_a_noun_to_its_light_verb(text, noun, expected):
    raw = RawDocument(path="t.txt", format="txt", text=text)
    article = replace(normalise(raw, published=dt.date(2025, 2, 21)), language="fr")
    doc = parse(article)
    (token,) = [t for t in doc if t.text == noun]
    actors, _ = roles_of(token, [token], extract_mentions(doc, article).actors)
    assert [a.name for a in actors if a.role == "actor"] == expected


@pytest.mark.parametrize(
    ("sentence", "noun"),
    [
        ("Les États-Unis ont imposé le 20 février des sanctions contre le M23.", "sanctions"),
        ("Un couvre-feu a été instauré par l’armée.", "couvre-feu"),
    ],
)
def test_any_verb_counts_as_light_when_no_list_is_given(sentence, noun):
    doc = load_nlp("fr")(sentence)
    (token,) = [t for t in doc if t.text == noun]
    assert french_light_verb(token) is not None
    assert french_light_verb(token, frozenset({"nothing"})) is None


def test_a_group_backed_by_a_sponsor_is_supported():
    draft = draft_with(
        french_drafts("Le M23, soutenu par le Rwanda, s’est emparé de Goma."), "back"
    )
    assert role_names(draft, "actor") == ["Rwanda"]
    assert role_names(draft, "recipient") == ["March 23 Movement"]


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("le m23 , back by le rwanda ,", True),
        ("les rebelles , back militairement by l’ armée", True),
        ("the rebels were pushed back by the army", False),
        ("m23 , backed by rwanda ,", False),
    ],
)
def test_support_phrase_fires_on_glossed_french_only(text, supported):
    fired = any(rule.types == ("SUPPORT",) for rule in phrase_rules(text))
    assert fired is supported


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Plusieurs dizaines d'hommes lourdement armés ont attaqué dimanche la caserne.",
            "Unidentified armed men",
        ),
        (
            "Un groupe d'hommes lourdement armés a attaqué un convoi près de Beni.",
            "Unidentified armed men",
        ),
    ],
)
def test_armed_men_counted_by_a_collective_noun_are_the_attackers(text, actor):
    (draft,) = french_drafts(text)
    assert role_names(draft, "actor") == [actor]


def test_unarmed_men_counted_by_a_collective_noun_are_no_actor():
    (draft,) = french_drafts("Plusieurs dizaines d'hommes ont attaqué dimanche la caserne.")
    assert role_names(draft, "actor") == []


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        ("Christian Malanga est apparu dans une vidéo. Il a lancé un ultimatum au président "
         "Félix Tshisekedi.", "THREATEN", "Christian Malanga", "Félix Tshisekedi"),
        ("Christian Malanga, chef de la tentative de coup d’État, a attaqué le palais. Dans une "
         "vidéo, le chef du commando menaçait le président Félix Tshisekedi.", "THREATEN",
         "Christian Malanga", "Félix Tshisekedi"),
        ("En échange de la production de plusieurs mines, Pékin s’est engagé à investir 6 "
         "milliards de dollars dans les infrastructures du reste de la RDC.", "COOPERATE",
         "Government of China", "Democratic Republic of the Congo"),
        ("Après l’assassinat du Premier ministre Patrice Lumumba en 1961, le pays a changé.",
         "ASSAULT", None, "Patrice Lumumba"),
    ],
)  # fmt: skip
def test_pronouns_titles_capitals_and_victims(text, kind, actor, recipient):
    raw = RawDocument(path="t.txt", format="txt", text=text)
    article = replace(normalise(raw, published=dt.date(2025, 2, 21)), language="fr")
    ((_, extracted),) = list(extract_all([article]))
    (event,) = [e for e in extracted.events if e.typing.event_type == kind]
    assert [a.name for a in event.actors if a.role == "actor"] == ([actor] if actor else [])
    assert recipient in [a.name for a in event.actors if a.role == "recipient"]
