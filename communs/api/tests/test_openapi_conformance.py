"""schemathesis calls every operation of the OpenAPI document through the WSGI application
(no network) with generated parameters: no answer may be a 5xx or break the document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

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


writes = schema.include(method="POST")


@pytest.fixture
def token_headers(world):
    from django.contrib.auth.models import User

    from communs.api.services import token_create
    from communs.territories.models import Membership

    admin = User.objects.create_user("adele", "adele@example.fr", "not-a-secret-42")
    Membership.objects.create(
        organisation=world["commune"], user=admin, status="approved", role="admin"
    )
    _token, secret = token_create(
        organisation=world["commune"],
        name="schemathesis",
        scopes=["declarations", "experiences", "endorsements"],
        by=admin,
    )
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
@writes.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_write_with_a_valid_token_answers_within_its_document(case, token_headers, settings):
    settings.API_TOKEN_RATE_LIMIT = "100000/m"
    # A body can match the document and still be refused (400) for what only the database
    # knows (an unknown software or need, an abandoned declaration without its reason):
    # schemathesis's "schema-valid data is accepted" check does not apply; every other
    # check does (no 5xx, answers that match the document).
    case.call_and_validate(headers=token_headers, excluded_checks=[positive_data_acceptance])
