"""Event records ↔ table rows: every field survives, relations and search text follow the rules.

No database here: ``extraction_rows`` gives the rows as dicts and ``event_from_rows`` reads
anything with the columns as attributes, so the mapping is checked on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from faultline.events.deals import deal_of, is_deal
from faultline.events.relations import PREDICATES, event_relations
from faultline.events.typing_rules import PLOVER_TYPES
from faultline.kb.entity_ids import named_entity_id
from faultline.models import (
    GENERIC_MINERALS,
    AcledCode,
    ActorMention,
    Attribution,
    Counts,
    Coup,
    Deal,
    DealParty,
    Event,
    EventActor,
    EventDate,
    Evidence,
    Mentions,
    MineralStake,
    Modality,
    PlaceMention,
    PloverType,
    Span,
)
from faultline.store.event_codec import (
    ExtractionRows,
    event_from_rows,
    event_values,
    extraction_rows,
    place_id,
    relation_values,
    search_key,
    search_text,
)
from tests.store.conftest import (
    NO_COUNTS,
    UNDATED,
    actor,
    build_article,
    build_event,
    build_extraction,
    day,
    place,
    span_of,
)

TEXT = (
    "M23 rebels attacked army positions near Goma on Tuesday, killing 12 Congolese soldiers "
    "and wounding 30, the army spokesman said. Gunmen loyal to Christian Malanga tried to "
    "seize power from President Tshisekedi in Kinshasa. Côte d'Ivoire signed a cocoa deal "
    "worth 3.5 billion dollars 🌍. Some 4,000 people fled and 40 were abducted; police "
    "arrested 15 and 250 protesters gathered."
)
ARTICLE = build_article(TEXT)
CLAUSE = "M23 rebels attacked army positions near Goma"


def rebuild(rows: ExtractionRows) -> tuple[Event, ...]:
    """Events back from rows, each child list reversed: order must come from ``ordinal``."""

    def children(items: list[dict[str, Any]], event_id: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(**item) for item in reversed(items) if item["event_id"] == event_id]

    events = []
    for values in rows.events:
        event_id = values["id"]
        claims = children(rows.claims, event_id)
        assert len(claims) <= 1
        events.append(
            event_from_rows(
                SimpleNamespace(**values),
                children(rows.actors, event_id),
                children(rows.evidence, event_id),
                children(rows.counts, event_id),
                claims[0] if claims else None,
                children(rows.event_minerals, event_id),
                next((SimpleNamespace(**d) for d in rows.deals if d["event_id"] == event_id), None),
            )
        )
    return tuple(events)


def full_event() -> Event:
    """Every optional part present, every count set, background, a span on every date."""
    date_span = span_of(TEXT, "Tuesday")
    speaker = span_of(TEXT, "the army spokesman")
    return build_event(
        ARTICLE,
        "ev_full",
        CLAUSE,
        event_type="ASSAULT",
        mode="military",
        contexts=("military", "territory"),
        acled=AcledCode("Battles", "Armed clash", "Political violence", 28),
        date=EventDate(
            dt.date(2024, 3, 12), dt.date(2024, 3, 12), "day", "explicit", "Tuesday", date_span
        ),
        location=place(
            TEXT,
            "Goma",
            country="COD",
            admin1="Nord-Kivu",
            geonames_id=216281,
            point=(-1.67409, 29.22845),
        ),
        actors=(
            actor(
                TEXT,
                "M23 rebels",
                name="March 23 Movement",
                kind="rebel",
                sector="REB",
                country="COD",
                entity_id="grp_m23",
            ),
            actor(
                TEXT,
                "Congolese soldiers",
                role="recipient",
                kind="military",
                sector="MIL",
                country="COD",
                entity_id="mil_COD",
            ),
        ),
        counts=Counts(
            killed=12,
            injured=30,
            arrested=15,
            displaced=4000,
            abducted=40,
            people=250,
            money_usd=3_500_000_000,  # above 2**31: the column is a BIGINT
        ),
        modality="claimed",
        attribution=Attribution(
            speaker="Armed Forces of the Democratic Republic of the Congo",
            speaker_text="the army spokesman",
            cue="said",
            speaker_span=speaker,
            cue_span=span_of(TEXT, "said"),
            entity_id="mil_COD",
        ),
        background=True,
        coup=Coup(
            outcome="attempted",
            perpetrator="dissident",
            leader="Christian Malanga",
            target="Tshisekedi",
            foreign_nationals_involved=("USA", "GBR"),
        ),
        evidence=(
            Evidence("date", date_span, "Tuesday"),
            Evidence("counts.killed", span_of(TEXT, "killing 12"), "killing 12"),
            Evidence("counts.injured", span_of(TEXT, "wounding 30"), "wounding 30"),
            Evidence("attribution", speaker, "the army spokesman"),
        ),
        confidence=0.8125,
    )


def minimal_event() -> Event:
    """Nothing optional: no place, date, actors, counts, claim, coup or ACLED code."""
    return build_event(ARTICLE, "ev_minimal", CLAUSE, event_type="COERCE", date=UNDATED)


ROUND_TRIPS = [
    pytest.param(full_event(), id="everything-set-background"),
    pytest.param(minimal_event(), id="nothing-optional"),
    pytest.param(
        replace(
            minimal_event(),
            counts=Counts(killed=0, displaced=0),
            typing=replace(
                minimal_event().typing,
                acled=AcledCode("Riots", "Mob violence", "Political violence"),
            ),
        ),
        id="zero-counts-acled-without-interaction",
    ),
    pytest.param(
        replace(
            minimal_event(),
            location=place(
                TEXT,
                "Kinshasa",
                precision="admin1",
                country="COD",
                admin1="Kinshasa",
                geonames_id=2314300,
            ),
            date=EventDate(
                dt.date(2024, 5, 1), dt.date(2024, 5, 31), "month", "relative_to_published"
            ),
        ),
        id="admin1-without-point-month-without-text",
    ),
    pytest.param(
        replace(
            full_event(),
            attribution=replace(full_event().attribution, speaker=None, entity_id=None),
            coup=Coup("plot"),
            background=False,
            modality="hedged",
        ),
        id="unnamed-speaker-bare-coup",
    ),
    pytest.param(
        build_event(
            ARTICLE,
            "ev_unicode",
            "Côte d'Ivoire signed a cocoa deal worth 3.5 billion dollars 🌍",
            event_type="COOPERATE",
            contexts=("economic",),
            counts=Counts(money_usd=3_500_000_000),
            date=EventDate(None, dt.date(2024, 2, 1), "week", "inferred"),
        ),
        id="non-ascii-summary-open-start-date",
    ),
    pytest.param(
        replace(
            build_event(
                ARTICLE,
                "ev_deal",
                "Côte d'Ivoire signed a cocoa deal worth 3.5 billion dollars",
                event_type="AGREE",
                contexts=("natural_resources",),
                counts=Counts(money_usd=3_500_000_000),
            ),
            minerals=(
                MineralStake("gold", "cocoa", span_of(TEXT, "cocoa")),
                MineralStake(GENERIC_MINERALS, "deal", span_of(TEXT, "deal")),
            ),
            deal=Deal(
                "offer",
                (
                    DealParty(
                        "Côte d'Ivoire", "Côte d'Ivoire", span_of(TEXT, "Côte d'Ivoire"), "cty_CIV"
                    ),
                    DealParty("Gunmen", "Gunmen", span_of(TEXT, "Gunmen")),
                ),
                ("gold", GENERIC_MINERALS),
                3_500_000_000,
            ),
        ),
        id="minerals-and-a-deal",
    ),
]


@pytest.mark.parametrize("event", ROUND_TRIPS)
def test_event_survives_rows_and_back(event: Event) -> None:
    extraction = build_extraction(ARTICLE, [event])
    assert rebuild(extraction_rows(ARTICLE, extraction)) == extraction.events


def test_several_events_keep_their_order_and_own_children() -> None:
    events = [full_event(), minimal_event(), replace(full_event(), id="ev_full_copy")]
    extraction = build_extraction(ARTICLE, events)
    rows = extraction_rows(ARTICLE, extraction)
    assert [row["ordinal"] for row in rows.events] == [0, 1, 2]
    assert rebuild(rows) == extraction.events


def test_typing_confidence_different_from_event_confidence_survives() -> None:
    event = replace(full_event(), typing=replace(full_event().typing, confidence=0.5))
    [back] = rebuild(extraction_rows(ARTICLE, build_extraction(ARTICLE, [event])))
    assert back == event


def test_counts_rows_are_the_figures_that_are_set_and_fatalities_repeat_killed() -> None:
    rows = extraction_rows(ARTICLE, build_extraction(ARTICLE, [full_event(), minimal_event()]))
    assert {(r["event_id"], r["category"], r["value"]) for r in rows.counts} == {
        ("ev_full", "killed", 12),
        ("ev_full", "injured", 30),
        ("ev_full", "arrested", 15),
        ("ev_full", "displaced", 4000),
        ("ev_full", "abducted", 40),
        ("ev_full", "people", 250),
        ("ev_full", "money_usd", 3_500_000_000),
    }
    assert [r["fatalities"] for r in rows.events] == [12, None]


def test_event_location_becomes_a_shared_place_row() -> None:
    rows = extraction_rows(ARTICLE, build_extraction(ARTICLE, [full_event()]))
    [event_row] = rows.events
    assert event_row["place_id"] == place_id(216281, "city", "COD", "Goma")
    assert rows.places[event_row["place_id"]]["lat"] == -1.67409
    assert minimal_event().location is None
    assert event_values(minimal_event(), 0)["place_id"] is None


@pytest.mark.parametrize(
    "event_id",
    [
        pytest.param("ev_0000000000000000", id="zeros"),
        pytest.param("ev_ffffffffffffffff", id="effs"),
        pytest.param("événement-🌍", id="non-ascii"),
    ],
)
def test_search_key_is_a_positive_signed_64_bit_rowid(event_id: str) -> None:
    key = search_key(event_id)
    assert 0 <= key < 2**63
    assert key == search_key(event_id)


def test_search_keys_of_different_ids_differ() -> None:
    keys = {search_key(f"ev_{n:04d}") for n in range(2000)}
    assert len(keys) == 2000


# --- Mentions → entity and place rows ---------------------------------------------------------


def mention(phrase: str, **fields: Any) -> ActorMention:
    defaults: dict[str, Any] = {"name": phrase, "kind": "group", "method": "kb"}
    return ActorMention(span=span_of(TEXT, phrase), text=phrase, **(defaults | fields))


def test_actor_mentions_become_entities_known_ones_under_their_kb_name() -> None:
    mentions = Mentions(
        ARTICLE.id,
        actors=(
            mention("M23 rebels", name="M23", kind="rebel", entity_id="grp_m23"),
            mention("Christian Malanga", kind="person", method="ner"),
            mention("Gunmen", kind="group", method="generic"),
            # The same span twice (two resolvers agreeing) is one mention.
            mention("M23 rebels", name="M23", kind="rebel", entity_id="grp_m23", method="alias"),
        ),
    )
    rows = extraction_rows(ARTICLE, build_extraction(ARTICLE, [], mentions=mentions))
    malanga = named_entity_id("Christian Malanga", "person")
    assert rows.entities == {
        "grp_m23": {
            "id": "grp_m23",
            "name": "March 23 Movement",
            "kind": "rebel",
            "sector": "REB",
            "country": "COD",
            "source": "kb",
        },
        malanga: {
            "id": malanga,
            "name": "Christian Malanga",
            "kind": "person",
            "sector": None,
            "country": None,
            "source": "ner",
        },
    }
    assert [(m["entity_id"], m["text"], m["method"]) for m in rows.entity_mentions] == [
        ("grp_m23", "M23 rebels", "kb"),
        (malanga, "Christian Malanga", "ner"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Christian Malanga", "christian  MALANGA", id="case-and-spacing"),
        pytest.param("Christian Malanga", " Christian Malanga ", id="outer-spaces"),
    ],
)
def test_ner_entity_id_ignores_case_and_spacing(first: str, second: str) -> None:
    assert named_entity_id(first, "person") == named_entity_id(second, "person")
    assert named_entity_id(first, "person") != named_entity_id(first, "group")


def test_place_mentions_share_one_place_row_per_place() -> None:
    goma = PlaceMention(
        span=span_of(TEXT, "Goma"),
        text="Goma",
        name="Goma",
        precision="city",
        country="COD",
        geonames_id=216281,
        lat=-1.67409,
        lon=29.22845,
        feature="city",
    )
    unknown = PlaceMention(
        span=span_of(TEXT, "Kinshasa"),
        text="Kinshasa",
        name="Kinshasa",
        precision="region",
        method="context",
    )
    later = replace(goma, span=Span(goma.span.start + 1000, goma.span.end + 1000))
    mentions = Mentions(ARTICLE.id, places=(goma, unknown, later, goma))
    rows = extraction_rows(ARTICLE, build_extraction(ARTICLE, [], mentions=mentions))
    assert set(rows.places) == {
        place_id(216281, "city", "COD", "Goma"),
        place_id(None, "region", None, "Kinshasa"),
    }
    assert [(m["start"], m["place_id"]) for m in rows.place_mentions] == [
        (goma.span.start, place_id(216281, "city", "COD", "Goma")),
        (unknown.span.start, place_id(None, "region", None, "Kinshasa")),
        (later.span.start, place_id(216281, "city", "COD", "Goma")),
    ]


# --- Relations --------------------------------------------------------------------------------

M23 = actor(TEXT, "M23 rebels", name="March 23 Movement", kind="rebel", entity_id="grp_m23")
ARMY = actor(TEXT, "Congolese soldiers", role="recipient", kind="military", entity_id="mil_COD")
STATE = actor(TEXT, "Kinshasa", role="recipient", kind="state", entity_id="cty_COD")


def related(
    event_type: PloverType = "ASSAULT",
    *,
    actors: tuple[EventActor, ...] = (M23, ARMY),
    modality: Modality = "asserted",
    contexts: tuple[str, ...] = (),
    counts: Counts = NO_COUNTS,
    evidence: tuple[Evidence, ...] = (),
) -> Event:
    return build_event(
        ARTICLE,
        "ev_rel",
        CLAUSE,
        event_type=event_type,
        actors=actors,
        modality=modality,
        contexts=contexts,
        counts=counts,
        evidence=evidence,
        date=day(dt.date(2024, 3, 12)),
    )


def edges(event: Event) -> list[tuple[str, str, str]]:
    return [(r.subject_id, r.predicate, r.object_id) for r in event_relations([event])]


def test_every_plover_type_has_a_predicate() -> None:
    assert set(PREDICATES) == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("event_type", "predicate"),
    [
        pytest.param("ASSAULT", "attacks", id="assault"),
        pytest.param("COERCE", "coerces", id="coerce"),
        pytest.param("SANCTION", "sanctions", id="sanction"),
        pytest.param("PROTEST", "protests_against", id="protest"),
        pytest.param("AID", "supports", id="aid"),
        pytest.param("SUPPORT", "supports", id="support"),
        pytest.param("AGREE", "allied_with", id="agree"),
        pytest.param("COOPERATE", "cooperates_with", id="cooperate"),
        pytest.param("RETREAT", "retreats_from", id="retreat"),
    ],
)
def test_predicate_follows_the_plover_type(event_type: PloverType, predicate: str) -> None:
    assert edges(related(event_type)) == [("grp_m23", predicate, "mil_COD")]


@pytest.mark.parametrize(
    ("event_type", "contexts", "money", "predicate"),
    [
        pytest.param("COOPERATE", ("natural_resources",), None, "deals_with", id="mining-deal"),
        pytest.param("AGREE", ("economic",), None, "deals_with", id="economic-agreement"),
        pytest.param("AGREE", (), 2_000_000, "deals_with", id="agreement-with-money"),
        pytest.param("COOPERATE", ("military",), None, "cooperates_with", id="military-only"),
        pytest.param("AGREE", ("political",), None, "allied_with", id="political-pact"),
        pytest.param(
            "SUPPORT", ("natural_resources",), 5_000, "deals_with", id="support-for-resources"
        ),
        pytest.param("SUPPORT", ("military",), None, "supports", id="support-stays"),
        pytest.param("SANCTION", ("economic",), 1_000, "sanctions", id="sanction-stays"),
    ],
)
def test_deals_are_cooperation_over_resources_or_money(
    event_type: PloverType, contexts: tuple[str, ...], money: int | None, predicate: str
) -> None:
    event = related(event_type, contexts=contexts, counts=Counts(money_usd=money))
    # As extraction does: the event states a deal when events/deals.py says so.
    if is_deal(event):
        event = replace(event, deal=deal_of(event, "sign", ()))
    assert edges(event) == [("grp_m23", predicate, "mil_COD")]


@pytest.mark.parametrize(
    ("modality", "expected"),
    [
        pytest.param("asserted", 1, id="asserted"),
        pytest.param("claimed", 1, id="claimed"),
        pytest.param("hedged", 1, id="hedged"),
        pytest.param("planned", 1, id="planned"),
        pytest.param("threatened", 1, id="threatened"),
        pytest.param("negated", 0, id="negated"),
        pytest.param("hypothetical", 0, id="hypothetical"),
    ],
)
def test_denied_or_hypothetical_acts_relate_no_one(modality: Modality, expected: int) -> None:
    found = list(event_relations([related(modality=modality)]))
    assert len(found) == expected
    assert all(r.modality == modality for r in found)


def test_no_self_edge_and_no_duplicate_pair() -> None:
    congo = actor(TEXT, "Kinshasa", kind="state", entity_id="cty_COD")
    again = actor(TEXT, "M23", name="M23", kind="rebel", entity_id="grp_m23")
    event = related(actors=(congo, M23, again, STATE, ARMY))
    assert edges(event) == [
        ("cty_COD", "attacks", "mil_COD"),  # not cty_COD → cty_COD
        ("grp_m23", "attacks", "cty_COD"),
        ("grp_m23", "attacks", "mil_COD"),
    ]


def test_actors_without_entity_are_not_related() -> None:
    gunmen = actor(TEXT, "Gunmen", kind="group")
    assert edges(related(actors=(gunmen, ARMY))) == []
    assert edges(related(actors=(M23, replace(ARMY, entity_id=None)))) == []


def test_relation_row_cites_the_event_evidence_date_and_article() -> None:
    killed = Evidence("counts.killed", span_of(TEXT, "killing 12"), "killing 12")
    # The event's own evidence is first in build_event; put another before it.
    event = related()
    event = replace(event, evidence=(killed, *event.evidence))
    [relation] = event_relations([event])
    row = relation_values(relation)
    clause = span_of(TEXT, CLAUSE)
    assert row == {
        "event_id": "ev_rel",
        "article_id": ARTICLE.id,
        "subject_id": "grp_m23",
        "predicate": "attacks",
        "object_id": "mil_COD",
        "modality": "asserted",
        "date": dt.date(2024, 3, 12),
        "start": clause.start,
        "end": clause.end,
        "method": "event",
        "text": CLAUSE,
        "stake": None,
    }


# --- Search text --------------------------------------------------------------------------------


def test_search_text_holds_wording_actors_place_speaker_and_coup() -> None:
    lines = search_text(full_event()).split("\n")
    assert lines == [
        CLAUSE,
        "March 23 Movement",
        "M23 rebels",
        "Congolese soldiers",
        "Goma",
        "Armed Forces of the Democratic Republic of the Congo",
        "the army spokesman",
        "Christian Malanga",
        "Tshisekedi",
    ]


def test_search_text_leaves_out_evidence_of_other_fields() -> None:
    text = search_text(full_event())
    assert "killing 12" not in text
    assert "wounding 30" not in text
    assert "Tuesday" not in text


def test_search_text_collapses_spacing_and_skips_missing_parts() -> None:
    event = build_event(ARTICLE, "ev_sp", CLAUSE)
    event = replace(
        event,
        summary="M23  rebels\n attacked\tarmy positions",
        attribution=Attribution(None, "  ", "said", Span(0, 1), Span(2, 3)),
        coup=Coup("plot", leader=None, target=None),
    )
    assert search_text(event).split("\n") == ["M23 rebels attacked army positions", CLAUSE]
