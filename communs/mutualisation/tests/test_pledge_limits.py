"""A pledge above the limit its organisation's administrator set waits for their confirmation."""

from decimal import Decimal

import pytest

from communs.mutualisation.models import Campaign, Pledge, PledgeLimit, Transition
from communs.territories.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(world):
    """Cluses' administrator (Nina stays a plain member of Cluses)."""
    from communs.mutualisation.tests.conftest import person

    boss = person("bruno.boss")
    Membership.objects.create(
        organisation=world["neighbour"], user=boss, status="approved", role="admin"
    )
    return boss


def test_an_administrator_sets_the_limit_and_who_and_when_are_shown(client, world, admin):
    client.force_login(admin)
    response = client.post(
        f"/pledges/organisation/{world['neighbour'].pk}/limit/", {"amount": "5000"}
    )
    assert response.status_code == 302
    limit = PledgeLimit.objects.get()
    assert (limit.organisation, limit.amount, limit.set_by) == (
        world["neighbour"],
        Decimal("5000"),
        admin,
    )
    page = client.get(f"/pledges/organisation/{world['neighbour'].pk}/").content.decode()
    assert "5\xa0000,00 €" in page and "bruno.boss" in page


def test_a_plain_member_cannot_set_the_limit(client, world):
    client.force_login(world["neighbour_agent"])
    response = client.post(f"/pledges/organisation/{world['neighbour'].pk}/limit/", {"amount": "1"})
    assert response.status_code == 403 and not PledgeLimit.objects.exists()
    assert client.get(f"/pledges/organisation/{world['neighbour'].pk}/").status_code == 200
    client.force_login(world["outsider"])
    assert client.get(f"/pledges/organisation/{world['neighbour'].pk}/").status_code == 403


def test_a_negative_limit_comes_back_with_its_error(client, world, admin):
    client.force_login(admin)
    response = client.post(
        f"/pledges/organisation/{world['neighbour'].pk}/limit/", {"amount": "-1"}
    )
    assert response.status_code == 400 and 'value="-1"' in response.content.decode()
    assert not PledgeLimit.objects.exists()


def test_a_pledge_above_the_limit_waits_reserves_its_amount_and_tells_the_administrator(
    client, world, admin, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    PledgeLimit.objects.create(organisation=world["neighbour"], amount=Decimal("5000"))
    client.force_login(world["neighbour_agent"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/campaigns/{campaign.pk}/pledges/",
            {"organisation": world["neighbour"].pk, "amount": "30000"},
        )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.state == "awaiting"
    campaign.refresh_from_db()
    assert campaign.state == "open"  # not funded until confirmed
    assert campaign.pledged() == Decimal("30000") and campaign.confirmed() == Decimal("0")
    assert [m.to for m in mailoutbox] == [["bruno.boss@example.org"]]
    assert "30\xa0000 €" in mailoutbox[0].subject  # grouped as the pages group it
    # The reservation holds: nobody else can pledge over it meanwhile.
    client.force_login(world["agent"])
    refused = client.post(
        f"/campaigns/{campaign.pk}/pledges/", {"organisation": world["commune"].pk, "amount": "1"}
    )
    assert refused.status_code == 400 and Pledge.objects.count() == 1
    # The administrator sees it on the organisation's page and in their space.
    client.force_login(admin)
    assert "1 en attente" in client.get(f"/organisations/{world['neighbour'].pk}/").content.decode()
    assert "Promesses en attente de votre confirmation" in client.get("/my-space/").content.decode()


def test_the_administrator_confirms_and_the_campaign_is_funded_with_who_and_when(
    client, world, admin, campaign
):
    PledgeLimit.objects.create(organisation=world["neighbour"], amount=Decimal("5000"))
    pledge = Pledge.objects.create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("30000"),
        state="awaiting",
        by=world["neighbour_agent"],
    )
    client.force_login(world["neighbour_agent"])  # the pledger may not confirm their own
    assert client.post(f"/pledges/{pledge.pk}/confirm/", {"decision": "confirm"}).status_code == 403
    assert Pledge.objects.get().state == "awaiting"
    client.force_login(admin)
    response = client.post(f"/pledges/{pledge.pk}/confirm/", {"decision": "confirm"})
    assert response.status_code == 302
    assert Pledge.objects.get().state == "pledged"
    assert Campaign.objects.get().state == "funded"
    last = Transition.objects.filter(pledge=pledge).latest("pk")
    assert (last.source, last.target, last.by) == ("awaiting", "pledged", admin)
    assert last.at is not None


def test_the_administrator_refuses_and_the_amount_is_freed(client, world, admin, campaign):
    pledge = Pledge.objects.create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("30000"),
        state="awaiting",
    )
    client.force_login(admin)
    page = client.get(f"/pledges/organisation/{world['neighbour'].pk}/").content.decode()
    assert "Confirmer" in page and "Refuser" in page
    client.post(f"/pledges/{pledge.pk}/confirm/", {"decision": "refuse"})
    assert Pledge.objects.get().state == "released"
    assert Campaign.objects.get().pledged() == Decimal("0")
    assert Transition.objects.filter(pledge=pledge, target="released", by=admin).exists()


def test_a_pledge_within_the_limit_or_by_an_administrator_counts_at_once(world, admin, campaign):
    from communs.mutualisation.services import pledge_create

    PledgeLimit.objects.create(organisation=world["neighbour"], amount=Decimal("5000"))
    within = pledge_create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("5000"),
        by=world["neighbour_agent"],
        page_url="x",
    )
    own = pledge_create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("9000"),
        by=admin,
        page_url="x",
    )
    assert (within.state, own.state) == ("pledged", "pledged")


def test_a_confirmed_pledge_cannot_be_confirmed_again(client, world, admin, campaign):
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("10")
    )
    client.force_login(admin)
    client.post(f"/pledges/{pledge.pk}/confirm/", {"decision": "refuse"})
    assert Pledge.objects.get().state == "pledged"


def facts(page: str) -> str:
    return page.split('<dl class="facts">')[1].split("</dl>")[0]


@pytest.mark.parametrize(
    ("language", "confirmed", "awaiting"),
    [
        (
            "fr",
            "Promis et confirmé</dt><dd>10\xa0000,00 € / 30\xa0000,00 €",
            "confirmation d’un administrateur</dt><dd>15\xa0000,00 €",
        ),
        (
            "en",
            "Pledged and confirmed</dt><dd>10,000.00 € / 30,000.00 €",
            "an administrator’s confirmation</dt><dd>15,000.00 €",
        ),
    ],
)
def test_the_campaign_page_shows_confirmed_and_awaiting_pledges_apart(
    client, world, campaign, language, confirmed, awaiting
):
    for organisation, amount, state in (
        (world["commune"], "10000", "pledged"),
        (world["neighbour"], "15000", "awaiting"),
    ):
        Pledge.objects.create(
            campaign=campaign, organisation=organisation, amount=Decimal(amount), state=state
        )
    client.cookies["django_language"] = language
    shown = facts(client.get(f"/campaigns/{campaign.pk}/").content.decode())
    assert confirmed in shown and awaiting in shown
    assert "25" not in shown  # never one total mixing both


def test_without_pledges_awaiting_the_page_says_nothing_of_them(client, world, campaign):
    Pledge.objects.create(
        campaign=campaign, organisation=world["commune"], amount=Decimal("10000"), state="pledged"
    )
    shown = facts(client.get(f"/campaigns/{campaign.pk}/").content.decode())
    assert "10\xa0000,00 € / 30\xa0000,00 €" in shown and "attente" not in shown
