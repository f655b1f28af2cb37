from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from communs.mutualisation.models import Campaign, Pledge
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


def test_overdue_open_campaigns_expire_release_their_pledges_and_tell_the_pledgers(
    world, need, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = make_campaign(world, need, title="En retard", deadline=yesterday)
    on_time = make_campaign(world, need, title="À l'heure")
    funded = make_campaign(world, need, title="Financée", state="funded", deadline=yesterday)
    for campaign in (overdue, on_time, funded):
        Pledge.objects.create(
            campaign=campaign,
            organisation=world["neighbour"],
            amount=Decimal("10"),
            by=world["neighbour_agent"],
        )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_campaigns", "--site-url", "https://communs.example/")
    states = dict(Campaign.objects.values_list("title", "state"))
    assert states == {"En retard": "expired", "À l'heure": "open", "Financée": "funded"}
    assert Pledge.objects.get(campaign=overdue).state == "released"
    assert set(Pledge.objects.exclude(campaign=overdue).values_list("state", flat=True)) == {
        "pledged"
    }
    assert overdue.transitions.filter(pledge=None).latest("pk").by is None
    assert [m.to for m in mailoutbox] == [["nina.neighbour@example.org"]]
    assert f"https://communs.example/campaigns/{overdue.pk}/" in mailoutbox[0].body
    assert "1 campaigns expired." in capsys.readouterr().out
