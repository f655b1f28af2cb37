import pytest

from communs.accounts.tests.test_signup import PASSWORD


@pytest.fixture
def sign_up(client):
    """Signs up through the form."""

    def sign_up(username="bea", email="bea@mairie.example.fr"):
        return client.post(
            "/accounts/signup/",
            {
                "username": username,
                "email": email,
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )

    return sign_up
