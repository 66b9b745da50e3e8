"""The OpenAPI document made to say what the server does: FastAPI's, tidied.

* A bad parameter is a 400 in our error shape (``errors.py``), never FastAPI's 422
  ``HTTPValidationError``, which it documents on every route with parameters.
* A success body is the documented model alone (``schemas.py``), without the loose
  ``type: object`` FastAPI derives from the routes' ``dict[str, Any]`` return annotation.
* With a token, every operation needs the bearer scheme and may answer 401.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from faultline.api.schemas import ERROR_DESCRIPTIONS

_VALIDATION_REF = "#/components/schemas/HTTPValidationError"
_ERROR_REF = "#/components/schemas/ErrorBody"
_FASTAPI_ONLY = ("HTTPValidationError", "ValidationError")


def install_openapi(app: FastAPI, *, token: bool) -> None:
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        return tidy(generate(), token=token)  # idempotent over FastAPI's cached document

    app.openapi = openapi  # type: ignore[method-assign]


def tidy(document: dict[str, Any], *, token: bool) -> dict[str, Any]:
    for operation in _operations(document):
        responses = operation["responses"]
        if _schema_ref(responses.get("422")) == _VALIDATION_REF:
            del responses["422"]
        for response in responses.values():
            for content in response.get("content", {}).values():
                if "$ref" in content.get("schema", {}):
                    content["schema"] = {"$ref": content["schema"]["$ref"]}
        if token:
            responses.setdefault("401", _error_response(401))
    components = document.setdefault("components", {})
    schemas = components.get("schemas", {})
    if _VALIDATION_REF not in json.dumps(document.get("paths", {})):
        for name in _FASTAPI_ONLY:
            schemas.pop(name, None)
    if token:
        components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        document["security"] = [{"bearer": []}]
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for path in document.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict) and "responses" in operation
    ]


def _schema_ref(response: dict[str, Any] | None) -> str | None:
    if not response:
        return None
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref")


def _error_response(status: int) -> dict[str, Any]:
    return {
        "description": ERROR_DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": _ERROR_REF}}},
    }
