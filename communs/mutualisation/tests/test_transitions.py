"""Every allowed and refused change of state of a campaign and a pledge, with its record."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from communs.mutualisation.errors import PoolingError
from communs.mutualisation.models import Campaign, Need, Pledge, Transition
from communs.mutualisation.services import campaign_transition, pledge_commit, pledge_pay
from communs.mutualisation.states import CAMPAIGN_TRANSITIONS, PLEDGE_TRANSITIONS
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db
STATES = list(CAMPAIGN_TRANSITIONS)
URL = "https://communs.example/campaigns/1/"


@pytest.mark.parametrize("target", STATES)
@pytest.mark.parametrize("source", STATES)
def test_a_campaign_moves_only_along_its_state_machine(world, need, source, target):
    today = timezone.localdate()
    # The deadline fits the move tried, so that only the state machine decides.
    deadline = today - timedelta(days=1) if target == "expired" else today + timedelta(days=30)
    campaign = make_campaign(world, need, state=source, deadline=deadline)
    Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=campaign.target
    )
    before = Transition.objects.count()
    if target in CAMPAIGN_TRANSITIONS[source]:
        campaign_transition(campaign=campaign, target=target, by=world["agent"], page_url=URL)
        campaign.refresh_from_db()
        assert campaign.state == target
        last = Transition.objects.filter(pledge=None).latest("pk")
        assert (last.source, last.target, last.by) == (source, target, world["agent"])
    else:
        with pytest.raises(PoolingError) as refused:
            campaign_transition(campaign=campaign, target=target, by=world["agent"], page_url=URL)
        assert refused.value.code == "transition_refused"
        campaign.refresh_from_db()
        assert campaign.state == source
        assert Transition.objects.count() == before


def test_a_refused_transition_speaks_french(world, campaign):
    with translation.override("fr"), pytest.raises(PoolingError) as refused:
        campaign_transition(campaign=campaign, target="delivered", by=world["agent"], page_url=URL)
    assert "Une campagne ne peut pas passer" in refused.value.message


def test_opening_needs_a_valid_quote(world, need):
    campaign = make_campaign(world, need, state="draft")
    campaign.quotes.update(valid_until=timezone.localdate() - timedelta(days=1))
    with pytest.raises(PoolingError) as refused:
        campaign_transition(campaign=campaign, target="open", by=world["agent"], page_url=URL)
    assert refused.value.code == "no_quote"
    assert Campaign.objects.get().state == "draft"


def test_funding_by_hand_needs_the_pledges(world, campaign):
    with pytest.raises(PoolingError) as refused:
        campaign_transition(campaign=campaign, target="funded", by=world["agent"], page_url=URL)
    assert refused.value.code == "not_funded"


def test_a_campaign_expires_only_after_its_deadline(world, campaign):
    with pytest.raises(PoolingError) as refused:
        campaign_transition(campaign=campaign, target="expired", by=world["agent"], page_url=URL)
    assert refused.value.code == "not_expired"


def test_only_the_coordinator_runs_a_campaign(world, campaign):
    for someone in ("neighbour_agent", "outsider", "maintainer"):
        with pytest.raises(PoolingError) as refused:
            campaign_transition(
                campaign=campaign, target="cancelled", by=world[someone], page_url=URL
            )
        assert refused.value.code == "not_coordinator"
    assert Campaign.objects.get().state == "open"


@pytest.mark.parametrize("target", ["expired", "cancelled"])
def test_expiry_and_cancellation_release_the_pledges_and_tell_the_pledgers(
    world, need, target, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = make_campaign(world, need, deadline=timezone.localdate() - timedelta(days=1))
    pledge = Pledge.objects.create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("100.00"),
        by=world["neighbour_agent"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        campaign_transition(campaign=campaign, target=target, by=world["agent"], page_url=URL)
    pledge.refresh_from_db()
    assert pledge.state == "released"
    assert pledge.transitions.get().target == "released"
    assert [m.to for m in mailoutbox] == [["nina.neighbour@example.org"]]
    assert URL in mailoutbox[0].body


def test_delivery_marks_the_need_delivered(world, need):
    campaign = make_campaign(world, need, state="in-delivery")
    campaign_transition(campaign=campaign, target="delivered", by=world["agent"], page_url=URL)
    need.refresh_from_db()
    assert need.status == Need.Status.DELIVERED


PLEDGE_STATES = list(PLEDGE_TRANSITIONS)


@pytest.mark.parametrize("source", PLEDGE_STATES)
def test_a_pledge_is_committed_only_from_pledged(world, need, source):
    campaign = make_campaign(world, need, state="funded")
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("10"), state=source
    )
    if "committed" in PLEDGE_TRANSITIONS[source]:
        pledge_commit(pledge=pledge, by=world["neighbour_agent"], deliberation="DCM 2026-042")
        pledge.refresh_from_db()
        assert (pledge.state, pledge.deliberation) == ("committed", "DCM 2026-042")
        assert pledge.transitions.get().by == world["neighbour_agent"]
    else:
        with pytest.raises(PoolingError) as refused:
            pledge_commit(pledge=pledge, by=world["neighbour_agent"], deliberation="DCM 2026-042")
        assert refused.value.code == "transition_refused"
        pledge.refresh_from_db()
        assert (pledge.state, pledge.deliberation) == (source, "")


@pytest.mark.parametrize("source", PLEDGE_STATES)
def test_a_payment_is_recorded_only_for_a_commitment(world, need, source):
    campaign = make_campaign(world, need, state="in-delivery")
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("10"), state=source
    )
    if "paid" in PLEDGE_TRANSITIONS[source]:
        pledge_pay(pledge=pledge, by=world["agent"])
        assert Pledge.objects.get().state == "paid"
    else:
        with pytest.raises(PoolingError):
            pledge_pay(pledge=pledge, by=world["agent"])
        assert Pledge.objects.get().state == source


def test_a_commitment_needs_the_deliberation_and_a_funded_campaign(world, campaign):
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("10")
    )
    with pytest.raises(PoolingError) as refused:
        pledge_commit(pledge=pledge, by=world["neighbour_agent"], deliberation="DCM 1")
    assert refused.value.code == "not_funded"
    Campaign.objects.update(state="funded")
    with pytest.raises(PoolingError) as refused:
        pledge_commit(pledge=pledge, by=world["neighbour_agent"], deliberation="  ")
    assert refused.value.code == "deliberation_required"
    with pytest.raises(PoolingError) as refused:
        pledge_commit(pledge=pledge, by=world["agent"], deliberation="DCM 1")
    assert refused.value.code == "not_member"
    assert Pledge.objects.get().state == "pledged"


def test_only_the_coordinator_records_payments(world, need):
    campaign = make_campaign(world, need, state="funded")
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("10"), state="committed"
    )
    with pytest.raises(PoolingError) as refused:
        pledge_pay(pledge=pledge, by=world["neighbour_agent"])
    assert refused.value.code == "not_coordinator"
    assert Pledge.objects.get().state == "committed"
