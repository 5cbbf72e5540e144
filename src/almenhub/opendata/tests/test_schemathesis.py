"""Property-based tests of every API operation against the OpenAPI document,
in process, with every check schemathesis has (`load_all_checks`): no
server error; status code, content type, headers and body as the schema
says; data the schema allows is accepted (positive data) and data it
forbids is refused (negative data); unsupported methods answer 405 with an
Allow header; and the rest of the registry."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from almenhub.opendata.tests.conftest import HAS_EXAMPLES, HAS_MEETINGS

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 15


def all_checks() -> list:
    load_all_checks()
    checks = CHECKS.get_all()
    assert {c.__name__ for c in checks} >= {
        "not_a_server_error",
        "response_schema_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
        "unsupported_method",
    }
    return checks


@pytest.fixture
def wsgi_app():
    """Django's own WSGI handler, sharing the test's database connection: the
    handler must not close it between requests (the test client does the
    same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def known_path_parameters(catalogue) -> dict[str, dict]:
    """Existing objects for the detail operations, so that generated queries
    (`fields=` above all) also reach answers with a body, not only 404s."""
    known = {
        "/api/v1/projects/{id}/": {"id": catalogue.seed.pk},
        "/api/v1/programmes/{id}/": {"id": catalogue.programme.pk},
        "/api/v1/publications/{id}/": {"id": catalogue.publication.pk},
        "/api/v1/organisations/{id}/": {"id": catalogue.seed.owner_organisation_id},
        "/api/v1/themes/{slug}/": {"slug": "natur-og-biodiversitet"},
        "/api/v1/news/{id}/": {"id": catalogue.extra["news"].pk},
        "/api/v1/theme-pages/{id}/": {"id": catalogue.extra["theme_page"].pk},
        "/api/v1/pages/{id}/": {"id": catalogue.extra["content_page"].pk},
    }
    if HAS_EXAMPLES:
        known["/api/v1/examples/{id}/"] = {"id": catalogue.extra["example"].pk}
        known["/api/v1/indicators/{slug}/"] = {"slug": "co2e-undgaaet"}
        known["/api/v1/value/indicators/{slug}/years/"] = {"slug": "co2e-undgaaet"}
        known["/api/v1/value/organisations/{slug}/"] = {
            "slug": catalogue.extra["example"].organisation.slug
        }
    if HAS_MEETINGS:
        known["/api/v1/meetings/{id}/"] = {"id": catalogue.extra["meeting"].pk}
        known["/api/v1/meeting-series/{id}/"] = {"id": catalogue.extra["series"].pk}
    return known


def run(strategy, checks: list) -> list[int]:
    statuses: list[int] = []

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def check(case):
        # Uncompressed: the WSGI transport does not decode a gzip/brotli body.
        response = case.call_and_validate(
            checks=checks, headers={"Accept-Encoding": "identity"}
        )
        statuses.append(response.status_code)

    check()
    return statuses


def test_every_operation_keeps_to_the_schema(catalogue, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {operation.path for operation in operations}
    known = known_path_parameters(catalogue)
    expected = {"/api/v1/projects/", "/api/v1/search/", *known}
    assert expected <= paths

    checks = all_checks()
    successes = set()
    for operation in operations:
        statuses = []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            statuses += run(operation.as_strategy(mode), checks)
            if operation.path in known:
                statuses += run(
                    operation.as_strategy(mode, path_parameters=known[operation.path]),
                    checks,
                )
        assert statuses, operation.label
        if 200 in statuses:
            successes.add(operation.path)
    # Every operation answered at least once with data, not only with errors.
    assert successes == paths
