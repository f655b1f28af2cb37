"""Writes with an organisation's token: each scope allowed and refused, revoked refused."""

import pytest
from django.contrib.auth.models import User

from communs.api.models import ApiToken
from communs.api.services import token_create, token_revoke
from communs.mutualisation.models import Endorsement, Need
from communs.territories.models import Membership
from communs.usage.models import Experience, UsageDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    user = User.objects.create_user("adele", "adele@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(
        organisation=world["commune"], user=user, status="approved", role="admin"
    )
    return user


def make_token(world, admin, *scopes):
    _token, secret = token_create(
        organisation=world["commune"], name="portal", scopes=list(scopes), by=admin
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, path, body, headers):
    return client.post(path, body, content_type="application/json", **headers)


def test_a_token_is_stored_only_as_a_digest(world, admin):
    token, secret = token_create(
        organisation=world["commune"], name="portal", scopes=["declarations"], by=admin
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("cmn_") and len(secret) > 40
    assert secret not in (stored.digest, stored.prefix) and secret.startswith(stored.prefix)
    assert len(stored.digest) == 64


def test_a_declarations_token_declares_and_updates_keeping_omitted_fields(client, world, admin):
    headers = make_token(world, admin, "declarations")
    created = post(
        client,
        "/api/v1/declarations",
        {"software": "libreoffice", "status": "evaluating", "version": "24.2", "notes": "n"},
        headers,
    )
    assert created.status_code == 200  # the world already declares LibreOffice
    body = created.json()
    assert (body["software"], body["status"], body["version"]) == (
        "libreoffice",
        "evaluating",
        "24.2",
    )
    declaration = UsageDeclaration.objects.get(
        organisation=world["commune"], software__slug="libreoffice"
    )
    assert declaration.status == "evaluating" and declaration.notes == "n"
    # The instance stays private: the answer does not publish it either.
    assert declaration.instance_public is False and body["instance_url"] == ""
    again = post(
        client, "/api/v1/declarations", {"software": "libreoffice", "status": "production"}, headers
    )
    declaration.refresh_from_db()
    assert again.status_code == 200
    assert (declaration.status, declaration.version) == ("production", "24.2")


def test_a_new_declaration_answers_201(client, world, admin):
    from communs.catalog.tests.factories import SoftwareFactory

    SoftwareFactory(slug="gimp", name="GIMP")
    headers = make_token(world, admin, "declarations")
    response = post(
        client, "/api/v1/declarations", {"software": "gimp", "status": "production"}, headers
    )
    assert response.status_code == 201
    assert UsageDeclaration.objects.filter(
        organisation=world["commune"], software__slug="gimp"
    ).exists()


def test_invalid_input_names_each_field_and_saves_nothing(client, world, admin):
    headers = make_token(world, admin, "declarations", "experiences")
    response = post(
        client,
        "/api/v1/declarations",
        {"software": "libreoffice", "status": "abandoned", "instance_url": "not a url"},
        headers,
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"abandon_reason", "instance_url"}
    assert UsageDeclaration.objects.get(software__slug="libreoffice").status == "production"
    unknown = post(
        client,
        "/api/v1/experiences",
        {"software": "nope", "kind": "testimonial", "title": "t", "body": "b"},
        headers,
    )
    assert unknown.status_code == 400 and set(unknown.json()["error"]["fields"]) == {"software"}


def test_an_experiences_token_publishes_an_experience_in_the_organisations_name(
    client, world, admin
):
    headers = make_token(world, admin, "experiences")
    response = post(
        client,
        "/api/v1/experiences",
        {
            "software": "qgis",
            "kind": "difficulty",
            "title": "Impression A0",
            "body": "Les grands formats échouent.",
            "resolution": "open",
        },
        headers,
    )
    assert response.status_code == 201, response.content
    experience = Experience.objects.get(title="Impression A0")
    assert (experience.organisation, experience.author) == (world["commune"], admin)
    assert response.json()["id"] == experience.pk


def test_an_endorsements_token_endorses_an_open_need(client, world, admin):
    need = Need.objects.create(
        title="Export GeoPackage",
        description="d",
        software=world["qgis"],
        status="open",
        proposed_by=admin,
    )
    headers = make_token(world, admin, "endorsements")
    response = post(
        client,
        "/api/v1/endorsements",
        {"need": need.pk, "context": "12 écoles", "budget": "1500.00"},
        headers,
    )
    assert response.status_code == 201, response.content
    endorsement = Endorsement.objects.get(need=need)
    assert (endorsement.organisation, str(endorsement.budget)) == (world["commune"], "1500.00")
    proposed = Need.objects.create(
        title="p", description="d", software=world["qgis"], proposed_by=admin
    )
    refused = post(client, "/api/v1/endorsements", {"need": proposed.pk, "context": "x"}, headers)
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"need"}


@pytest.mark.parametrize(
    ("scope", "path", "body"),
    [
        ("experiences", "/api/v1/declarations", {"software": "qgis", "status": "production"}),
        (
            "declarations",
            "/api/v1/experiences",
            {"software": "qgis", "kind": "testimonial", "title": "t", "body": "b"},
        ),
        ("declarations", "/api/v1/endorsements", {"need": 1, "context": "c"}),
    ],
)
def test_a_token_without_the_scope_is_refused_and_nothing_changes(
    client, world, admin, scope, path, body
):
    before = (
        UsageDeclaration.objects.count(),
        Experience.objects.count(),
        Endorsement.objects.count(),
    )
    response = post(client, path, body, make_token(world, admin, scope))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "scope_missing"
    assert (
        UsageDeclaration.objects.count(),
        Experience.objects.count(),
        Endorsement.objects.count(),
    ) == before


def test_a_revoked_or_unknown_token_or_none_is_refused_with_401(client, world, admin):
    token, secret = token_create(
        organisation=world["commune"], name="p", scopes=["experiences"], by=admin
    )
    token_revoke(token=token, by=admin)
    body = {"software": "qgis", "kind": "testimonial", "title": "t", "body": "b"}
    for headers in (
        {"HTTP_AUTHORIZATION": f"Bearer {secret}"},
        {"HTTP_AUTHORIZATION": "Bearer cmn_guess"},
        {},
    ):
        response = post(client, "/api/v1/experiences", body, headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Experience.objects.filter(title="t").exists()


def test_a_token_whose_creator_left_is_refused(client, world, admin):
    headers = make_token(world, admin, "experiences")
    Membership.objects.filter(user=admin).delete()
    response = post(
        client,
        "/api/v1/experiences",
        {"software": "qgis", "kind": "testimonial", "title": "t", "body": "b"},
        headers,
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "token_orphaned"


def test_too_many_writes_with_one_token_get_a_429_with_retry_after(client, world, admin, settings):
    settings.API_TOKEN_RATE_LIMIT = "2/m"
    headers = make_token(world, admin, "declarations")
    body = {"software": "qgis", "status": "production"}
    statuses = [post(client, "/api/v1/declarations", body, headers).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = post(client, "/api/v1/declarations", body, headers)
    assert refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1
    # Another token of the same address still writes.
    assert (
        post(
            client, "/api/v1/declarations", body, make_token(world, admin, "declarations")
        ).status_code
        == 200
    )


def test_a_body_that_is_not_json_gets_the_apis_error_shape(client, world, admin):
    headers = make_token(world, admin, "experiences")
    response = client.post(
        "/api/v1/experiences", b"\xff\x00{", content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"
    assert not Experience.objects.filter(organisation=world["commune"], title="").exists()
