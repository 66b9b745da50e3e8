"""Hostile values through every input the API reads: SQL injection through every query filter
of every GET route and through every path parameter, and path traversal through the path
parameters and the static mounts. Never a 5xx, never more rows than the value means as
plain text, never a file from outside the package, and the store unchanged."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from faultline.api import create_app
from faultline.store.search import query_words
from tests.api.conftest import OPERATIONS, copy_store, live_server

REPO = Path(__file__).resolve().parents[2]
GET_ROUTES = [path for method, path in OPERATIONS if method == "GET" and "{" not in path]
ID_ROUTES = [path for method, path in OPERATIONS if method == "GET" and "{" in path]

SQL_PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "') OR ('a'='a",
    "1; DROP TABLE events; --",
    "x'; DELETE FROM articles; --",
    "' UNION SELECT id, text, 1, 1 FROM articles --",
    "1 AND (SELECT COUNT(*) FROM sqlite_master) > 0",
    "'; SELECT pg_sleep(5); --",
    "$$; DROP TABLE events; $$",
    "\\'; DROP TABLE events; --",
    "ʼ OR 1=1 --",  # a modifier letter apostrophe, which some drivers fold into a quote
    "%",
    "_",
    "%' OR 'x' LIKE '%",
    "coup OR war",  # FTS5 operators
    'NEAR("coup" "army") * ^title:coup',
    '"unbalanced',
    "abc\x00' OR 1=1 --",
    "'" * 2000,
]

TRAVERSALS = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fpyproject.toml",
    "..\\..\\pyproject.toml",
    "....//....//etc/passwd",
    "/etc/passwd",
    str(REPO / "pyproject.toml"),
    str(REPO / "faultline" / "api" / "auth.py"),
    "file:///etc/passwd",
    "pyproject.toml\x00.txt",
]
# Raw request targets, sent byte for byte (a client library would normalise the dots away).
STATIC_TRAVERSALS = [
    "/static/../api/auth.py",
    "/static/../../pyproject.toml",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..%2f..%2fpyproject.toml",
    "/static/..%252f..%252fpyproject.toml",
    "/static/..%5c..%5cpyproject.toml",
    "/static/....//....//pyproject.toml",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/app.js%00.png",
    "/static/%00",
    "/static/",
    "/vendor/",
    "/vendor/d3/",
    "/vendor/../api/auth.py",
    "/vendor/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    "/vendor/d3/../../../../pyproject.toml",
    "/vendor/..%2f..%2f..%2fpyproject.toml",
    "//etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/api/../../pyproject.toml",
]
# What the files a traversal aims at contain; none may ever be in an answer.
SECRETS = ("root:x:0:0", "[build-system]", "def needs_token", "hmac.compare_digest")


@pytest.fixture(scope="module")
def store_file(api_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    url = copy_store(api_store_template, tmp_path_factory.mktemp("injection"))
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture(scope="module")
def app(store_file: Path) -> Iterator[FastAPI]:
    built = create_app(f"sqlite:///{store_file}")
    yield built
    built.state.store.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened


@pytest.fixture
def unchanged(store_file: Path) -> Iterator[None]:
    """The schema (tables, indexes, triggers) and every table's row count, before == after."""
    before = store_snapshot(store_file)
    yield
    assert store_snapshot(store_file) == before


def store_snapshot(path: Path) -> dict[str, Any]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        objects = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master"))
        tables = [name for kind, name, _ in objects if kind == "table"]
        counts = {
            t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
        }
    connection.close()
    return {"objects": objects, "counts": counts}


def query_params(app: FastAPI, path: str) -> list[str]:
    operation = app.openapi()["paths"][path]["get"]
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]


def matched(path: str, body: dict[str, Any]) -> int:
    """How many rows an answer holds, whatever the route."""
    if path == "/api/stats":
        return sum(row["events"] for row in body["rows"])
    if path == "/api/graph":
        return len(body["edges"])
    if path == "/api/meta":
        return 0  # takes no filter: any parameter is ignored
    return int(body["total"])


def as_plain_text(client: TestClient, path: str, param: str, payload: str) -> int:
    """The rows ``payload`` may match: full text keeps only its words (quotes and operators
    are not words), so the same words searched plainly bound it; every other free-text filter
    (actor, article, incident text, entity) holds no such string in our store."""
    if param == "text" and path in ("/api/events", "/api/stats"):
        words = " ".join(query_words(payload))
        return matched(path, client.get(path, params={"text": words}).json())
    return 0


def assert_refused(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False and body["status"] == response.status_code
    assert not any(secret in response.text for secret in SECRETS)


def payload_id(payload: str) -> str:
    return payload.encode("unicode_escape").decode("ascii")[:40]


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("payload", SQL_PAYLOADS, ids=payload_id)
@pytest.mark.parametrize("path", GET_ROUTES)
def test_sql_injection_through_every_filter(client: TestClient, path: str, payload: str) -> None:
    params = query_params(client.app, path)
    assert params or path in ("/api/meta", "/api/minerals")
    for param in params:
        response = client.get(path, params={param: payload})
        assert response.status_code < 500, (param, response.text[:300])
        if response.status_code == 200:
            found = matched(path, response.json())
            assert found <= as_plain_text(client, path, param, payload), (param, found)
        else:
            assert_refused(response, 400, 404)


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("payload", SQL_PAYLOADS + TRAVERSALS, ids=payload_id)
@pytest.mark.parametrize("path", ID_ROUTES)
def test_hostile_ids_find_nothing(client: TestClient, path: str, payload: str) -> None:
    url = path.split("{")[0] + quote(payload, safe="")
    assert_refused(client.get(url), 400, 404, 422)


def test_a_known_id_still_answers_and_its_prefix_wildcards_do_not(client: TestClient) -> None:
    """The same routes answer real ids, and ``%``/``_`` in a prefix match only themselves."""
    incident = client.get("/api/incidents", params={"limit": 1}).json()["incidents"][0]["id"]
    assert client.get(f"/api/incidents/{incident}").status_code == 200
    for wildcard in ("%25", "_", "in%25", "in__", "ev%25", "ar_%25"):
        for route in ID_ROUTES:
            assert_refused(client.get(route.split("{")[0] + wildcard), 400, 404)
    assert client.get("/api/incidents", params={"text": "%"}).json()["total"] == 0
    assert client.get("/api/incidents", params={"text": "_"}).json()["total"] == 0


def test_an_ambiguous_prefix_is_a_400_not_a_server_error(client: TestClient) -> None:
    ids = [a["id"] for a in client.get("/api/articles", params={"limit": 1000}).json()["articles"]]
    shared = next(i[:4] for i in ids if sum(j.startswith(i[:4]) for j in ids) > 1)
    response = client.get(f"/api/articles/{shared}")
    assert_refused(response, 400)
    assert "give more of the id" in response.json()["error"]
    assert_refused(client.get("/api/articles/%20%20"), 404)


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[tuple[str, int]]:
    with live_server(app) as base:
        host, port = base.removeprefix("http://").split(":")
        yield host, int(port)


def raw_get(server: tuple[str, int], target: str) -> tuple[int, str]:
    """GET ``target`` exactly as written; the status and the whole answer."""
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with socket.create_connection(server, timeout=10) as connection:
        connection.sendall(request.encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    text = answer.decode("utf-8", "replace")
    return int(text.split(" ", 2)[1]), text


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("target", STATIC_TRAVERSALS)
def test_no_traversal_out_of_the_static_mounts(server: tuple[str, int], target: str) -> None:
    status, answer = raw_get(server, target)
    assert status in (400, 404), answer[:400]
    assert "application/json" in answer.split("\r\n\r\n")[0].lower()
    assert not any(secret in answer for secret in SECRETS), answer[:400]


def test_the_static_mounts_still_serve_their_own_files(server: tuple[str, int]) -> None:
    status, answer = raw_get(server, "/static/app.js")
    assert status == 200 and "import" in answer
