"""schemathesis calls every operation of the OpenAPI document through the WSGI application
(no network) with generated parameters: no answer may be a 5xx or break the document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from communs.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.API_RATE_LIMIT = "100000/m"


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_document(case, world):
    case.call_and_validate()
