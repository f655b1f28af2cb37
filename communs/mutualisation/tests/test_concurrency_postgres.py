"""Concurrent pledges on PostgreSQL: eight threads, each with its own connection, pledge at
once; the campaign row's lock lets exactly enough of them through to reach the target.

Marked `scale`: it runs in the second pass of `make test`, against PostgreSQL
(DATABASE_URL=postgres://…), and skips elsewhere (the SQLite twin is in test_pledges.py).
"""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from communs.catalog.models import Software
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import Campaign, Need, Pledge, Transition
from communs.mutualisation.services import pledge_create
from communs.territories.models import Membership, Organisation

pytestmark = [pytest.mark.scale, pytest.mark.django_db(transaction=True)]
THREADS = 8


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency runs on PostgreSQL: run with DATABASE_URL=postgres://…")


def open_campaign(target: str) -> Campaign:
    software = Software.objects.create(slug="qgis", name="QGIS", status="published")
    coordinator = Organisation.objects.create(kind="commune", name="Bonneville")
    need = Need.objects.create(title="A0", description="A0", software=software, status="open")
    return Campaign.objects.create(
        need=need,
        title="A0",
        scope="A0",
        target=Decimal(target),
        state="open",
        deadline=timezone.localdate() + timedelta(days=30),
        vehicle="groupement",
        coordinator=coordinator,
    )


def pledge_at_once(campaign: Campaign, amount: Decimal) -> list[str]:
    people = []
    for index in range(THREADS):
        organisation = Organisation.objects.create(kind="commune", name=f"Commune {index}")
        user = User.objects.create_user(f"agent{index}", password=None)
        Membership.objects.create(organisation=organisation, user=user, status="approved")
        people.append((organisation, user))
    start, outcomes = threading.Barrier(THREADS), []

    def pledge(organisation: Organisation, user: User) -> None:
        start.wait()
        try:
            pledge_create(
                campaign=campaign, organisation=organisation, amount=amount, by=user, page_url="/"
            )
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
    return sorted(outcomes)


def test_concurrent_pledges_never_overshoot_the_target_on_postgresql(postgresql):
    campaign = open_campaign("30000.00")
    outcomes = pledge_at_once(campaign, Decimal("5000.00"))
    campaign.refresh_from_db()
    assert outcomes == 2 * ["campaign_closed"] + 6 * ["ok"]
    assert campaign.state == "funded" and campaign.pledged() == Decimal("30000.00")
    assert Pledge.objects.count() == 6
    assert Transition.objects.filter(pledge=None, target="funded").count() == 1


def test_concurrent_pledges_that_do_not_fit_are_refused_with_what_remains(postgresql):
    campaign = open_campaign("12000.00")  # room for two 5,000 € pledges, then 2,000 € left
    outcomes = pledge_at_once(campaign, Decimal("5000.00"))
    campaign.refresh_from_db()
    assert outcomes == 2 * ["ok"] + 6 * ["over_target"]
    assert campaign.state == "open" and campaign.pledged() == Decimal("10000.00")
