"""Contractors in the declarations, answers to difficulties: read by anyone, written with a
token; hidden answers nowhere (the dumps: communs/opendata/tests)."""

import pytest
from django.contrib.auth.models import User

from communs.api.services import token_create
from communs.territories.models import Membership
from communs.usage.models import Answer, Experience

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    user = User.objects.create_user("adele", "adele@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(
        organisation=world["commune"], user=user, status="approved", role="admin"
    )
    return user


def bearer(world, admin, *scopes):
    _token, secret = token_create(
        organisation=world["commune"], name="portal", scopes=list(scopes), by=admin
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def difficulty(world):
    return Experience.objects.create(
        kind="difficulty",
        organisation=world["commune"],
        software=world["qgis"],
        title="Impression A0",
        body="Le composeur plante.",
        resolution="open",
    )


def test_a_declaration_publishes_its_contractor_and_the_contracts_end(client, world):
    declaration = world["public_declaration"]
    declaration.contractor = world["provider"]
    declaration.contract_ends_on = "2027-06-30"
    declaration.save()
    rows = client.get("/api/v1/declarations?software=qgis").json()["results"]
    row = next(r for r in rows if r["id"] == declaration.pk)
    assert (row["contractor"], row["contractor_name"], row["contract_ends_on"]) == (
        "geo-coop",
        "",
        "2027-06-30",
    )


def test_a_token_records_a_contractor_and_keeps_it_on_the_next_write(client, world, admin):
    headers = bearer(world, admin, "declarations")
    body = {"software": "qgis", "status": "production", "contractor": "geo-coop"}
    body["contract_ends_on"] = "2027-06-30"
    first = client.post("/api/v1/declarations", body, content_type="application/json", **headers)
    assert first.status_code == 200, first.json()
    again = client.post(
        "/api/v1/declarations",
        {"software": "qgis", "status": "production", "version": "3.40"},
        content_type="application/json",
        **headers,
    )
    assert again.status_code == 200, again.json()
    assert again.json()["contractor"] == "geo-coop"
    assert again.json()["contract_ends_on"] == "2027-06-30"
    refused = client.post(
        "/api/v1/declarations",
        {"software": "qgis", "status": "production", "contractor_name": "Atelier SIG"},
        content_type="application/json",
        **headers,
    )
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"contractor_name"}


def test_answers_are_read_by_anyone_and_hidden_ones_never(client, world, difficulty):
    shown = Answer.objects.create(
        experience=difficulty, organisation=world["commune"], body="Passez par l'atlas."
    )
    Answer.objects.create(
        experience=difficulty,
        organisation=world["commune"],
        body="Hidden-secret-answer",
        moderation="hidden",
        moderation_reason="curator-secret-answer-reason",
    )
    Answer.objects.create(
        experience=difficulty, organisation=world["unconfirmed"], body="Unconfirmed-secret-answer"
    )
    answer = client.get(f"/api/v1/answers?experience={difficulty.pk}")
    assert answer.status_code == 200
    assert answer.json()["results"] == [
        {
            "id": shown.pk,
            "experience": difficulty.pk,
            "organisation": world["commune"].pk,
            "body": "Passez par l'atlas.",
            "created_at": answer.json()["results"][0]["created_at"],
        }
    ]
    assert "secret" not in answer.content.decode()


def test_an_experiences_token_answers_a_difficulty_in_its_organisations_name(
    client, world, admin, difficulty
):
    headers = bearer(world, admin, "experiences")
    created = client.post(
        "/api/v1/answers",
        {"experience": difficulty.pk, "body": "Mettez à jour en 3.40."},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.json()
    answer = Answer.objects.get()
    assert (answer.organisation, answer.author) == (world["commune"], admin)
    story = client.post(
        "/api/v1/answers",
        {"experience": world["story"].pk, "body": "x"},
        content_type="application/json",
        **headers,
    )
    assert story.status_code == 400 and set(story.json()["error"]["fields"]) == {"experience"}
    empty = client.post(
        "/api/v1/answers",
        {"experience": difficulty.pk, "body": "  "},
        content_type="application/json",
        **headers,
    )
    assert empty.status_code == 400 and set(empty.json()["error"]["fields"]) == {"body"}
    no_scope = client.post(
        "/api/v1/answers",
        {"experience": difficulty.pk, "body": "x"},
        content_type="application/json",
        **bearer(world, admin, "declarations"),
    )
    assert no_scope.status_code == 403 and no_scope.json()["error"]["code"] == "scope_missing"
    assert Answer.objects.count() == 1
