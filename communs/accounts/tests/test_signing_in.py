"""Signing in says what is missing, and the password pages wear the site's look."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from communs.accounts.models import AccountConfirmation

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed(db):
    """An account as sign-up leaves it: inactive, waiting for its confirmation."""
    user = User.objects.create_user(
        "una", "una@mairie.example.fr", "long-enough-42", is_active=False
    )
    AccountConfirmation.objects.create(user=user)
    return user


def sign_in(client, username, password):
    client.cookies["django_language"] = "en"
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_an_unconfirmed_account_is_told_what_is_missing_and_gets_the_link_again(
    client, unconfirmed
):
    html = sign_in(client, "una", "long-enough-42").content.decode()
    assert "Your address is not confirmed yet" in html
    assert "did not match" not in html
    assert "Send the confirmation link again" in html
    response = client.post("/accounts/verify/resend/")
    assert "Check your email" in response.content.decode()
    assert mail.outbox[-1].to == ["una@mairie.example.fr"]
    link = next(word for word in mail.outbox[-1].body.split() if "/accounts/verify/" in word)
    assert client.get(link.split("testserver", 1)[1]).status_code == 200
    unconfirmed.refresh_from_db()
    assert unconfirmed.is_active


def test_a_wrong_password_on_an_unconfirmed_account_reveals_nothing(client, unconfirmed):
    html = sign_in(client, "una", "wrong-password").content.decode()
    assert "did not match" in html and "not confirmed" not in html
    client.post("/accounts/verify/resend/")
    assert not mail.outbox


def test_resending_without_having_proved_the_password_sends_nothing(client, unconfirmed):
    response = client.post("/accounts/verify/resend/")
    assert response.status_code == 302 and not mail.outbox


def test_a_confirmed_account_lands_in_its_space_and_the_header_says_who(client, outsider):
    response = sign_in(client, "oscar.outsider", "not-a-secret-42")
    assert response["Location"] == "/my-space/"
    html = client.get("/").content.decode()
    assert "My space (oscar.outsider)" in html and 'href="/my-space/"' in html


def test_the_email_address_signs_in_as_well_as_the_username(client, outsider):
    response = sign_in(client, outsider.email.upper(), "not-a-secret-42")
    assert response["Location"] == "/my-space/"
    assert client.get("/my-space/").wsgi_request.user == outsider


def test_a_wrong_password_with_an_email_address_is_refused(client, outsider):
    response = sign_in(client, outsider.email, "wrong-password-42")
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_login_page_links_to_the_forgotten_password_page(client):
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/"' in html and "Forgotten password?" in html


def test_the_password_reset_pages_wear_the_site_look_and_work(client, outsider):
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/password_reset/").content.decode()
    assert 'class="site-header"' in html and "Django administration" not in html
    response = client.post("/accounts/password_reset/", {"email": "oscar@example.org"}, follow=True)
    assert 'class="site-header"' in response.content.decode()
    link = next(word for word in mail.outbox[-1].body.split() if "/accounts/reset/" in word)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    html = response.content.decode()
    assert 'class="site-header"' in html and "Choose a new password" in html
    response = client.post(
        response.request["PATH_INFO"],
        {"new_password1": "a-new-long-secret-42", "new_password2": "a-new-long-secret-42"},
        follow=True,
    )
    assert "Your new password is saved." in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.check_password("a-new-long-secret-42")


def test_an_account_a_curator_deactivated_cannot_ask_for_a_confirmation_link(client, outsider):
    outsider.is_active = False
    outsider.save()
    html = sign_in(client, outsider.username, "not-a-secret-42").content.decode()
    assert "not confirmed" not in html
    assert client.post("/accounts/verify/resend/").status_code == 302
    assert not mail.outbox
    outsider.refresh_from_db()
    assert not outsider.is_active


def test_an_expired_account_cannot_ask_for_the_link_again(client, unconfirmed):
    AccountConfirmation.objects.update(requested_at=timezone.now() - timedelta(days=30))
    assert "not confirmed" not in sign_in(client, "una", "long-enough-42").content.decode()
    assert client.post("/accounts/verify/resend/").status_code == 302 and not mail.outbox


def test_a_locked_out_sign_in_tests_no_password_of_an_unconfirmed_account(client, unconfirmed):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "una", "wrong-password")
    response = sign_in(client, "una", "long-enough-42")
    assert response.status_code == 429
    assert "not confirmed" not in response.content.decode()
    assert client.post("/accounts/verify/resend/").status_code == 302 and not mail.outbox
