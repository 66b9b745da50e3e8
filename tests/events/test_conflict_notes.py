"""ACLED-style one-line conflict notes we wrote: type, sub-type, place, date and count."""

from __future__ import annotations

import datetime as dt

import pytest

from faultline.events.extract import events_of
from faultline.ingest.normalise import normalise
from faultline.mentions import extract_mentions
from faultline.models import RawDocument
from faultline.nlp import parse

NOTES = [
    pytest.param("On 3 March 2024, JNIM militants attacked an army post near Djibo, killing 12 "
                 "soldiers.", "Armed clash", "Djibo", "2024-03-03", ("killed", 12), id="battle"),
    pytest.param("On 14 February 2024, unidentified gunmen abducted five civilians in Kidal "
                 "town.", "Abduction/forced disappearance", "Kidal", "2024-02-14", ("abducted", 5),
                 id="abduction"),
    pytest.param("On 10 May 2024, around 200 people demonstrated peacefully in Bamako against "
                 "power cuts.", "Peaceful protest", "Bamako", "2024-05-10", ("people", 200),
                 id="protest"),
    pytest.param("On 5 April 2024, police fired tear gas at protesters in Kinshasa, injuring "
                 "four people.", "Excessive force against protesters", "Kinshasa", "2024-04-05",
                 ("injured", 4), id="force-on-protesters"),
    pytest.param("On 20 July 2024, a drone strike by the Malian army killed 21 people near "
                 "Kidal.", "Air/drone strike", "Kidal", "2024-07-20", ("killed", 21), id="drone"),
    pytest.param("On 1 September 2024, a mob lynched a suspected thief in Goma.", "Mob violence",
                 "Goma", "2024-09-01", None, id="mob"),
    pytest.param("On 18 October 2024, security forces arrested 30 opposition supporters in "
                 "Conakry ahead of a planned rally.", "Arrests", "Conakry", "2024-10-18",
                 ("arrested", 30), id="arrests"),
    pytest.param("Sudan's RSF shelled a market in El Fasher on Sunday, killing 15 people, "
                 "according to medics.", "Shelling/artillery/missile attack", "El Fasher",
                 "2024-06-16", ("killed", 15), id="shelling-claimed"),
]  # fmt: skip


def first_event(text: str, published: dt.date):
    article = normalise(RawDocument(path="note.txt", format="txt", text=text), published=published)
    doc = parse(article)
    events = events_of(doc, article, extract_mentions(doc, article))
    assert events, text
    return events[0]


@pytest.mark.parametrize(("text", "sub", "place", "day", "count"), NOTES)
def test_conflict_note(text, sub, place, day, count):
    event = first_event(text, dt.date(2024, 6, 17) if "Sunday" in text else
                        dt.date.fromisoformat(day) + dt.timedelta(days=1))  # fmt: skip
    assert event.typing.acled is not None and event.typing.acled.sub_event_type == sub
    assert event.location is not None and event.location.name.startswith(place[:4])
    assert event.date.start.isoformat() == day
    if count:
        assert getattr(event.counts, count[0]) == count[1]


def test_a_sanction_is_not_an_acled_event():
    event = first_event("The European Union imposed sanctions on three army generals on Monday.",
                        dt.date(2024, 6, 18))  # fmt: skip
    assert event.typing.event_type == "SANCTION"
    assert event.typing.acled is None


def all_events(text: str, published: dt.date):
    article = normalise(RawDocument(path="story.txt", format="txt", text=text), published=published)
    doc = parse(article)
    return events_of(doc, article, extract_mentions(doc, article))


def test_opposing_sides_stay_two_events_and_tolls_are_not_added():
    text = (
        "Attack on village\n\nSuspected jihadists killed at least 23 people in an attack on a "
        "village near Djibo on Saturday, security sources said.\n\nThe army said it had "
        "launched an operation in the area and killed 15 militants."
    )
    events = all_events(text, dt.date(2024, 11, 25))
    killed = sorted(e.counts.killed for e in events if e.counts.killed)
    assert killed == [15, 23]
    army = next(e for e in events if e.counts.killed == 15)
    assert any(a.role == "actor" and a.kind == "military" for a in army.actors)


def test_reported_pronoun_is_the_speaker():
    text = ("Town retaken\n\nSudan's army said on Tuesday it had recaptured the town of Singa "
            "from the Rapid Support Forces.")  # fmt: skip
    [event] = [e for e in all_events(text, dt.date(2024, 11, 20)) if e.typing.acled]
    assert [a.name for a in event.actors if a.role == "actor"] == ["Sudanese Armed Forces"]
    assert event.typing.acled.sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        pytest.param("Two soldiers were killed on Friday when their vehicle hit a roadside bomb "
                     "near Maiduguri.", "Remote explosive/landmine/IED", id="roadside-bomb"),
        pytest.param("Thousands of protesters marched through central Nairobi on Tuesday, and "
                     "police fired tear gas to disperse them.", "Protest with intervention",
                     id="protest-dispersed"),
        pytest.param("Armed bandits abducted about 50 worshippers from a church in Zamfara state "
                     "on Sunday.", "Abduction/forced disappearance", id="bandits-abduct"),
    ],
)  # fmt: skip
def test_sub_event_follows_the_whole_sentence(text, sub):
    subs = [e.typing.acled.sub_event_type for e in all_events(text, dt.date(2024, 6, 26))
            if e.typing.acled]  # fmt: skip
    assert sub in subs


def test_a_length_of_time_is_not_a_date_and_soldiers_clashing_are_not_protesters():
    text = ("Curfew\n\nThe military authorities imposed a 24-hour curfew in Bamako on Monday "
            "after overnight clashes between soldiers and members of the presidential guard "
            "left five dead.")  # fmt: skip
    events = all_events(text, dt.date(2024, 3, 14))
    curfew = next(e for e in events if e.typing.mode == "curfew")
    assert curfew.date.start == dt.date(2024, 3, 11)
    clash = next(e for e in events if e.counts.killed == 5)
    assert clash.typing.acled.sub_event_type == "Armed clash"


def test_a_single_named_victim_is_a_count_of_one_and_a_civilian():
    text = "Chief killed\n\nGunmen killed a local chief in Bunia on 12 March, the governor said."
    [event] = [e for e in all_events(text, dt.date(2024, 3, 14)) if e.typing.acled]
    assert event.counts.killed == 1
    assert event.typing.acled.sub_event_type == "Attack"
