"""The HTTP-level defences: oversized bodies refused with a 413 before they are read whole
(declared or chunked), hostile stored text served as JSON that no browser will run, the
security headers, and the token rule for a server bound beyond loopback."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from faultline.api import auth, create_app
from faultline.api.guards import MAX_BODY_BYTES
from faultline.ingest.decode import DEFAULT_MAX_BYTES
from tests.api.conftest import HOSTILE_RECORDS, live_server

TOKEN = "correct horse battery staple"
CHUNK = 64 * 1024
MULTIPART_HEAD = (
    b'--faultline\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\n"
)


@pytest.fixture
def client(api_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(api_db)) as opened:
        yield opened


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body


# --- oversized bodies ---------------------------------------------------------------------------


def test_a_declared_oversized_json_body_is_refused(client: TestClient) -> None:
    text = "Rebels shelled the airport. " * (MAX_BODY_BYTES // 28 + 10)
    body = assert_error(client.post("/api/articles", json={"text": text}), 413)
    assert "MB limit" in body["error"]


def test_an_oversized_upload_is_refused(client: TestClient) -> None:
    data = b"Rebels shelled the airport.\n" * (MAX_BODY_BYTES // 28 + 10)
    response = client.post("/api/articles/upload", files={"file": ("big.txt", data, "text/plain")})
    assert "MB limit" in assert_error(response, 413)["error"]


def test_an_article_over_the_ingest_limit_inside_a_smaller_body_is_refused(
    client: TestClient,
) -> None:
    """Under the body cap (which leaves room for the JSON around the text), over the limit
    one article has when ingest reads it from a file."""
    text = "x" * (DEFAULT_MAX_BYTES + 10)
    assert (
        "limit for one article"
        in assert_error(client.post("/api/articles", json={"text": text}), 413)["error"]
    )


@pytest.fixture(scope="module")
def server(api_store_template: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.api.conftest import copy_store

    url = copy_store(api_store_template, tmp_path_factory.mktemp("bodies"))
    app = create_app(url)
    with live_server(app) as base:
        yield base.removeprefix("http://")
    app.state.store.close()


def send_head(address: str, path: str, headers: dict[str, str]) -> socket.socket:
    host, port = address.split(":")
    # A server that waited for the whole body would leave recv() to time out: the test fails.
    connection = socket.create_connection((host, int(port)), timeout=60)
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    return connection


def read_answer(connection: socket.socket) -> tuple[int, dict[str, Any]]:
    answer = b""
    while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
        chunk = connection.recv(65536)
        if not chunk:
            break
        answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(body.decode("utf-8") or "{}")


def test_a_declared_length_over_the_cap_is_refused_before_any_body_is_sent(server: str) -> None:
    headers = {"Content-Type": "application/json", "Content-Length": str(50 * 1024 * 1024)}
    with send_head(server, "/api/articles", headers) as connection:
        status, body = read_answer(connection)  # we never send a byte of the 50 MB
    assert status == 413 and body["status"] == 413 and "MB limit" in body["error"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/articles", "application/json"),
        ("/api/articles/upload", "multipart/form-data; boundary=faultline"),
    ],
)
def test_a_chunked_body_is_cut_off_once_past_the_cap(
    server: str, path: str, content_type: str
) -> None:
    """No Content-Length: the server counts the chunks and answers 413 once past the cap,
    while the client is still sending a body that would never end."""
    headers = {"Content-Type": content_type, "Transfer-Encoding": "chunked"}
    with send_head(server, path, headers) as connection:
        sent = 0
        chunk = b"%x\r\n%s\r\n" % (CHUNK, b"a" * CHUNK)
        try:
            if "multipart" in content_type:  # a well-formed start, then a file without end
                part = MULTIPART_HEAD
                connection.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            while sent <= MAX_BODY_BYTES + 4 * CHUNK:
                connection.sendall(chunk)
                sent += CHUNK
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed mid-body: what we want
        status, body = read_answer(connection)  # no terminating chunk was ever sent
    assert status == 413 and "MB limit" in body["error"], body


# --- hostile stored text ------------------------------------------------------------------------


def test_hostile_article_text_is_served_as_inert_json(client: TestClient) -> None:
    listing = client.get("/api/articles", params={"limit": 1000}).json()["articles"]
    titles = {r["title"]: r["id"] for r in listing}
    for record in HOSTILE_RECORDS:
        response = client.get(f"/api/articles/{titles[record['title']]}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        article = response.json()["article"]
        # Stored and served as the text it is: the dashboard's job is to show it as text.
        assert article["title"] == record["title"] and article["source"] == record["source"]
        assert article["url"] == record["url"]
    assert (
        "</script><script>"
        in client.get(f"/api/articles/{titles[HOSTILE_RECORDS[0]['title']]}").text
    )


def test_security_headers_on_pages_data_files_and_errors(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for response in (
        page,
        client.get("/api/meta"),
        client.get("/api/events/ev_nothing"),
        client.get("/static/app.js"),
        client.get("/docs"),
        client.post("/api/articles", json={}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


# --- the token rule -----------------------------------------------------------------------------


@pytest.fixture
def guarded(api_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(api_db, token=TOKEN)) as opened:
        yield opened


def every_url(app: FastAPI) -> list[str]:
    """Each API operation (ids filled in), the docs, the schema, the page and its files."""
    api = [path.replace("{", "x").replace("}", "") for path in app.openapi()["paths"]]
    files = ["/static/app.js", "/static/index.html", "/static/style.css"]
    files.append("/vendor/d3/dist/d3.min.js")
    return [*api, "/docs", "/redoc", "/docs/oauth2-redirect", "/openapi.json", "/", *files]


def test_without_the_right_token_every_route_answers_401(guarded: TestClient) -> None:
    urls = every_url(guarded.app)
    assert len(urls) > 15
    for url in urls:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            for method in ("GET", "POST", "HEAD"):
                response = guarded.request(method, url, headers=headers)
                assert response.status_code == 401, (method, url, headers)
                assert response.headers["www-authenticate"].startswith("Bearer")
                if method != "HEAD":
                    assert_error(response, 401)
        assert guarded.get(url, params={"token": TOKEN[:-1]}).status_code == 401


def test_with_the_token_every_route_answers(guarded: TestClient) -> None:
    for url in every_url(guarded.app):
        response = guarded.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code != 401, url
    assert guarded.get("/api/meta", headers={"Authorization": f"bearer  {TOKEN} "}).is_success


def test_the_first_page_load_sets_a_cookie_that_loads_the_pages_files(
    guarded: TestClient,
) -> None:
    page = guarded.get("/", params={"token": TOKEN})
    assert page.status_code == 200
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert TOKEN not in cookie  # it holds a digest, never the token itself
    assert guarded.get("/static/app.js").status_code == 200  # the cookie alone
    assert guarded.get("/api/meta").status_code == 200
    # A write must show the token itself: another site cannot post with our cookie.
    assert_error(guarded.post("/api/articles", json={"text": "Rebels shelled the airport."}), 401)
    guarded.cookies.clear()
    guarded.cookies.set(auth.COOKIE, "0" * 64)
    assert_error(guarded.get("/api/meta"), 401)


def test_tokens_are_compared_in_constant_time(
    guarded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    guarded.get("/api/meta", headers={"Authorization": "Bearer a-much-longer-wrong-token"})
    guarded.get("/api/meta", headers={"Authorization": "Bearer w"})
    expected = hashlib.sha256(TOKEN.encode()).digest()
    # Every comparison is against the token's digest (raw, or hex for the cookie), and a
    # bearer token is hashed first, so its length cannot show in the time taken.
    assert compared and {b for _, b in compared} <= {expected, expected.hex().encode()}
    assert {len(a) for a, b in compared if b == expected} == {32}
    assert hashlib.sha256(b"w").digest() in {a for a, _ in compared}


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", "127.0.0.2"])
@pytest.mark.parametrize("token", [None, ""])
def test_serve_beyond_loopback_without_a_token_refuses(
    api_db: str, host: str, token: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from faultline.cli.main import app

    monkeypatch.delenv("FAULTLINE_TOKEN", raising=False)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not serve"))
    args = ["serve", "--db", api_db, "--host", host]
    if token is not None:
        args += ["--token", token]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "--token" in result.output and host in result.output


def test_serve_beyond_loopback_with_a_token_guards_every_request(
    api_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from faultline.cli.main import app

    served: dict[str, Any] = {}
    monkeypatch.setattr("uvicorn.run", lambda built, **kw: served.update(app=built, **kw))
    monkeypatch.setenv("FAULTLINE_TOKEN", TOKEN)
    result = CliRunner().invoke(app, ["serve", "--db", api_db, "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert served["host"] == "0.0.0.0"
    with TestClient(served["app"]) as client:
        assert_error(client.get("/api/meta"), 401)
        assert client.get("/api/meta", headers={"Authorization": f"Bearer {TOKEN}"}).is_success
