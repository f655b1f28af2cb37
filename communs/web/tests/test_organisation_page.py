"""The organisation page shows the person looking where they stand, and what to do next."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail

from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import Membership, Organisation
from communs.territories.services import territories_import
from communs.usage.models import UsageDeclaration

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"


@pytest.fixture
def town(db):
    territories_import(source=EXTRACT, edition="2026")
    commune = Organisation.objects.get(kind="commune", insee_code="74042")  # Bonneville
    admin = User.objects.create_user("ada.admin", "ada@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=commune, user=admin, status="approved", role="admin")
    SoftwareFactory(slug="qgis", name="QGIS")
    SoftwareFactory(slug="lizmap", name="Lizmap")
    return {"commune": commune, "admin": admin}


def page(client, organisation, language="en"):
    client.cookies["django_language"] = language
    response = client.get(f"/organisations/{organisation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_is_invited_to_sign_in_to_join(client, town):
    html = page(client, town["commune"])
    assert "Sign in to ask to join" in html and "ask to join</button>" not in html


def test_a_person_who_is_not_a_member_may_ask_to_join(client, town, outsider):
    client.force_login(outsider)
    html = page(client, town["commune"])
    assert "You are not a member of this organisation." in html
    assert "I work here: ask to join" in html
    assert "Declare a software" not in html


def test_after_asking_the_page_says_the_request_is_waiting(client, town, outsider):
    client.force_login(outsider)
    client.post(f"/organisations/{town['commune'].pk}/join/")
    html = page(client, town["commune"])
    assert "Your request to join is waiting for a decision." in html
    assert "I work here: ask to join" not in html


def test_a_member_sees_the_declared_stack_and_the_ways_to_declare_and_share(client, town):
    commune = town["commune"]
    member = User.objects.create_user("mo", "mo@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=commune, user=member, status="approved")
    zammad = SoftwareFactory(slug="zammad", name="Zammad")
    UsageDeclaration.objects.create(
        organisation=commune, software=zammad, status="production", version="6.1"
    )
    client.force_login(member)
    html = page(client, commune)
    assert "You are a member of this organisation" in html
    assert "Zammad</a> — In production (6.1)" in html
    assert "Nothing declared yet." not in html
    assert "Edit the declaration of Zammad" in html and "Share an experience of Zammad" in html
    # The choice offers what is not declared yet.
    assert '<option value="qgis">QGIS</option>' in html
    assert '<option value="zammad">' not in html
    assert "Requests to join" not in html


def test_the_administrator_sees_pending_requests_with_buttons_and_approves_from_the_page(
    client, town, outsider, django_capture_on_commit_callbacks
):
    commune = town["commune"]
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/organisations/{commune.pk}/join/")
    assert [m.to for m in mail.outbox] == [["ada@bonneville.example.fr"]]
    assert "oscar.outsider" in mail.outbox[0].subject
    assert f"/organisations/{commune.pk}/" in mail.outbox[0].body
    client.force_login(town["admin"])
    html = page(client, commune)
    assert "You are an administrator of this organisation" in html
    assert "Requests to join" in html and "Approve oscar.outsider" in html
    membership = Membership.objects.get(user=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/memberships/{membership.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("approved", town["admin"])
    assert mail.outbox[-1].to == ["oscar@example.org"]
    assert "member of Bonneville" in mail.outbox[-1].subject
    client.force_login(outsider)
    assert "You are a member of this organisation" in page(client, commune)


def test_a_refused_requester_is_told_and_may_ask_again(
    client, town, outsider, django_capture_on_commit_callbacks
):
    commune = town["commune"]
    membership = Membership.objects.create(organisation=commune, user=outsider)
    client.force_login(town["admin"])
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/memberships/{membership.pk}/decide/", {"decision": "refuse"})
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("refused", town["admin"])
    assert mail.outbox[-1].to == ["oscar@example.org"] and "refused" in mail.outbox[-1].body
    client.force_login(outsider)
    assert "Your request to join was refused. You may ask again." in page(client, commune)
    client.post(f"/organisations/{commune.pk}/join/")
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("requested", None)


def test_a_decision_that_is_neither_approve_nor_refuse_changes_nothing(client, town, outsider):
    membership = Membership.objects.create(organisation=town["commune"], user=outsider)
    client.force_login(town["admin"])
    response = client.post(f"/memberships/{membership.pk}/decide/", {"decision": "maybe"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "requested"


def test_a_member_who_is_not_an_administrator_sees_no_requests(client, town, outsider):
    commune = town["commune"]
    member = User.objects.create_user("mo", "mo@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=commune, user=member, status="approved")
    Membership.objects.create(organisation=commune, user=outsider)
    client.force_login(member)
    html = page(client, commune)
    assert "Requests to join" not in html and "Approve oscar.outsider" not in html


def test_the_page_in_french_says_the_same(client, town, outsider):
    client.force_login(outsider)
    client.post(f"/organisations/{town['commune'].pk}/join/")
    html = page(client, town["commune"], language="fr")
    assert "Votre demande d’adhésion attend une décision." in html
