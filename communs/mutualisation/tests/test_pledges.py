"""Pledges: members only, never above the target, even when they arrive together."""

import os
import subprocess
import sys
from decimal import Decimal

import pytest

from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import Campaign, Need, Pledge
from communs.mutualisation.services import pledge_create

URL = "https://communs.example/campaigns/1/"


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5"), Decimal("30000.01")])
def test_absurd_amounts_are_refused_and_nothing_changes(world, campaign, amount):
    with pytest.raises(PoolingError):
        pledge_create(
            campaign=campaign,
            organisation=world["neighbour"],
            amount=amount,
            by=world["neighbour_agent"],
            page_url=URL,
        )
    assert not Pledge.objects.exists()


@pytest.mark.django_db
def test_only_approved_members_pledge_in_an_organisations_name(world, campaign):
    for someone in ("requester", "outsider", "agent"):
        with pytest.raises(PoolingError) as refused:
            pledge_create(
                campaign=campaign,
                organisation=world["neighbour"],
                amount=Decimal("10"),
                by=world[someone],
                page_url=URL,
            )
        assert refused.value.code == "not_member"
    assert not Pledge.objects.exists()


@pytest.mark.django_db
def test_a_closed_campaign_takes_no_pledge(world, campaign):
    Campaign.objects.update(state="cancelled")
    with pytest.raises(PoolingError) as refused:
        pledge_create(
            campaign=campaign,
            organisation=world["neighbour"],
            amount=Decimal("10"),
            by=world["neighbour_agent"],
            page_url=URL,
        )
    assert refused.value.code == "campaign_closed"


@pytest.mark.django_db
def test_reaching_the_target_funds_the_campaign_and_the_need_and_tells_people(
    world, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pledge_create(
            campaign=campaign,
            organisation=world["commune"],
            amount=Decimal("12000.00"),
            by=world["agent"],
            page_url=URL,
        )
        pledge_create(
            campaign=campaign,
            organisation=world["neighbour"],
            amount=Decimal("18000.00"),
            by=world["neighbour_agent"],
            page_url=URL,
        )
    campaign.refresh_from_db()
    assert campaign.state == "funded" and campaign.pledged() == Decimal("30000.00")
    assert Need.objects.get().status == "funded"
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anne.agent@example.org",
        "nina.neighbour@example.org",
    ]


# Eight threads pledge 5,000 € each at once on a 30,000 € target, in a process of its own on
# a database file as `communs run` uses it (an in-memory test database cannot be shared).
CONCURRENT_PLEDGES = """
import threading
from datetime import timedelta
from decimal import Decimal
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
call_command("migrate", verbosity=0)
from communs.catalog.models import Software
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import Campaign, Need, Pledge, Quote
from communs.mutualisation.services import pledge_create
from communs.territories.models import Membership, Organisation
today = timezone.localdate()
software = Software.objects.create(slug="qgis", name="QGIS", status="published")
coordinator = Organisation.objects.create(kind="commune", name="Bonneville")
need = Need.objects.create(title="A0", description="A0", software=software, status="open")
campaign = Campaign.objects.create(
    need=need, title="A0", scope="A0", target=Decimal("30000.00"), state="open",
    deadline=today + timedelta(days=30), vehicle="groupement", coordinator=coordinator,
)
people = []
for index in range(8):
    organisation = Organisation.objects.create(kind="commune", name=f"Commune {index}")
    user = User.objects.create_user(f"agent{index}", password=None)
    Membership.objects.create(organisation=organisation, user=user, status="approved")
    people.append((organisation, user))
start, outcomes = threading.Barrier(8), []

def pledge(organisation, user):
    start.wait()
    try:
        pledge_create(campaign=campaign, organisation=organisation, amount=Decimal("5000.00"),
                      by=user, page_url="/")
        outcomes.append("ok")
    except PoolingError as error:
        outcomes.append(error.code)
    except Exception as error:
        outcomes.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=pledge, args=pair) for pair in people]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
campaign.refresh_from_db()
print(sum(p.amount for p in Pledge.objects.all()), Pledge.objects.count(), campaign.state,
      sorted(outcomes))
"""


def run_in_embedded_mode(code: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "communs.settings"}
    env.pop("DATABASE_URL", None)
    env["COMMUNS_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def test_concurrent_pledges_never_overshoot_the_target_on_sqlite(tmp_path):
    result = run_in_embedded_mode(CONCURRENT_PLEDGES, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    total, count, state, *outcomes = result.stdout.split(maxsplit=3)
    assert (total, count, state) == ("30000.00", "6", "funded"), result.stdout
    assert outcomes[0].count("'ok'") == 6 and outcomes[0].count("'campaign_closed'") == 2
