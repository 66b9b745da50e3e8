"""One error shape for every API failure: ``{"ok": false, "error", "errors", "status"}``."""

from __future__ import annotations

from typing import Any

import typer
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from faultline.errors import FaultlineError, InputError, NotFoundError, StorageError


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
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(InputError)
    async def bad_input(_: Request, exc: InputError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(StorageError)
    async def storage(_: Request, exc: StorageError) -> JSONResponse:
        return error_response(503, str(exc))

    @app.exception_handler(FaultlineError)
    async def faultline_error(_: Request, exc: FaultlineError) -> JSONResponse:
        return error_response(500, str(exc))


def _validation_item(error: dict[str, Any]) -> dict[str, Any]:
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
    return {"param": ".".join(location) or "request", "message": error.get("msg", "invalid")}
