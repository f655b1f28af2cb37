"""Sign-up tells nobody whether an address is registered, and unconfirmed accounts expire."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from communs.accounts.models import AccountConfirmation

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-secret-42"


def page_text(response) -> str:
    """The page without its CSRF token, which differs on every response."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())


def link_in(message) -> str:
    found = re.search(r"http://testserver(/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_new_address_gets_a_confirmation_link_that_activates_the_account(client, sign_up):
    response = sign_up()
    assert response.status_code == 200
    user = User.objects.get(username="bea")
    assert not user.is_active and AccountConfirmation.objects.filter(user=user).exists()
    confirmed = client.get(link_in(mail.outbox[-1]))
    assert confirmed.status_code == 200
    user.refresh_from_db()
    assert user.is_active and not AccountConfirmation.objects.exists()
    assert confirmed.wsgi_request.user == user  # confirming the address signs the person in
    assert client.get("/my-space/").status_code == 200
    assert client.get(link_in(mail.outbox[-1])).status_code == 400  # a link works once


def test_a_registered_address_gets_the_same_page_and_its_owner_an_explanation(
    client, sign_up, outsider
):
    client.cookies["django_language"] = "en"
    fresh = page_text(sign_up("fresh", "fresh@mairie.example.fr"))
    taken = page_text(sign_up("squatter", outsider.email.upper()))
    assert taken.replace(outsider.email, "fresh@mairie.example.fr") == fresh
    assert "We sent a message to fresh@mairie.example.fr" in fresh
    assert not User.objects.filter(username="squatter").exists()
    assert mail.outbox[-1].to == [outsider.email]
    assert "already has the account “oscar.outsider”" in mail.outbox[-1].body


def test_an_unconfirmed_account_expires_and_its_address_can_be_registered_again(client, sign_up):
    sign_up("squatter", "bea@mairie.example.fr")
    stale_link = link_in(mail.outbox[-1])
    AccountConfirmation.objects.update(requested_at=timezone.now() - timedelta(days=4))
    assert client.get(stale_link).status_code == 400  # expired, even before anyone signs up
    assert not User.objects.get(username="squatter").is_active
    sign_up("bea", "bea@mairie.example.fr")
    assert list(User.objects.values_list("username", flat=True)) == ["bea"]
    assert client.get(link_in(mail.outbox[-1])).status_code == 200
    assert User.objects.get(username="bea").is_active


def test_signing_up_again_before_expiry_sends_the_pending_link_again(client, sign_up):
    client.cookies["django_language"] = "en"
    sign_up("bea", "bea@mairie.example.fr")
    sign_up("other", "bea@mairie.example.fr")
    assert list(User.objects.values_list("username", flat=True)) == ["bea"]
    assert len(mail.outbox) == 2 and "“bea”" in mail.outbox[-1].body
    assert client.get(link_in(mail.outbox[-1])).status_code == 200


def test_an_account_a_curator_deactivated_never_expires(client, sign_up, outsider):
    outsider.is_active = False
    outsider.date_joined = timezone.now() - timedelta(days=400)
    outsider.save()
    sign_up("squatter", outsider.email)
    assert User.objects.filter(pk=outsider.pk).exists()
    assert not User.objects.filter(username="squatter").exists()
