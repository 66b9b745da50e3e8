"""One error shape for every API failure: ``{"ok": false, "error", "errors", "status"}``."""

from __future__ import annotations

from typing import Any

import typer
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from faultline.errors import (
    AmbiguousRefError,
    ConfigError,
    FaultlineError,
    InputError,
    NotFoundError,
    StorageError,
    TooLargeError,
)

# The status each of our errors answers with, found along the exception's class hierarchy so
# the most specific entry wins. Anything else of ours is a 500: a bug to report.
STATUS_OF: dict[type[FaultlineError], int] = {
    InputError: 400,
    ConfigError: 400,
    AmbiguousRefError: 400,
    TooLargeError: 413,
    NotFoundError: 404,
    StorageError: 503,
    FaultlineError: 500,
}


class ApiError(Exception):
    """A request the API refuses, with the status to answer."""

    def __init__(self, status: int, message: str, errors: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []


def error_body(
    status: int, message: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"ok": False, "error": message, "errors": errors or [], "status": status}


def error_response(
    status: int, message: str, errors: list[dict[str, Any]] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, message, errors), status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_validation_item(e) for e in exc.errors()]
        first = errors[0] if errors else {"param": "request", "message": "invalid"}
        return error_response(400, f"{first['param']}: {first['message']}", errors)

    @app.exception_handler(typer.BadParameter)
    async def bad_parameter(_: Request, exc: typer.BadParameter) -> JSONResponse:
        param = (exc.param_hint or "parameter").lstrip("-").replace("-", "_")
        if not isinstance(exc.param_hint, str):
            param = "parameter"
        message = f"{param}: {exc.message}"
        return error_response(400, message, [{"param": param, "message": exc.message}])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = error_response(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        allowed = _allowed_methods(request) if exc.status_code == 405 else None
        if allowed:
            response.headers["Allow"] = allowed
        return response

    async def faultline_error(_: Request, exc: Exception) -> JSONResponse:
        status = next(STATUS_OF[kind] for kind in type(exc).__mro__ if kind in STATUS_OF)
        return error_response(status, str(exc))

    for kind in STATUS_OF:
        app.add_exception_handler(kind, faultline_error)


def _allowed_methods(request: Request) -> str | None:
    """The methods the OpenAPI document serves at this path, a concrete path before templated
    ones (as OpenAPI matches them): Starlette's 405 names only the first matching route's, and
    ``/api/articles`` is two routes (GET and POST)."""
    paths = request.app.openapi()["paths"]
    path = request.url.path
    matching = [path] if path in paths else [t for t in paths if compile_path(t)[0].match(path)]
    methods = {method.upper() for template in matching for method in paths[template]}
    return ", ".join(sorted(methods)) or None


def _validation_item(error: dict[str, Any]) -> dict[str, Any]:
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return {"param": ".".join(location) or "request", "message": message}
