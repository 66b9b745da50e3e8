"""What every request passes through before a route sees it: no NUL in its path or query, a cap
on its body, and the security headers on every answer. Plain ASGI middleware."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faultline.api.errors import error_response
from faultline.ingest.decode import DEFAULT_MAX_BYTES

# One article may be as large as ingest accepts from a file; the rest is room for the JSON
# escapes, the other fields and multipart framing around it.
MAX_BODY_BYTES = DEFAULT_MAX_BYTES + 1024 * 1024

# The page runs only our own scripts from this origin: an injected <script> or inline handler
# in article text could not run even if some view forgot to treat text as text. It must not be
# framed (clickjacking), which only a header can say (index.html repeats the rest in a meta).
DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# JSON and files are never documents: nothing in them may load or run anything.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# FastAPI's Swagger UI and ReDoc pages use inline scripts and their CDN; only framing is barred.
DOCS_CSP = "frame-ancestors 'none'"
DOCS_PATHS = ("/docs", "/redoc")
NUL_MESSAGE = "the path or query holds a NUL character (%00)"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` once a streamed body passes the cap; the route never runs."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    return (
        f"the request body is over the {limit / 1024 / 1024:.0f} MB limit: "
        "send one article at a time"
    )


class RequestLimits:
    """Refuse a NUL in the path or query with a 400 (SQLite and the file system would cut the
    string there, PostgreSQL refuses it: never what was asked), and a body over ``limit`` bytes
    with a 413 before reading it whole: at once when Content-Length says so, else as soon as
    the chunks received pass the limit."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope["query_string"]:
            await error_response(400, NUL_MESSAGE)(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await error_response(413, too_large_message(self.limit))(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # An HTTPException passes through FastAPI's body parsing untouched and
                    # reaches our handler, which answers in the error shape.
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    """nosniff, no framing, no referrer on every answer; a Content-Security-Policy by kind."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = content_security_policy(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in COMMON_HEADERS.items():
                    headers[name] = value
                headers["Content-Security-Policy"] = policy
            await send(message)

        await self.app(scope, receive, send_with_headers)


def content_security_policy(path: str) -> str:
    if path == "/":
        return DASHBOARD_CSP
    if path.startswith(DOCS_PATHS):
        return DOCS_CSP
    return DATA_CSP


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None  # the server rejects a malformed length before we see it
