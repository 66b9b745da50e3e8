"""The token rule: a server bound beyond loopback needs ``--token``, and then every request
must carry it (``Authorization: Bearer``, or ``?token=`` for the first page load)."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from faultline.api.errors import error_response

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The dashboard's own code and the npm libraries: no data, and a <script> tag cannot send a
# bearer header. The page, the API and the docs stay behind the token.
PUBLIC_PREFIXES = ("/static/", "/vendor/")


def needs_token(host: str) -> bool:
    return host not in LOOPBACK


def install_token_check(app: FastAPI, token: str) -> None:
    expected = token.encode("utf-8")

    @app.middleware("http")
    async def check_token(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith(PUBLIC_PREFIXES):
            return await call_next(request)
        given = _given_token(request)
        if given is None or not hmac.compare_digest(given.encode("utf-8"), expected):
            return error_response(401, "this server needs its token: Authorization: Bearer …")
        return await call_next(request)


def _given_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.query_params.get("token")
