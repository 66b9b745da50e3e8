"""The token rule: a server bound beyond loopback needs ``--token``, and then every request
must carry it: the API, the docs, the dashboard page and its static files alike.

A request shows the token as ``Authorization: Bearer TOKEN``, or as ``?token=`` on the first
page load (a link can carry it; a <script> or <link> tag cannot send a header). A valid
``?token=`` sets an HttpOnly, SameSite=Strict cookie (holding the token's SHA-256, never the
token) so that the page's own files load; the cookie is honoured for reads only (GET, HEAD), so
no other site can make a browser write with it. Tokens are compared in constant time over
their SHA-256 digests, so not even their length shows in the timing.
"""

from __future__ import annotations

import hashlib
import hmac

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faultline.api.errors import error_response

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
COOKIE = "faultline_token"
READS = frozenset({"GET", "HEAD"})
UNAUTHORIZED = "this server needs its token: Authorization: Bearer TOKEN (or open /?token=TOKEN)"


def needs_token(host: str) -> bool:
    return host not in LOOPBACK


class TokenCheck:
    """Answer 401 in the error shape to any HTTP request without the right token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = _digest(token)
        self._cookie = f"{COOKIE}={self._expected.hex()}; Path=/; HttpOnly; SameSite=Strict"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        from_query = self._matches(connection.query_params.get("token"))
        if not (
            from_query or self._matches(_bearer(connection)) or self._cookie_matches(connection)
        ):
            response = error_response(401, UNAUTHORIZED)
            response.headers["WWW-Authenticate"] = 'Bearer realm="faultline"'
            await response(scope, receive, send)
            return
        await self.app(scope, receive, self._setting_cookie(send) if from_query else send)

    def _setting_cookie(self, send: Send) -> Send:
        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("Set-Cookie", self._cookie)
            await send(message)

        return send_with_cookie

    def _matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(_digest(given), self._expected)

    def _cookie_matches(self, connection: HTTPConnection) -> bool:
        if connection.scope["method"] not in READS:
            return False
        given = connection.cookies.get(COOKIE, "").encode("ascii", "replace")
        return hmac.compare_digest(given, self._expected.hex().encode("ascii"))


def _bearer(connection: HTTPConnection) -> str | None:
    header = connection.headers.get("authorization", "")
    return header[7:].strip() if header[:7].lower() == "bearer " else None


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
