"""Pooling emails: preferences per kind or none, the recipient's language, and a signed
one-click unsubscribe link in every email."""

import re
from decimal import Decimal

import pytest
from django.core import signing

from communs.mutualisation.models import NotificationPreference, Pledge
from communs.mutualisation.notifications import unsubscribe_token
from communs.mutualisation.services import campaign_transition

pytestmark = pytest.mark.django_db
URL = "https://communs.example/campaigns/1/"


@pytest.fixture
def followers(world, campaign):
    for organisation, user in (
        (world["commune"], world["agent"]),
        (world["neighbour"], world["neighbour_agent"]),
    ):
        Pledge.objects.create(
            campaign=campaign, organisation=organisation, amount=Decimal("10"), by=user
        )
    return campaign


def cancel(world, campaign, capture):
    with capture(execute=True):
        campaign_transition(campaign=campaign, target="cancelled", by=world["agent"], page_url=URL)


def test_every_email_speaks_french_by_default_and_carries_an_unsubscribe_link(
    world, followers, mailoutbox, django_capture_on_commit_callbacks
):
    cancel(world, followers, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert "est désormais : Annulée" in message.subject
        assert "https://communs.example/notifications/unsubscribe/" in message.body
        assert message.extra_headers["List-Unsubscribe"].startswith(
            "<https://communs.example/notifications/unsubscribe/"
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_person_who_prefers_english_gets_english(
    world, followers, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=world["neighbour_agent"], language="en")
    cancel(world, followers, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "is now: Cancelled" in by_address["nina.neighbour@example.org"].subject
    assert "Stop these emails in one click" in by_address["nina.neighbour@example.org"].body
    assert "Annulée" in by_address["anne.agent@example.org"].subject


def test_muted_kinds_and_none_are_respected(
    world, followers, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=world["neighbour_agent"], muted=["campaign"])
    NotificationPreference.objects.create(user=world["agent"], none=True)
    cancel(world, followers, django_capture_on_commit_callbacks)
    assert mailoutbox == []


def test_the_unsubscribe_link_stops_that_kind_in_one_click_without_signing_in(
    client, world, followers, mailoutbox, django_capture_on_commit_callbacks
):
    cancel(world, followers, django_capture_on_commit_callbacks)
    message = next(m for m in mailoutbox if m.to == ["nina.neighbour@example.org"])
    path = re.search(r"https://communs\.example(/notifications/unsubscribe/\S+/)", message.body)
    assert path is not None
    page = client.get(path.group(1))
    assert page.status_code == 200 and not NotificationPreference.objects.exists()
    response = client.post(path.group(1), {"scope": "kind"})
    assert response.status_code == 200 and "ne recevrez plus" in response.content.decode()
    preference = NotificationPreference.objects.get()
    assert (preference.user, preference.muted, preference.none) == (
        world["neighbour_agent"],
        ["campaign"],
        False,
    )
    client.post(path.group(1), {"scope": "all"})
    assert NotificationPreference.objects.get().none is True


def test_a_forged_or_altered_token_unsubscribes_nobody(client, world):
    forged = signing.dumps({"u": world["agent"].pk, "k": "campaign"}, salt="another")
    altered = unsubscribe_token(world["agent"], "campaign")[:-2] + "xx"
    for token in (forged, altered, "nonsense"):
        response = client.post(f"/notifications/unsubscribe/{token}/", {"scope": "all"})
        assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_preferences_page_saves_kinds_none_and_language(client, world):
    client.force_login(world["agent"])
    assert client.get("/notifications/").status_code == 200
    response = client.post("/notifications/", {"kinds": ["pledge"], "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get()
    assert (preference.muted, preference.none, preference.language) == (
        ["campaign", "milestone"],
        False,
        "en",
    )
    bad = client.post("/notifications/", {"kinds": ["pledge"], "language": "de"})
    assert bad.status_code == 400 and NotificationPreference.objects.get().language == "en"
    assert 'href="/notifications/"' in client.get("/my-space/").content.decode()
