"""Deleting an account keeps what the person wrote, and the history says what changed."""

import pytest
from django.contrib.auth.models import User

from communs.evaluations.models import CheckComment
from communs.evaluations.tests.factories import check, evaluation
from communs.usage.models import ContactMessage, Experience, UsageDeclaration
from communs.usage.tests.test_usage import world  # noqa: F401  (the personas)

pytestmark = pytest.mark.django_db


@pytest.fixture
def authored(world):  # noqa: F811
    """The agent is a referent who wrote an experience, a message and a public reply."""
    agent, software = world["agent"], world["software"]
    declaration = UsageDeclaration.objects.create(
        organisation=world["commune"],
        software=software,
        status="production",
        referent=agent,
        referent_contactable=True,
    )
    other = UsageDeclaration.objects.create(
        organisation=world["other"], software=software, status="production", referent=agent
    )
    Experience.objects.create(
        kind="testimonial",
        organisation=world["commune"],
        software=software,
        author=agent,
        title="Un SIG partagé",
        body="Tout va bien.",
    )
    ContactMessage.objects.create(declaration=other, sender=agent, recipient=agent, body="Bonjour")
    evaluation(software, {"security": 4.0}, checks=[check("security.policy", 4, "partial", "x")])
    CheckComment.objects.create(
        software=software,
        check_id="security.policy",
        author=agent,
        body="Nous avons un SECURITY.md.",
    )
    return {**world, "declaration": declaration}


def test_a_deleted_accounts_content_stays_as_from_a_former_member(client, authored, curator):
    agent = authored["agent"]
    client.force_login(curator)
    response = client.post(f"/admin/auth/user/{agent.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=agent.pk).exists()
    assert Experience.objects.get().author is None
    message = ContactMessage.objects.get()
    assert (message.sender, message.recipient, message.body) == (None, None, "Bonjour")
    assert CheckComment.objects.get().author is None
    client.cookies["django_language"] = "fr"
    html = client.get("/catalogue/qgis/").content.decode()
    assert "Nous avons un SECURITY.md." in html and "ancien membre" in html
    client.cookies["django_language"] = "en"
    assert "Reply from a former member" in client.get("/catalogue/qgis/").content.decode()
    assert "Un SIG partagé" in client.get("/catalogue/qgis/experiences/").content.decode()


def test_removing_a_referent_is_recorded_in_the_declarations_history(client, authored, curator):
    declaration = authored["declaration"]
    client.force_login(curator)
    client.cookies["django_language"] = "en"
    client.post(f"/admin/auth/user/{authored['agent'].pk}/delete/", {"post": "yes"})
    declaration.refresh_from_db()
    assert declaration.referent is None and not declaration.referent_contactable
    latest = declaration.history.latest("history_date")
    assert latest.referent_id is None and latest.history_user == curator
    assert latest.history_change_reason == "The referent's account was deleted."
    assert latest.prev_record.referent_id == authored["agent"].pk
    assert UsageDeclaration.history.filter(referent__isnull=True).count() == 2
