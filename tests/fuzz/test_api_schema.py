"""API fuzzing: schemathesis against our own OpenAPI schema, as two personas.

Every operation in /api/v1/schema/ gets a bounded number of generated requests (derandomized, so
a run is repeatable; ``ZHIFA_FUZZ_EXAMPLES`` per operation and persona), sent in-process to the
WSGI application with the API token of the agency administrator ``scjg_admin`` and of the city
supervisor ``sfj_chen``. Two promises are checked:

- no request is answered 5xx (bad input gets a 4xx with a Chinese message);
- the schema tells the truth: the status code is documented for the operation, the content type
  is the documented one, and the body has the documented shape.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zhifa.wsgi import application

pytestmark = pytest.mark.fuzz

PERSONAS = ("scjg_admin", "sfj_chen")
# Examples per operation and persona: schema-valid requests, and requests that break the schema
# (wrong types, missing fields, out-of-range values). ZHIFA_FUZZ_EXAMPLES raises both for a deep run.
EXAMPLES = {
    GenerationMode.POSITIVE: int(os.environ.get("ZHIFA_FUZZ_EXAMPLES", "5")),
    GenerationMode.NEGATIVE: int(os.environ.get("ZHIFA_FUZZ_EXAMPLES", "2")),
}
# To chase one failure: ZHIFA_FUZZ_PATHS=/training,/staffing fuzzes only paths containing those.
ONLY = [p for p in os.environ.get("ZHIFA_FUZZ_PATHS", "").split(",") if p]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class _Unhandled(logging.Handler):
    """Catches the exception core.api's handler logs for a 500, to tell what caused it."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.last: BaseException | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.last = record.exc_info[1]

    def pop(self) -> BaseException | None:
        last, self.last = self.last, None
        return last


@pytest.fixture
def unhandled():
    handler = _Unhandled()
    logger = logging.getLogger("zhifa.core.api")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.fixture
def in_test_transaction():
    """Django's WSGI handler closes the connection after each request, which would end the
    test's transaction; the test client does the same as this while it calls the app."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Run:
    def __init__(self, unhandled: _Unhandled, mode: GenerationMode) -> None:
        self.unhandled = unhandled
        self.mode = mode
        self.failures: list[str] = []
        self.statuses: Counter = Counter()

    def fuzz(self, operation, headers: dict[str, str]) -> None:
        @settings(
            max_examples=EXAMPLES[self.mode],
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=self.mode))
        def run(case) -> None:
            self.send(operation, case, headers)

        try:
            run()
        except Unsatisfiable:  # negative mode: an operation without inputs has nothing to break
            assert self.mode is GenerationMode.NEGATIVE, operation.label

    def send(self, operation, case, headers: dict[str, str]) -> None:
        # Each request starts from the same demo city and cannot spoil the test's transaction
        # (on PostgreSQL a failed statement would abort it for every later request).
        savepoint = transaction.savepoint()
        try:
            response = case.call(headers=headers)
        finally:
            transaction.savepoint_rollback(savepoint)
        self.statuses[response.status_code // 100] += 1
        cause = self.unhandled.pop()
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                self.failures.append(
                    f"{operation.label} → {response.status_code}: {failure.title}"
                    f" | query={case.query!r} body={str(case.body)[:120]!r}"
                    f" | {response.text[:200]!r}" + (f" | {cause!r}" if cause is not None else "")
                )


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_the_api_holds_against_generated_requests(
    mode, registry_demo, in_test_transaction, unhandled, capsys
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    tokens = {
        name: Token.objects.get_or_create(user=registry_demo[name])[0].key for name in PERSONAS
    }
    run = Run(unhandled, mode)
    started = time.monotonic()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if ONLY and not any(part in operation.path for part in ONLY):
            continue
        operations += 1
        for name in PERSONAS:
            run.fuzz(operation, {"Authorization": f"Token {tokens[name]}"})
    with capsys.disabled():
        print(
            f"\nfuzzed ({mode}) {operations} operations in {time.monotonic() - started:.0f}s, "
            f"answers by class: {dict(sorted(run.statuses.items()))}"
        )
    assert operations > 80 or ONLY, "the schema lost its operations"
    assert sum(run.statuses.values()) > 0
    distinct = sorted(set(run.failures))
    assert distinct == [], "\n".join(distinct)
