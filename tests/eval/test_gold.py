"""Gold scoring: every matching rule of corpus/gold/README.md, passing and failing."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from faultline.eval.gold import GoldFileError, load_gold, locate, score

KINSHASA = {"name": "Kinshasa", "country": "COD", "lat": -4.3276, "lon": 15.3136}
TEXT = (
    "Early Sunday morning, armed men attacked the palace in Kinshasa. "
    "The NATO powers are dissatisfied with the regime’s ties with Beijing. "
    "Lumumba was murdered in 1961."
)


def event(**fields: Any) -> dict[str, Any]:
    """An ASSAULT in Kinshasa on 2024-05-19 by Christian Malanga; ``fields`` override."""
    base: dict[str, Any] = {
        "event_type": "ASSAULT",
        "mode": "firearms",
        "contexts": ["pro_autocracy"],
        "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
        "date": {"start": "2024-05-19", "end": "2024-05-19", "precision": "day"},
        "location": {"name": "Kinshasa", "lat": -4.32758, "lon": 15.31357, "country": "COD"},
        "actors": [
            {"role": "actor", "text": "armed men", "name": "Supporters of Christian Malanga"},
            {"role": "recipient", "text": "the palace", "name": "Félix Tshisekedi"},
        ],
        "counts": {"killed": 2, "arrested": None, "displaced": None, "money_usd": None},
        "modality": "asserted",
        "attribution": None,
        "background": False,
        "coup": None,
        "evidence": [{"field": "event", "start": 0, "end": 64, "text": TEXT[:64]}],
    }
    base.update(fields)
    return base


def check(fact: dict[str, Any], events: list[dict[str, Any]], others: tuple = ()) -> Any:
    gold = {"articles": [{"file": "a.txt", "facts": [*others, fact], "not_events": []}]}
    return score(gold, {"a.txt": events}, {"a.txt": TEXT}).results[-1]


def passes(fact: dict[str, Any], *events: dict[str, Any]) -> bool:
    return check({"id": "f", **fact}, list(events)).passed


# --- Plain facts: one key at a time -----------------------------------------------------------

# (fact, fields that make the base event meet it, fields that make it miss)
RULES = [
    ({"types": ["ASSAULT", "FIGHT"]}, {}, {"event_type": "PROTEST"}),
    ({"acled": ["Battles"]}, {}, {"acled": {"event_type": "Riots", "sub_event_type": "x"}}),
    ({"acled_sub": ["Armed clash"]}, {}, {"acled": None}),
    ({"date": "2024-05"}, {}, {"date": {"start": "2024-06-01", "precision": "day"}}),
    ({"date_between": ["1996", "2008"]}, {"date": {"start": "2008-12-31"}},
     {"date": {"start": "2009-01-01"}}),
    ({"date_between": ["2024-05-19", "2024-05-22"]}, {}, {"date": {"start": "2024-05-23"}}),
    ({"date_precision": "day"}, {}, {"date": {"start": "2024-05-19", "precision": "month"}}),
    ({"date_precision_any": ["week", "day"]}, {}, {"date": {"precision": "year"}}),
    ({"place": KINSHASA}, {}, {"location": {"name": "Goma", "lat": -1.68, "lon": 29.22}}),
    ({"place": KINSHASA}, {}, {"location": {"name": "Goma", "lat": None, "lon": None}}),
    ({"country": "COD"}, {}, {"location": {"name": "Kigali", "country": "RWA"}}),
    ({"actors_any": ["Christian Malanga"]}, {}, {"actors": []}),
    ({"target_any": ["Felix Tshisekedi"]}, {},
     {"actors": [{"role": "actor", "name": "Tshisekedi"}]}),
    ({"killed": 2}, {}, {"counts": {"killed": 3}}),
    ({"arrested": 50}, {"counts": {"arrested": 50}}, {"counts": {"arrested": None}}),
    ({"money_usd_any": [3000000000, 6000000000]}, {"counts": {"money_usd": 6000000000}},
     {"counts": {"money_usd": 9000000000}}),
    ({"mode": "firearms"}, {}, {"mode": "arrest"}),
    ({"mode_any": ["firearms", "explosives"]}, {}, {"mode": None}),
    ({"modality_any": ["planned", "claimed"]}, {"modality": "claimed"}, {"modality": "asserted"}),
    ({"context": "pro_autocracy"}, {}, {"contexts": []}),
    ({"background": False}, {}, {"background": True}),
    ({"background": True}, {"background": True}, {}),
]  # fmt: skip


@pytest.mark.parametrize(("fact", "meeting", "breaking"), RULES)
def test_each_key_passes_on_a_matching_event_and_fails_on_a_changed_one(fact, meeting, breaking):
    assert passes(fact, event(**meeting))
    assert not passes(fact, event(**breaking))


def test_place_within_25_km_and_by_name_without_coordinates():
    near = {"name": "Ndjili", "lat": -4.40, "lon": 15.37, "country": "COD"}  # ~10 km away
    far = {"name": "Kinshasa", "lat": -4.56, "lon": 15.31, "country": "COD"}  # ~25.9 km away
    assert passes({"place": KINSHASA}, event(location=near))
    assert not passes({"place": KINSHASA}, event(location=far))
    assert passes({"place": KINSHASA}, event(location={"name": "KINSHASA", "lat": None}))


def test_actors_any_alone_takes_any_role_but_beside_target_any_only_the_actor():
    reversed_roles = event(
        actors=[
            {"role": "recipient", "text": "Malanga", "name": "Christian Malanga"},
            {"role": "actor", "text": "Tshisekedi", "name": "Félix Tshisekedi"},
        ]
    )
    assert passes({"actors_any": ["malanga"]}, reversed_roles)
    fact = {"actors_any": ["Malanga"], "target_any": ["Felix Tshisekedi"]}
    assert passes(fact, event())
    assert not passes(fact, reversed_roles)


def test_actor_names_match_in_text_too_case_and_accent_blind():
    actor = {"role": "actor", "text": "the ARMED FORCES of the DRC", "name": "Armée"}
    assert passes({"actors_any": ["armed forces of the drc"]}, event(actors=[actor]))
    assert passes({"actors_any": ["armee"]}, event(actors=[actor]))


def test_one_event_must_meet_every_key():
    fact = {"types": ["ASSAULT"], "killed": 2, "date": "2024-05-19"}
    wrong_type = event(event_type="COERCE")
    wrong_count = event(counts={"killed": 9})
    assert not passes(fact, wrong_type, wrong_count)
    assert passes(fact, wrong_type, wrong_count, event())


def test_failure_reason_names_the_wants_and_the_closest_event():
    fact = {"id": "f", "types": ["ASSAULT", "FIGHT"], "date": "2024-05-19", "place": KINSHASA}
    result = check(fact, [event(date={"start": "2024-05-20"}), event(event_type="AGREE")])
    assert not result.passed
    assert result.reason.startswith(
        "no event with types ASSAULT|FIGHT on 2024-05-19 within 25 km of Kinshasa; closest:"
    )
    assert "misses" in result.reason
    assert check(fact, []).reason.endswith("no events for this article")


def test_unknown_keys_and_kinds_fail_with_a_reason():
    assert "cannot check 'colour'" in check({"id": "f", "colour": "red"}, [event()]).reason
    assert "unknown fact kind" in check({"id": "f", "kind": "vibe"}, [event()]).reason


# --- Kinds ------------------------------------------------------------------------------------


def test_count_kind_needs_the_count_and_given_date_and_country():
    fact = {"kind": "count", "displaced": 6900000, "date": "2023-10", "country": "COD"}
    idp = event(
        event_type="AID", counts={"displaced": 6900000}, date={"start": "2023-10-01"}
    )  # fmt: skip
    assert passes(fact, idp)
    assert not passes(fact, event(counts={"displaced": 6900000}))  # wrong month


def test_sum_killed_adds_non_background_events_on_date_and_place():
    fact = {"kind": "sum_killed", "date": "2024-05-19", "place": KINSHASA, "killed": 6}
    guards, attackers = event(), event(counts={"killed": 4})
    history = event(counts={"killed": 100}, background=True)
    elsewhere = event(counts={"killed": 7}, location={"name": "Goma", "lat": -1.68, "lon": 29.2})
    assert passes(fact, guards, attackers, history, elsewhere)
    assert not passes(fact, guards)
    assert not passes(fact, guards, attackers, event(counts={"killed": 1}))
    assert "killed sum 2 ≠ 6" in check({"id": "f", **fact}, [guards]).reason


def test_sum_killed_hedged_needs_a_hedged_or_claimed_event():
    fact = {
        "kind": "sum_killed",
        "date_between": ["2012-03-21", "2012-03-22"],
        "country": "MLI",
        "killed": 40,
        "hedged": True,
    }
    mali = {"name": "Bamako", "country": "MLI", "lat": 12.65, "lon": -8.0}
    dead = event(location=mali, date={"start": "2012-03-21"}, counts={"killed": 40})
    assert not passes(fact, dead)
    assert passes(fact, {**dead, "modality": "hedged"})
    assert passes(fact, {**dead, "modality": "claimed"})


def coup_event(**coup: Any) -> dict[str, Any]:
    block = {"outcome": "attempted", "perpetrator": "dissident", "leader": "Christian Malanga"}
    return event(coup={**block, **coup})


COUP = {"kind": "coup", "country": "COD", "date": "2024-05-19", "outcome": "attempted"}


def test_coup_kind_outcome_country_date_and_leader():
    fact = {**COUP, "leader": "Christian Malanga"}
    assert passes(fact, coup_event())
    assert passes({**fact, "outcome": "failed"}, coup_event())  # "failed" counts as attempted
    assert passes(fact, coup_event(outcome="failed"))
    assert not passes(fact, coup_event(outcome="successful"))
    assert not passes(fact, event())  # no coup block
    assert not passes({**fact, "country": "MLI"}, coup_event())
    assert not passes({**fact, "date": "2024-05-20"}, coup_event())


def test_coup_leader_matches_by_surname_and_accents():
    fact = {**COUP, "leader": "Amadou Sanogo"}
    assert passes(fact, coup_event(leader="Amadou Haya Sanogo"))
    assert passes({**COUP, "leader": "Amadou Toumani Touré"}, coup_event(leader="AMADOU TOURE"))
    assert not passes(fact, coup_event(leader="Assimi Goïta"))
    assert not passes(fact, coup_event(leader=None))


def test_coup_kind_checks_background_and_perpetrator_when_given():
    assert passes({**COUP, "background": True}, {**coup_event(), "background": True})
    assert not passes({**COUP, "background": True}, coup_event())
    assert passes({**COUP, "perpetrator": "dissident"}, coup_event())
    assert not passes({**COUP, "perpetrator": "military"}, coup_event())


ATTACK = {"id": "attack", "types": ["ASSAULT"], "date": "2024-05-19"}


def test_attribution_of_the_event_satisfying_the_about_fact():
    fact = {
        "id": "claim",
        "kind": "attribution",
        "speaker_any": ["Sylvain Ekenge"],
        "about": "attack",
    }
    said = event(attribution={"speaker": "Sylvain Ekenge", "speaker_text": "General Ekenge"})
    by_text = event(attribution={"speaker": None, "speaker_text": "General Sylvain Ekenge"})
    assert check(fact, [said], (ATTACK,)).passed
    assert check(fact, [by_text], (ATTACK,)).passed
    assert not check(fact, [event()], (ATTACK,)).passed
    other = event(event_type="AGREE", attribution={"speaker": "Sylvain Ekenge"})
    assert "no event satisfies fact 'attack'" in check(fact, [other], (ATTACK,)).reason
    assert "not in the gold file" in check(fact, [said]).reason


RELATION = {"kind": "relation", "relation": "supports", "from_any": ["Rwanda"], "to_any": ["M23"]}


def test_relation_counts_a_support_event_from_to():
    support = event(
        event_type="SUPPORT",
        actors=[
            {"role": "actor", "text": "Kigali", "name": "Government of Rwanda"},
            {"role": "recipient", "text": "the M23", "name": "March 23 Movement"},
        ],
    )
    assert passes(RELATION, support)
    roles = zip(support["actors"], ["recipient", "actor"], strict=True)
    backwards = {**support, "actors": [{**a, "role": role} for a, role in roles]}
    assert not passes(RELATION, backwards)
    assert not passes(RELATION, {**support, "event_type": "AID"})
    assert not passes({**RELATION, "relation": "opposes"}, support)


# --- not_events -------------------------------------------------------------------------------

SENTENCE = "The NATO powers are dissatisfied with the regime's ties with Beijing."


def not_event(events: list[dict[str, Any]], sentence: str = SENTENCE) -> Any:
    gold = {"articles": [{"file": "a.txt", "facts": [], "not_events": [sentence]}]}
    return score(gold, {"a.txt": events}, {"a.txt": TEXT}).results[0]


def test_locate_normalises_quotes_and_spacing():
    start, end = locate(SENTENCE.replace(" ", "  "), TEXT)
    assert TEXT[start:end].startswith("The NATO") and TEXT[start:end].endswith("Beijing.")
    assert locate("Not in the text.", TEXT) is None


def test_not_event_passes_without_overlapping_evidence_and_fails_with_it():
    start, end = locate(SENTENCE, TEXT)
    assert not_event([event()]).passed
    inside = event(evidence=[{"field": "event", "start": start + 4, "end": start + 9}])
    assert not not_event([inside]).passed
    assert not_event([{**inside, "background": True}]).passed  # background events may be there
    touching = event(evidence=[{"field": "event", "start": end, "end": end + 5}])
    assert not_event([touching]).passed
    assert "not found" in not_event([], "A sentence the article lacks.").reason


# --- Report, files and the seed gold ----------------------------------------------------------


def test_report_totals_and_json():
    gold = {
        "articles": [
            {
                "file": "a.txt",
                "facts": [{"id": "x", "types": ["ASSAULT"]}],
                "not_events": [SENTENCE],
            },
            {"file": "b.txt", "facts": [{"id": "y", "types": ["AGREE"]}]},
        ]
    }
    report = score(gold, {"/tmp/corpus/a.txt": [event()]}, {"a.txt": TEXT})
    assert (report.passed, report.total, report.score) == (2, 3, "2/3")
    data = report.to_json()
    assert data["score"] == "2/3" and data["results"][2]["reason"].endswith(
        "no events for this article"
    )
    json.dumps(data)


def test_seed_gold_loads_and_counts_35_checks(corpus_dir: Path):
    gold = load_gold(corpus_dir / "gold" / "seeds.json")
    assert score(gold, {}, {}).total == 35


@pytest.mark.parametrize(
    "content",
    [
        "{",
        '{"articles": 3}',
        '{"articles": [{"facts": []}]}',
        '{"articles": [{"file": "a", "facts": [{}]}]}',
    ],
)
def test_bad_gold_file_names_the_file(tmp_path: Path, content: str):
    path = tmp_path / "bad-gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"bad-gold\.json"):
        load_gold(path)


# --- The command ------------------------------------------------------------------------------


@pytest.fixture()
def eval_app(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    """``eval`` alone, with the extractor replaced by canned events for the article given."""
    import faultline.events
    from faultline.cli.eval import eval_cli

    calls: list[tuple[list[str], Any]] = []

    class FakeArticle:
        text = TEXT

    def fake_extract(paths: list[str], published: Any) -> list[tuple[Any, list[dict[str, Any]]]]:
        calls.append((paths, published))
        return [(FakeArticle(), [event()])]

    monkeypatch.setattr(faultline.events, "extract_events", fake_extract)
    app = typer.Typer()
    app.command()(eval_cli)
    app.calls = calls  # type: ignore[attr-defined]
    return app


def write_gold(folder: Path) -> Path:
    (folder / "gold").mkdir()
    (folder / "seeds").mkdir()
    (folder / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "articles": [
            {
                "file": "a.txt",
                "published": "2024-05-22",
                "facts": [
                    {"id": "attack", "types": ["ASSAULT"]},
                    {"id": "deal", "types": ["AGREE"]},
                ],
                "not_events": [SENTENCE],
            }
        ]
    }
    path = folder / "gold" / "g.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_eval_command_table_and_json(tmp_path: Path, eval_app: typer.Typer):
    gold = write_gold(tmp_path)
    result = CliRunner().invoke(eval_app, [str(gold)])
    assert result.exit_code == 0, result.output
    assert "PASS" in result.stdout and "FAIL" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "score: 2/3"
    paths, published = eval_app.calls[0]  # type: ignore[attr-defined]
    assert paths == [str(tmp_path / "seeds" / "a.txt")] and str(published) == "2024-05-22"
    result = CliRunner().invoke(eval_app, [str(gold), "--format", "json"])
    assert json.loads(result.stdout)["score"] == "2/3"


def test_eval_command_bad_gold_exits_1_naming_the_file(tmp_path: Path, eval_app: typer.Typer):
    path = tmp_path / "broken.json"
    path.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(eval_app, [str(path)])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr


def test_seed_gold_is_unchanged_by_scoring(corpus_dir: Path):
    gold = load_gold(corpus_dir / "gold" / "seeds.json")
    before = copy.deepcopy(gold)
    score(gold, {}, {})
    assert gold == before
