"""``faultline incidents / incident / entity / graph / link`` on the seeds and our corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from faultline.cli.main import app

CORPUS = Path(__file__).parents[1] / "link" / "corpus"
runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'links.db'}"
    result = run("ingest", str(corpus_dir / "seeds"), str(CORPUS), "--db", url)
    assert result.exit_code == 0, result.output
    return url


def incidents(db: str, *args: str) -> list[dict[str, Any]]:
    result = run("incidents", "--db", db, "--format", "jsonl", "--limit", "500", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_incidents_reported_by_several_outlets(db: str) -> None:
    found = incidents(db, "--min-reports", "2")
    assert len(found) >= 4
    assert all(i["articles"] >= 2 for i in found)
    conflicting = [c for i in found for c in i["counts"] if c["low"] != c["high"]]
    assert conflicting, "the corpus has conflicting tolls"
    for count in conflicting:
        assert count["low"] <= count["best"] <= count["high"]
        assert {r["value"] for r in count["reports"]} >= {count["low"], count["high"]}


def test_known_coup_links_to_cline_and_a_new_one_is_reported(db: str) -> None:
    coups = incidents(db, "--coup")
    by_country = {(c["country"], (c["date_start"] or "")[:7]): c for c in coups}
    mali = by_country[("MLI", "2012-03")]
    assert mali["coup_match"]["status"] == "matched"
    assert mali["coup_match"]["coup_id"] == "43203222012"
    kinshasa = by_country[("COD", "2024-05")]
    assert kinshasa["coup_match"]["status"] == "new"
    assert kinshasa["coup_match"]["covered"] is False  # the list ends in 2022
    assert kinshasa["coup_match"]["coup_id"] is None
    table = run("incidents", "--db", db, "--coup")
    assert "Cline 43203222012" in table.stdout.replace("\n", " ") or table.exit_code == 0


def test_incident_shows_every_report_and_the_reconciled_figures(db: str) -> None:
    [busiest] = sorted(incidents(db, "--min-reports", "3"), key=lambda i: -len(i["counts"]))[:1]
    result = run("incident", busiest["id"], "--db", db)
    assert result.exit_code == 0, result.output
    for count in busiest["counts"]:
        assert f"{count['name']}: " in result.stdout
    detail = json.loads(run("incident", busiest["id"][:12], "--db", db, "--format", "json").stdout)
    assert len({r["article_id"] for r in detail["reports"]}) == busiest["articles"]


def test_incident_by_member_event_id(db: str) -> None:
    first = incidents(db, "--min-reports", "2")[0]
    detail = json.loads(run("incident", first["id"], "--db", db, "--format", "json").stdout)
    event_id = detail["reports"][0]["event_id"]
    again = json.loads(run("incident", event_id, "--db", db, "--format", "json").stdout)
    assert again["id"] == first["id"]


def test_entity_profile_merges_names_across_articles(db: str) -> None:
    result = run("entity", "Malanga", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    profile = json.loads(result.stdout)
    assert profile["id"] == "per_christian_malanga"
    assert profile["kind"] == "person"
    assert profile["events"], "Malanga takes part in the Kinshasa events"
    readable = run("entity", "Christian Malanga", "--db", db)
    assert "names:" in readable.stdout


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        pytest.param("graphml", nx.read_graphml, id="graphml"),
        pytest.param("gexf", nx.read_gexf, id="gexf"),
        pytest.param(
            "json",
            lambda p: nx.node_link_graph(json.loads(Path(p).read_text()), edges="edges"),
            id="json",
        ),
    ],
)
def test_graph_opens_in_networkx(db: str, tmp_path: Path, fmt: str, reader: Any) -> None:
    target = tmp_path / f"graph.{fmt}"
    result = run("graph", "--db", db, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    graph = reader(str(target))
    assert graph.number_of_edges() >= 10
    predicates = {data.get("predicate") for _, _, data in graph.edges(data=True)}
    assert {"supports", "attacks"} <= predicates
    node = graph.nodes["grp_m23"]
    assert node["label"] == "March 23 Movement"


def test_graph_of_one_entity(db: str) -> None:
    result = run("graph", "--db", db, "--entity", "M23")
    graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert all("grp_m23" in (u, v) for u, v in graph.edges())


def test_link_finds_nothing_pending_after_ingest(db: str) -> None:
    result = run("link", "--db", db)
    assert result.exit_code == 0
    assert "events examined 0" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(("incident", "in_nothing"), 1, "no incident", id="unknown-incident"),
        pytest.param(("entity", "Nobody Atall"), 1, "no entity", id="unknown-entity"),
        pytest.param(("graph", "--format", "xml"), 2, "graphml", id="bad-format"),
        pytest.param(("incidents", "--km", "5"), 2, "--near", id="km-without-near"),
        pytest.param(("incidents", "--since", "May"), 2, "2024-05-19", id="bad-date"),
    ],
)
def test_bad_requests_are_one_clear_line(
    db: str, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run(*args, "--db", db)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_history_the_articles_recall_is_listed_only_on_request(db: str) -> None:
    current = incidents(db, "--coup")
    with_history = incidents(db, "--coup", "--include-background")
    assert not any(i["background"] for i in current)
    recalled = [i for i in with_history if i["background"]]
    [mali_1991] = [i for i in recalled if i["country"] == "MLI" and i["date_start"][:4] == "1991"]
    assert mali_1991["coup_match"]["status"] == "matched"  # ATT's 1991 coup is in the list


def test_incidents_near_a_place_are_paged_in_the_database(db: str) -> None:
    near = incidents(db, "--near", "-4.3276,15.3136", "--km", "30")  # Kinshasa
    assert near and {i["location"] for i in near} == {"Kinshasa"}
    first = incidents(db, "--near", "-4.3276,15.3136", "--km", "30", "--limit", "1")
    second = incidents(db, "--near", "-4.3276,15.3136", "--km", "30", "--offset", "1")
    assert [i["id"] for i in first + second] == [i["id"] for i in near]
