"""Asking to join says the truth, tells whoever decides, and the admin can decide too."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

from communs.territories.models import Membership, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    return Organisation.objects.create(kind="public-body", name="Syndicat des eaux")


def join(client, organisation):
    client.cookies["django_language"] = "en"
    return client.post(f"/organisations/{organisation.pk}/join/", follow=True).content.decode()


def test_without_administrators_the_curators_are_told_and_the_page_says_so(
    client, town, outsider, curator, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        html = join(client, town)
    assert "has no administrator on Communs yet: your request is sent to the curators" in html
    assert [m.to for m in mail.outbox] == [["claire@example.org"]]
    assert Membership.objects.get(user=outsider).status == "requested"


def test_without_administrators_or_curators_the_page_says_nobody_can_decide_yet(
    client, town, outsider, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        html = join(client, town)
    assert "nobody can decide on it yet" in html and "sent to the curators" not in html
    assert mail.outbox == []
    assert Membership.objects.get(user=outsider).status == "requested"


def test_asking_twice_says_the_request_is_already_waiting_and_tells_nobody_again(
    client, town, outsider, curator, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        join(client, town)
        html = join(client, town)
    assert "is already waiting for a decision" in html
    assert len(mail.outbox) == 1
    assert Membership.objects.filter(user=outsider).count() == 1


def test_a_member_who_asks_is_told_they_are_already_a_member(client, town, outsider):
    Membership.objects.create(organisation=town, user=outsider, status="approved")
    client.force_login(outsider)
    html = join(client, town)
    assert "You are already a member of Syndicat des eaux." in html
    assert Membership.objects.get(user=outsider).status == "approved"
    assert not mail.outbox


def test_with_administrators_only_they_are_told(
    client, town, outsider, curator, django_capture_on_commit_callbacks
):
    admin = User.objects.create_user("ada", "ada@eaux.example.fr", "x-42-secret")
    Membership.objects.create(organisation=town, user=admin, status="approved", role="admin")
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        html = join(client, town)
    assert "Your request is sent to the administrators of Syndicat des eaux." in html
    assert [m.to for m in mail.outbox] == [["ada@eaux.example.fr"]]


def test_the_admin_site_approves_requests_and_records_who_decided(
    client, town, outsider, curator, django_capture_on_commit_callbacks
):
    membership = Membership.objects.create(organisation=town, user=outsider)
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/territories/membership/",
            {"action": "approve", "_selected_action": [membership.pk]},
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("approved", curator)
    assert mail.outbox[-1].to == ["oscar@example.org"]


def test_the_admin_site_refuses_requests_and_records_who_decided(client, town, outsider, curator):
    membership = Membership.objects.create(organisation=town, user=outsider)
    client.force_login(curator)
    client.post(
        "/admin/territories/membership/",
        {"action": "refuse", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("refused", curator)


def test_a_status_changed_by_hand_in_the_admin_records_who_decided(client, town, outsider, curator):
    membership = Membership.objects.create(organisation=town, user=outsider)
    client.force_login(curator)
    response = client.post(
        f"/admin/territories/membership/{membership.pk}/change/",
        {
            "organisation": town.pk,
            "user": outsider.pk,
            "role": "member",
            "status": "approved",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("approved", curator)
