"""A confirmation link never resets a password, and a reset link never confirms an address."""

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from communs.accounts.tests.test_signup import PASSWORD, link_in

pytestmark = pytest.mark.django_db


def test_a_confirmation_token_does_not_open_the_password_reset_form(client, sign_up):
    sign_up()
    uid, token = re.search(r"/verify/([^/]+)/([^/]+)/", mail.outbox[-1].body).groups()
    response = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    assert response.context["validlink"] is False
    response = client.post(
        f"/accounts/reset/{uid}/set-password/",
        {"new_password1": "an-other-secret-77", "new_password2": "an-other-secret-77"},
    )
    user = User.objects.get(username="bea")
    assert user.check_password(PASSWORD) and not user.is_active


def test_a_password_reset_token_does_not_confirm_an_address(client, sign_up):
    sign_up()
    user = User.objects.get(username="bea")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    assert client.get(f"/accounts/verify/{uid}/{reset_token}/").status_code == 400
    user.refresh_from_db()
    assert not user.is_active
    assert client.get(link_in(mail.outbox[-1])).status_code == 200  # its own link works
