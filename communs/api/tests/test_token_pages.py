"""Administrators create and revoke their organisation's tokens on a page; others may not."""

import pytest
from django.contrib.auth.models import User

from communs.api.models import ApiToken, token_digest
from communs.territories.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    user = User.objects.create_user("adele", "adele@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(
        organisation=world["commune"], user=user, status="approved", role="admin"
    )
    return user


def test_the_organisation_page_leads_its_administrators_to_the_tokens(client, world, admin):
    url = f"/organisations/{world['commune'].pk}/api-tokens/"
    client.force_login(admin)
    assert url in client.get(world["commune"].get_absolute_url()).content.decode()
    client.force_login(world["referent"])  # a member, not an administrator
    assert url not in client.get(world["commune"].get_absolute_url()).content.decode()


def test_an_administrator_creates_a_token_shown_once_then_revokes_it(client, world, admin):
    client.force_login(admin)
    url = f"/organisations/{world['commune'].pk}/api-tokens/"
    response = client.post(url, {"name": "Portail SIG", "scopes": ["declarations", "experiences"]})
    assert response.status_code == 200
    token = ApiToken.objects.get(organisation=world["commune"])
    secret = response.context["created"]["secret"]
    assert token.digest == token_digest(secret)
    assert secret in response.content.decode()
    assert token.scopes == ["declarations", "experiences"] and token.created_by == admin
    assert secret not in client.get(url).content.decode()
    revoked = client.post(f"{url}{token.pk}/revoke/", follow=True)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == admin
    assert "Portail SIG" in revoked.content.decode()


def test_a_token_without_scope_or_name_is_refused_with_messages(client, world, admin):
    client.force_login(admin)
    response = client.post(f"/organisations/{world['commune'].pk}/api-tokens/", {"name": ""})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "scopes"}
    assert not ApiToken.objects.exists()


def test_a_member_who_is_not_an_administrator_may_not_manage_tokens(client, world, admin):
    token_url = f"/organisations/{world['commune'].pk}/api-tokens/"
    client.force_login(admin)
    client.post(token_url, {"name": "p", "scopes": ["declarations"]})
    token = ApiToken.objects.get()
    client.force_login(world["referent"])
    assert client.get(token_url).status_code == 403
    assert client.post(token_url, {"name": "x", "scopes": ["declarations"]}).status_code == 403
    assert client.post(f"{token_url}{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None and ApiToken.objects.count() == 1
