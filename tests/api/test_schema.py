"""Schemathesis against our own OpenAPI document, in-process (ASGI, no network), over a store
of our own articles: every operation, valid and invalid inputs, never a 5xx, and every answer
conforms to the schema (documented status code, content type, body, headers).

Two ways: a pytest case per operation and mode (positive, negative) with Hypothesis, which
names the operation that fails; and schemathesis's own engine over the whole document, whose
coverage phase adds the boundary values (largest integers, empty strings, methods a path does
not serve) that random examples rarely hit. ``FAULTLINE_SCHEMA_EXAMPLES`` sets the examples per
operation (default 25); the runs are deterministic, so CI sees the same cases every time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema
from schemathesis.specs.openapi.checks import positive_data_acceptance

from faultline.api import create_app
from tests.api.conftest import OPERATIONS, copy_store

EXAMPLES = int(os.environ.get("FAULTLINE_SCHEMA_EXAMPLES", "25"))
# The filters are checked beyond their types: a country must be one we know, a date a real
# date, a place one the gazetteer has. A well-typed value we do not know is rightly a 400,
# so "a schema-valid request must be accepted" does not hold for them; every other check does.
EXCLUDED_CHECKS = [positive_data_acceptance]


@pytest.fixture(scope="module")
def app(api_store_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = copy_store(api_store_template, tmp_path_factory.mktemp("schema"))
    built = create_app(url)
    yield built
    built.state.store.close()


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=engine_config())


def engine_config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
            "checks": {"positive_data_acceptance": {"enabled": False}},
        }
    )


def test_every_operation_in_the_schema_is_tested(app: FastAPI) -> None:
    documented = {
        (method.upper(), path) for path, item in app.openapi()["paths"].items() for method in item
    }
    assert documented == set(OPERATIONS)


def test_the_schema_documents_our_errors_not_fastapis(app: FastAPI) -> None:
    document = app.openapi()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"400", "503"} <= set(responses), (method, path)
            error = responses["400"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorBody"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms(api_schema: Any, method: str, path: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    if mode is GenerationMode.NEGATIVE and not can_be_invalid(operation.definition.raw):
        pytest.skip("every input the schema allows is valid (none, or a free-text id)")

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)

    check()


def can_be_invalid(operation: dict[str, Any]) -> bool:
    """Whether some request breaks the schema: a body, or a parameter other than a path
    segment of free text (any text is a valid id; the routes answer 404 for unknown ones)."""

    def free_text_id(parameter: dict[str, Any]) -> bool:
        schema = {k: v for k, v in parameter["schema"].items() if k != "title"}
        return parameter["in"] == "path" and schema == {"type": "string"}

    parameters = operation.get("parameters", [])
    return "requestBody" in operation or not all(free_text_id(p) for p in parameters)


def test_every_phase_of_schemathesis_finds_nothing(api_schema: Any) -> None:
    """Examples, coverage, fuzzing and stateful phases over every operation."""
    failures: list[str] = []
    cases = 0
    for event in from_schema(api_schema).execute():
        if isinstance(event, events.ScenarioFinished):
            cases += len(event.recorder.cases)
            failures += describe_failures(event)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"engine error: {event}")
    print(f"schemathesis engine: {len(OPERATIONS)} operations, {cases} cases")
    assert cases > 10 * len(OPERATIONS)
    assert not failures, "\n".join(failures[:20])


def describe_failures(event: Any) -> list[str]:
    found = []
    for case_id, checks in event.recorder.checks.items():
        case = event.recorder.cases[case_id].value
        for check in checks:
            if check.status.value != "success" and check.failure_info is not None:
                title = check.failure_info.failure.title
                sent = f"query={case.query} body={str(case.body)[:200]}"
                found.append(
                    f"{event.phase} {case.method} {case.path}: {check.name}: {title}; {sent}"
                )
    return found
