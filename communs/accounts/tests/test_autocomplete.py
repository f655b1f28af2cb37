"""Account fields say what they hold, so that browsers and tools fill them (WCAG 1.3.5)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def autocomplete_tokens(html: str) -> dict[str, str | None]:
    tokens = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'\bname="([^"]+)"', tag)
        if name and 'type="hidden"' not in tag:
            token = re.search(r'\bautocomplete="([^"]*)"', tag)
            tokens[name.group(1)] = token.group(1) if token else None
    return tokens


def test_the_sign_up_form_names_each_field(client):
    html = client.get("/accounts/signup/").content.decode()
    assert autocomplete_tokens(html) == {
        "username": "username",
        "email": "email",
        "password1": "new-password",
        "password2": "new-password",
    }


def test_the_sign_in_and_password_forms_name_each_field(client, outsider):
    assert autocomplete_tokens(client.get("/accounts/login/").content.decode()) == {
        "username": "username",
        "password": "current-password",
    }
    assert autocomplete_tokens(client.get("/accounts/password_reset/").content.decode()) == {
        "email": "email"
    }
    client.force_login(outsider)
    assert autocomplete_tokens(client.get("/accounts/password_change/").content.decode()) == {
        "old_password": "current-password",
        "new_password1": "new-password",
        "new_password2": "new-password",
    }
