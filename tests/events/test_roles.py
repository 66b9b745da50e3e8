"""Actors and recipients from the parse, resolved through the actor mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.detect import find_event_clauses
from faultline.events.draft import EventDraft
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import RawDocument
from faultline.nlp import parse


def drafts(text: str) -> list[EventDraft]:
    raw = RawDocument(path="t.txt", format="txt", text=text)
    article = normalise(raw, published=dt.date(2024, 3, 10))
    doc = parse(article)
    return find_event_clauses(doc, article, extract_mentions(doc, article))


def role_names(draft: EventDraft, role: str) -> list[str]:
    return [a.name for a in draft.actors if a.role == role]


@pytest.mark.parametrize(
    ("text", "lemma", "actor", "recipient"),
    [
        ("Christian Malanga threatened President Félix Tshisekedi on Sunday.", "threaten",
         "Christian Malanga", "Félix Tshisekedi"),
        ("The United States imposed sanctions on M23 last month.", "sanction", "United States",
         "March 23 Movement"),
        ("M23 rebels were financed by Rwanda, officials said.", "finance", "Rwanda",
         "March 23 Movement"),
        ("The Congolese government accused Rwanda of arming the rebels.", "accuse",
         "Government of the Democratic Republic of the Congo", "Rwanda"),
        ("Nigerian forces intercepted a convoy carrying explosives from Libya.", "intercept",
         "Nigerian Armed Forces", None),
        ("Beijing agreed to invest $2 billion in the DRC's copper mines.", "agree",
         "Government of China", "Democratic Republic of the Congo"),
        ("Christian Malanga demanded that President Félix Tshisekedi step down.", "demand",
         "Christian Malanga", "Félix Tshisekedi"),
        ("After the assassination of Prime Minister Patrice Lumumba in 1961, the army ruled.",
         "assassination", None, "Patrice Lumumba"),
        ("In exchange for rare earths, Washington could train and equip the Congolese army.",
         "train", "Government of the United States", None),
        ("Christian Malanga led the coup attempt. In a video, the leader of the assailants "
         "threatened President Félix Tshisekedi.", "threaten", "Christian Malanga",
         "Félix Tshisekedi"),
    ],
)  # fmt: skip
def test_actor_and_recipient(text, lemma, actor, recipient):
    (draft,) = [d for d in drafts(text) if d.trigger_lemma == lemma]
    assert actor in role_names(draft, "actor") if actor else not role_names(draft, "actor")
    if recipient is not None:
        assert recipient in role_names(draft, "recipient")


def test_led_by_names_the_leader_as_actor():
    (draft,) = drafts("Soldiers led by Amadou Haya Sanogo stormed the presidential palace.")
    assert "Amadou Haya Sanogo" in role_names(draft, "actor")


def test_pronoun_subject_takes_the_latest_subject_mention():
    text = "Lucy Tamlyn arrived in Kinshasa on Monday. She pledged to support the Congolese army."
    (draft,) = drafts(text)
    assert role_names(draft, "actor") == ["Lucy Tamlyn"]
    assert role_names(draft, "recipient") == [
        "Armed Forces of the Democratic Republic of the Congo"
    ]


def test_passive_subject_borrowed_from_a_coordinated_verb_is_the_recipient():
    text = "Christian Malanga ran for parliament in 2011 and was arrested in Kinshasa."
    (draft,) = drafts(text)
    assert draft.trigger_lemma == "arrest"
    assert role_names(draft, "recipient") == ["Christian Malanga"]
    assert role_names(draft, "actor") == []


def test_actor_evidence_points_at_the_mention():
    text = "Germany and the United Kingdom froze their aid to Kigali."
    (draft,) = drafts(text)
    assert role_names(draft, "actor") == ["Germany", "United Kingdom"]
    fields = {e.field: e.text for e in draft.evidence}
    assert fields["actors.recipient"] == "Kigali"


@pytest.mark.parametrize(
    ("text", "lemma", "actors"),
    [
        # The parser hangs the conjunct on the reported clause; the reporter is the actor.
        ("The Malian government said the report was false and accused France of arming the "
         "rebels.", "accuse", ["Government of Mali"]),
        ("Kigali said the allegations were baseless and accused Kinshasa of backing the FDLR.",
         "accuse", ["Government of Rwanda"]),
        ("Uganda said the border was calm and threatened M23 with retaliation.", "threaten",
         ["Uganda"]),
        # A reported subject that names an actor keeps the act; a passive conjunct has none.
        ("The army said M23 had withdrawn from Goma and attacked Wazalendo positions.", "attack",
         ["March 23 Movement"]),
        ("Tshisekedi said the talks had failed and was criticised by Katumbi.", "criticise",
         ["Moïse Katumbi"]),
    ],
)  # fmt: skip
def test_conjunct_of_a_reported_clause_takes_the_reporter_as_actor(text, lemma, actors):
    (draft,) = [d for d in drafts(text) if d.trigger_lemma == lemma]
    assert role_names(draft, "actor") == actors


def test_what_a_demand_asks_for_is_not_an_event_of_its_own():
    found = drafts("Protesters demanded that the president step down.")
    assert [d.trigger_lemma for d in found] == ["demand"]
