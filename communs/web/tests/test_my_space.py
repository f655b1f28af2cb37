"""The member's space: my organisations, declarations, experiences, messages, next step."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils.html import escape

from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import Membership, Organisation
from communs.territories.services import territories_import
from communs.usage.models import ContactMessage, Experience, UsageDeclaration

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"


@pytest.fixture
def world(db):
    territories_import(source=EXTRACT, edition="2026")
    commune = Organisation.objects.get(kind="commune", insee_code="74042")
    other = Organisation.objects.get(kind="commune", insee_code="01001")
    admin = User.objects.create_user("ada", "ada@bonneville.example.fr", "x-42-secret")
    Membership.objects.create(organisation=commune, user=admin, status="approved", role="admin")
    referent = User.objects.create_user("rene", "rene@ain.example.fr", "x-42-secret")
    Membership.objects.create(organisation=other, user=referent, status="approved")
    software = SoftwareFactory(slug="qgis", name="QGIS")
    declaration = UsageDeclaration.objects.create(
        organisation=other,
        software=software,
        status="production",
        referent=referent,
        referent_contactable=True,
    )
    return {
        "commune": commune,
        "other": other,
        "admin": admin,
        "referent": referent,
        "software": software,
        "declaration": declaration,
    }


def space(client, language="en"):
    client.cookies["django_language"] = language
    response = client.get("/my-space/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_space_asks_to_sign_in_first(client):
    response = client.get("/my-space/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_newcomer_is_shown_the_next_useful_step(client, outsider):
    client.force_login(outsider)
    html = space(client)
    assert "You are not a member of any organisation yet." in html
    assert "Find your organisation and ask to join" in html and 'href="/organisations/"' in html
    assert "Signed in as oscar.outsider (oscar@example.org)." in html


def test_an_administrator_sees_their_organisations_pending_requests_and_decides_there(
    client, world, outsider
):
    membership = Membership.objects.create(organisation=world["commune"], user=outsider)
    client.force_login(world["admin"])
    html = space(client)
    assert "Bonneville</a> —" in html and "administrator" in html
    assert "oscar.outsider asks to join" in html and "Approve oscar.outsider" in html
    response = client.post(
        f"/memberships/{membership.pk}/decide/", {"decision": "approve", "next": "/my-space/"}
    )
    assert response["Location"] == "/my-space/"
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("approved", world["admin"])


def test_a_decision_never_redirects_outside_the_site(client, world, outsider):
    membership = Membership.objects.create(organisation=world["commune"], user=outsider)
    client.force_login(world["admin"])
    response = client.post(
        f"/memberships/{membership.pk}/decide/",
        {"decision": "approve", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == f"/organisations/{world['commune'].pk}/"


def test_a_curator_sees_the_requests_of_organisations_without_administrators(
    client, world, outsider, curator
):
    alone = Membership.objects.create(organisation=world["other"], user=outsider)
    Membership.objects.create(organisation=world["commune"], user=outsider)  # it has an admin
    client.force_login(curator)
    html = space(client)
    assert "Requests for the curators" in html
    assert html.count("oscar.outsider asks to join") == 1
    assert f'action="/memberships/{alone.pk}/decide/"' in html
    client.post(f"/memberships/{alone.pk}/decide/", {"decision": "approve", "next": "/my-space/"})
    alone.refresh_from_db()
    assert (alone.status, alone.decided_by) == ("approved", curator)
    client.force_login(world["admin"])
    assert "Requests for the curators" not in space(client)


def test_a_pending_request_is_listed_as_waiting(client, world, outsider):
    Membership.objects.create(organisation=world["commune"], user=outsider)
    client.force_login(outsider)
    assert "request waiting for a decision" in space(client)


def test_a_member_sees_declarations_experiences_and_messages(client, world):
    referent = world["referent"]
    Experience.objects.create(
        kind="testimonial",
        organisation=world["other"],
        software=world["software"],
        author=referent,
        title="Maps for everyone",
        body="x",
    )
    ContactMessage.objects.create(declaration=world["declaration"], sender=referent, body="Hi")
    client.force_login(referent)
    html = space(client)
    assert "Edit the declaration of QGIS" in html
    assert "Maps for everyone" in html and "Withdraw “Maps for everyone”" in html
    assert f"to the referent of QGIS at {escape(world['other'].name)}" in html


def test_the_author_edits_and_withdraws_an_experience(client, world):
    experience = Experience.objects.create(
        kind="testimonial",
        organisation=world["other"],
        software=world["software"],
        author=world["referent"],
        title="Maps for everyone",
        body="x",
    )
    client.force_login(world["referent"])
    html = client.get("/my-space/").content.decode()
    assert f'href="/experiences/{experience.pk}/edit/?next=/my-space/"' in html
    response = client.post(
        f"/experiences/{experience.pk}/edit/?next=/my-space/",
        {
            "kind": "testimonial",
            "title": "Maps for all",
            "body": "Longer story.",
            "next": "/my-space/",
        },
    )
    assert response["Location"] == "/my-space/"
    experience.refresh_from_db()
    assert (experience.title, experience.body) == ("Maps for all", "Longer story.")
    client.cookies["django_language"] = "en"
    assert (
        "Withdraw “Maps for all”?"
        in client.get(f"/experiences/{experience.pk}/withdraw/").content.decode()
    )
    assert Experience.objects.filter(pk=experience.pk).exists()  # asking is not withdrawing
    response = client.post(f"/experiences/{experience.pk}/withdraw/", {"next": "/my-space/"})
    assert response["Location"] == "/my-space/"
    assert not Experience.objects.filter(pk=experience.pk).exists()


def test_without_a_way_back_the_author_lands_on_the_experiences_page(client, world):
    experience = Experience.objects.create(
        kind="testimonial",
        organisation=world["other"],
        software=world["software"],
        author=world["referent"],
        title="Maps for everyone",
        body="x",
    )
    client.force_login(world["referent"])
    response = client.post(
        f"/experiences/{experience.pk}/withdraw/", {"next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/catalogue/qgis/experiences/"


@pytest.mark.parametrize("action", ["edit", "withdraw"])
def test_nobody_but_the_author_changes_an_experience(client, world, action):
    experience = Experience.objects.create(
        kind="testimonial",
        organisation=world["other"],
        software=world["software"],
        author=world["referent"],
        title="Maps for everyone",
        body="x",
    )
    client.force_login(world["admin"])
    response = client.post(
        f"/experiences/{experience.pk}/{action}/",
        {"kind": "testimonial", "title": "Hacked", "body": "x"},
    )
    assert response.status_code == 403
    experience.refresh_from_db()
    assert experience.title == "Maps for everyone"


def test_a_contact_email_says_who_wrote_from_where_about_what(client, world):
    client.force_login(world["admin"])
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/declarations/{world['declaration'].pk}/contact/", {"body": "How do you print A3?"}
    )
    assert response.status_code == 302
    email = mail.outbox[-1]
    assert email.to == ["rene@ain.example.fr"] and email.reply_to == ["ada@bonneville.example.fr"]
    assert "ada writes to you about QGIS" in email.subject
    assert "ada (Bonneville) writes to you as the referent of QGIS at" in email.body
    assert world["other"].name in email.body and "/catalogue/qgis/" in email.body
    assert email.body.rstrip().endswith("How do you print A3?")


def test_a_referent_cannot_write_to_themselves(client, world):
    client.force_login(world["referent"])
    client.cookies["django_language"] = "en"
    html = client.get("/catalogue/qgis/").content.decode()
    assert "contact the referent" not in html
    response = client.post(f"/declarations/{world['declaration'].pk}/contact/", {"body": "Me?"})
    assert response.status_code == 403
    assert "you cannot write to yourself" in response.content.decode()
    assert not mail.outbox and not ContactMessage.objects.exists()
