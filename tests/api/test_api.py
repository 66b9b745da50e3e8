"""Every API endpoint on the seeds: answers, paging, bad parameters in the one error shape,
the token rule, and POSTing an article through the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from faultline.api import create_app
from faultline.api.auth import needs_token
from faultline.pipeline import ingest, list_inputs
from faultline.store import Store

POSTED = """Militia attack near Bunia

BUNIA, Ituri — Fighters of a local militia attacked a camp for displaced people near Bunia
on Tuesday, killing seven people, a local official said.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    with Store.open(url) as store:
        ingest(list_inputs([str(corpus_dir / "seeds")]), store)
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as opened:
        yield opened


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is True
    return body


def failed(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


def test_meta_lists_types_and_countries_with_map_codes(client: TestClient) -> None:
    body = ok(client.get("/api/meta"))
    assert len(body["types"]) == 16
    assert body["countries"]["COD"] == {"name": body["countries"]["COD"]["name"], "numeric": "180"}
    assert body["countries"]["MLI"]["numeric"] == "466"


def test_events_filter_page_and_sort(client: TestClient) -> None:
    everything = ok(client.get("/api/events", params={"limit": 5000}))
    mali = ok(client.get("/api/events", params={"country": "Mali", "limit": 5000}))
    assert 0 < mali["total"] < everything["total"]
    assert all(e["location"]["country"] == "MLI" for e in mali["events"])
    page = ok(client.get("/api/events", params={"limit": 2, "offset": 1}))
    assert (page["limit"], page["offset"], len(page["events"])) == (2, 1, 2)
    assert page["events"][0]["id"] == everything["events"][1]["id"]
    coups = ok(client.get("/api/events", params={"coup": "true", "country": "MLI"}))
    assert coups["events"] and all(e["coup"] for e in coups["events"])
    killed = ok(client.get("/api/events", params={"sort": "-killed", "min_killed": 1}))
    values = [e["counts"]["killed"] for e in killed["events"]]
    assert values == sorted(values, reverse=True)


def test_one_event_by_prefix(client: TestClient) -> None:
    first = ok(client.get("/api/events", params={"limit": 1}))["events"][0]
    body = ok(client.get(f"/api/events/{first['id'][:12]}"))
    assert body["event"]["id"] == first["id"]
    assert body["event"]["evidence"]


def test_article_text_and_the_evidence_spans_into_it(client: TestClient) -> None:
    event = ok(client.get("/api/events", params={"coup": "true", "country": "MLI"}))["events"][0]
    body = ok(client.get(f"/api/articles/{event['article']['id']}"))
    text = body["article"]["text"]
    for found in body["events"]:
        for item in found["evidence"]:
            assert text[item["start"] : item["end"]] == item["text"]
    listing = ok(client.get("/api/articles", params={"limit": 2}))
    assert listing["total"] >= 3 and len(listing["articles"]) == 2


def test_incidents_entities_graph_and_stats(client: TestClient) -> None:
    coups = ok(client.get("/api/incidents", params={"coup": "true"}))
    mali = next(i for i in coups["incidents"] if i["country"] == "MLI")
    assert mali["coup_match"]["coup_id"] == "43203222012"
    one = ok(client.get(f"/api/incidents/{mali['id']}"))
    assert one["incident"]["reports"]
    entity = ok(client.get("/api/entities/Malanga"))["entity"]
    assert entity["id"] == "per_christian_malanga" and entity["aliases"]
    graph = ok(client.get("/api/graph"))
    ids = {n["id"] for n in graph["nodes"]}
    assert {"cty_RWA", "grp_m23"} <= ids
    assert any(
        (e["source"], e["predicate"], e["target"]) == ("cty_RWA", "supports", "grp_m23")
        for e in graph["edges"]
    )
    around = ok(client.get("/api/graph", params={"entity": "M23"}))
    assert all("grp_m23" in (e["source"], e["target"]) for e in around["edges"])
    rows = ok(client.get("/api/stats", params={"by": "country,type"}))["rows"]
    assert {"country", "type", "events", "killed"} <= set(rows[0])


def test_posting_an_article_runs_the_pipeline_and_stores_it(db: str) -> None:
    with TestClient(create_app(db)) as client:
        payload = {"text": POSTED, "published": "2025-03-13", "source": "test wire"}
        body = ok(client.post("/api/articles", json=payload), 201)
        assert body["status"] == "new"
        [attack] = [e for e in body["events"] if e["event_type"] == "ASSAULT"]
        assert attack["counts"]["killed"] == 7
        assert attack["location"]["name"] == "Bunia"
        again = ok(client.post("/api/articles", json=payload), 201)
        assert again["status"] == "unchanged"  # the same article changes nothing
        stored = ok(client.get(f"/api/articles/{body['article']['id']}"))
        assert stored["article"]["source"] == "test wire"
        upload = client.post(
            "/api/articles/upload", files={"file": ("wire.txt", POSTED.encode(), "text/plain")}
        )
        assert ok(upload, 201)["status"] == "unchanged"


@pytest.mark.parametrize(
    ("path", "params", "status", "param"),
    [
        pytest.param("/api/events", {"country": "Atlantis"}, 400, "country", id="country"),
        pytest.param("/api/events", {"type": "PICNIC"}, 400, "type", id="type"),
        pytest.param("/api/events", {"since": "May"}, 400, "since", id="date"),
        pytest.param("/api/events", {"limit": 0}, 400, "limit", id="limit-zero"),
        pytest.param("/api/events", {"limit": 100000}, 400, "limit", id="limit-huge"),
        pytest.param("/api/events", {"km": 5}, 400, "km", id="km-without-near"),
        pytest.param("/api/events", {"near": "91,0"}, 400, "near", id="bad-point"),
        pytest.param("/api/events", {"sort": "colour"}, 400, "sort", id="sort"),
        pytest.param("/api/events", {"coup": "maybe"}, 400, "coup", id="bool"),
        pytest.param("/api/stats", {"by": "colour"}, 400, "by", id="stats-by"),
        pytest.param("/api/incidents", {"min_reports": 0}, 400, "min_reports", id="reports"),
        pytest.param("/api/incidents", {"km": 5}, 400, "km", id="incidents-km-without-near"),
        pytest.param(
            "/api/incidents",
            {"since": "2024-05-01", "until": "2024-01-01"},
            400,
            "since",
            id="incidents-since-after-until",
        ),
        pytest.param("/api/events/ev_nothing", {}, 404, None, id="no-event"),
        pytest.param("/api/incidents/in_nothing", {}, 404, None, id="no-incident"),
        pytest.param("/api/articles/ar_nothing", {}, 404, None, id="no-article"),
        pytest.param("/api/entities/Nobody Atall", {}, 404, None, id="no-entity"),
        pytest.param("/api/nowhere", {}, 404, None, id="no-route"),
    ],
)
def test_bad_requests_answer_in_the_error_shape(
    client: TestClient, path: str, params: dict[str, Any], status: int, param: str | None
) -> None:
    body = failed(client.get(path, params=params), status)
    if param is not None:
        assert body["errors"] and body["errors"][0]["param"] == param
        assert body["error"].startswith(param)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"text": ""}, id="empty"),
        pytest.param({"title": "no text"}, id="missing-text"),
        pytest.param({"text": "x", "published": "yesterday"}, id="bad-date"),
        pytest.param({"text": "x", "published": 0}, id="date-as-a-number"),
        pytest.param({"text": "x", "title": "a\x00b"}, id="nul-in-title"),
    ],
)
def test_bad_posts_answer_in_the_error_shape(client: TestClient, payload: dict[str, Any]) -> None:
    failed(client.post("/api/articles", json=payload), 400)


def test_with_a_token_every_request_needs_it(db: str) -> None:
    with TestClient(create_app(db, token="s3cret")) as client:
        failed(client.get("/api/meta"), 401)
        failed(client.get("/api/meta", headers={"Authorization": "Bearer wrong"}), 401)
        failed(client.get("/"), 401)
        ok(client.get("/api/meta", headers={"Authorization": "Bearer s3cret"}))
        ok(client.get("/api/meta", params={"token": "s3cret"}))
        client.cookies.clear()  # ?token= set the page's cookie
        failed(client.get("/docs"), 401)
        failed(client.get("/static/app.js"), 401)  # tests/api/test_security_http.py: the rest


@pytest.mark.parametrize(
    ("host", "needed"),
    [("127.0.0.1", False), ("localhost", False), ("::1", False), ("0.0.0.0", True),
     ("192.168.1.20", True)],
)  # fmt: skip
def test_binding_beyond_loopback_needs_a_token(host: str, needed: bool) -> None:
    assert needs_token(host) is needed


def test_serve_refuses_a_public_bind_without_a_token(db: str) -> None:
    from typer.testing import CliRunner

    from faultline.cli.main import app

    result = CliRunner().invoke(app, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--token" in result.output


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/meta", "/api/events", "/api/events/{event_id}", "/api/stats", "/api/incidents",
        "/api/incidents/{ref}", "/api/entities/{name}", "/api/graph", "/api/articles",
        "/api/articles/{ref}", "/api/articles/upload",
    } <= paths  # fmt: skip
    assert client.get("/docs").status_code == 200
