"""Sign-in, sign-up and password reset refuse floods per account and per address."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail

from communs.accounts.throttling import PASSWORD_RESET_LIMITS, SIGNUP_LIMITS

pytestmark = pytest.mark.django_db

FAILURES = settings.AXES_FAILURE_LIMIT


def limit_count(limits, index) -> int:
    return int(limits[index].rate.split("/")[0])


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def assert_refused_with_a_wait(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many" in response.content.decode()


def test_wrong_passwords_lock_the_account_even_with_the_right_one_then(client, outsider):
    client.cookies["django_language"] = "en"
    for attempt in range(FAILURES):
        sign_in(client, outsider.username, "wrong", address=f"192.0.2.{attempt + 1}")
    response = sign_in(client, outsider.username, "not-a-secret-42", address="198.51.100.7")
    assert_refused_with_a_wait(response)
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert not signed_in(client)


@pytest.mark.parametrize("spelling", ["email", "EMAIL", "username"])
def test_failures_count_per_account_whether_its_username_or_email_is_typed(
    client, outsider, spelling
):
    """Alternating the username and the email address (in any case) gives no more tries."""
    typed = [outsider.username, outsider.email, outsider.email.upper()]
    for attempt in range(FAILURES):
        sign_in(client, typed[attempt % 3], "wrong", address=f"192.0.2.{attempt + 1}")
    right = {"email": outsider.email, "EMAIL": outsider.email.upper()}.get(
        spelling, outsider.username
    )
    response = sign_in(client, right, "not-a-secret-42", address="198.51.100.7")
    assert response.status_code == 429 and not signed_in(client)


def test_failures_on_an_unknown_address_count_whatever_its_case(client):
    for attempt in range(FAILURES):
        name = "Nobody@Example.org" if attempt % 2 else "nobody@example.org"
        sign_in(client, name, "wrong", address=f"192.0.2.{attempt + 1}")
    response = sign_in(client, "NOBODY@example.org", "wrong", address="198.51.100.7")
    assert response.status_code == 429


def test_an_address_trying_many_accounts_is_locked_out(client, outsider):
    client.cookies["django_language"] = "en"
    for attempt in range(FAILURES):
        sign_in(client, f"guess{attempt}", "wrong")
    response = sign_in(client, outsider.username, "not-a-secret-42")
    assert_refused_with_a_wait(response)
    assert not signed_in(client)
    assert sign_in(client, outsider.username, "not-a-secret-42", "198.51.100.7").status_code == 302
    assert signed_in(client)


def test_the_admin_sign_in_is_locked_out_too(client, curator):
    for _attempt in range(FAILURES):
        client.post("/admin/login/", {"username": "claire.curator", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "claire.curator", "password": "not-a-secret-42"}
    )
    assert response.status_code == 429 and not signed_in(client)


def test_the_admin_sign_in_counts_the_email_address_against_its_account(client, curator):
    for attempt in range(FAILURES):
        typed = curator.email.upper() if attempt % 2 else curator.username
        client.post(
            "/admin/login/",
            {"username": typed, "password": "wrong"},
            REMOTE_ADDR=f"192.0.2.{attempt + 1}",
        )
    response = client.post(
        "/admin/login/",
        {"username": curator.username, "password": "not-a-secret-42"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 429 and not signed_in(client)


def test_a_few_failures_do_not_lock_anyone_out(client, outsider):
    for _attempt in range(FAILURES - 1):
        sign_in(client, outsider.username, "wrong")
    assert sign_in(client, outsider.username, "not-a-secret-42").status_code == 302


def signup(client, number, email=None, address="192.0.2.10"):
    return client.post(
        "/accounts/signup/",
        {
            "username": f"user{number}",
            "email": email or f"user{number}@example.org",
            "password1": "a-long-secret-42",
            "password2": "a-long-secret-42",
        },
        REMOTE_ADDR=address,
    )


def test_signups_from_one_address_are_limited(client):
    client.cookies["django_language"] = "en"
    allowed = limit_count(SIGNUP_LIMITS, 0)
    for number in range(allowed):
        assert signup(client, number).status_code == 200
    assert_refused_with_a_wait(signup(client, allowed))
    assert User.objects.count() == allowed
    assert signup(client, allowed, address="198.51.100.7").status_code == 200


def test_signups_for_one_address_are_limited_from_any_address(client):
    allowed = limit_count(SIGNUP_LIMITS, 1)
    for number in range(allowed):
        signup(client, number, "Bea@Example.org", address=f"192.0.2.{number + 1}")
    response = signup(client, 99, "bea@example.org", address="198.51.100.7")
    assert response.status_code == 429 and "Retry-After" in response


def reset(client, email, address="192.0.2.10"):
    return client.post("/accounts/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_to_one_account_are_limited(client, outsider):
    client.cookies["django_language"] = "en"
    allowed = limit_count(PASSWORD_RESET_LIMITS, 1)
    for attempt in range(allowed):
        assert reset(client, outsider.email, f"192.0.2.{attempt + 1}").status_code == 302
    assert_refused_with_a_wait(reset(client, outsider.email.upper(), "198.51.100.7"))
    assert len(mail.outbox) == allowed


def test_password_reset_requests_from_one_address_are_limited(client):
    allowed = limit_count(PASSWORD_RESET_LIMITS, 0)
    for attempt in range(allowed):
        assert reset(client, f"nobody{attempt}@example.org").status_code == 302
    assert reset(client, "nobody@example.org").status_code == 429


def test_behind_a_trusted_proxy_the_visitors_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    allowed = limit_count(PASSWORD_RESET_LIMITS, 0)
    for attempt in range(allowed):
        client.post(
            "/accounts/password_reset/",
            {"email": f"nobody{attempt}@example.org"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.6, 192.0.2.{attempt + 1}",
        )
    response = client.post(
        "/accounts/password_reset/",
        {"email": "nobody@example.org"},
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code == 302  # a spoofed first entry does not share a counter
    assert "_auth_user_id" not in client.session
