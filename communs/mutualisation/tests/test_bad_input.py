"""Bad input on the detail pages: the page comes back with the typed values and the error,
and nothing is saved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from communs.mutualisation.models import Campaign, Comment, Endorsement, Milestone, Pledge, Quote
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


def test_a_negative_budget_comes_back_with_the_typed_context_and_nothing_is_saved(
    client, world, need
):
    client.force_login(world["neighbour_agent"])
    response = client.post(
        f"/needs/{need.pk}/endorse/",
        {"organisation": world["neighbour"].pk, "context": "pour nos 12 écoles", "budget": "-3"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="pour nos 12 écoles"' in page and "field-error" in page
    assert not Endorsement.objects.exists()


def test_an_empty_comment_is_refused_on_the_page(client, world, need):
    client.force_login(world["outsider"])
    response = client.post(f"/needs/{need.pk}/comment/", {"body": "   "})
    assert response.status_code == 400 and "Ce champ est obligatoire" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_decline_without_reason_stays_on_the_page_with_a_message(client, world, need):
    need.status = "proposed"
    need.save()
    client.force_login(world["curator"])
    response = client.post(f"/needs/{need.pk}/decide/", {"decision": "decline", "reason": ""})
    assert response.status_code == 400 and "Dites pourquoi" in response.content.decode()
    need.refresh_from_db()
    assert need.status == "proposed"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "d’au moins 0,01 €"),
        ("0", "d’au moins 0,01 €"),
        ("100000000.01", "d’au plus 100\xa0000\xa0000,00 €"),
        ("douze", "Saisissez un nombre"),
        ("30000.01", "Il ne reste que 30\xa0000,00 €"),
    ],
)
def test_a_bad_pledge_comes_back_with_the_amount_typed_and_the_reason(
    client, world, campaign, amount, message
):
    client.force_login(world["neighbour_agent"])
    response = client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["neighbour"].pk, "amount": amount},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'value="{amount}"' in page and message in page
    assert not Pledge.objects.exists()
    assert campaign.transitions.count() == 1


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "at least 0.01 €"),
        ("100000000.01", "at most 100,000,000.00 €"),
        ("30000.01", "Only 30,000.00 € remain"),
    ],
)
def test_amounts_in_errors_are_grouped_in_the_readers_language(
    client, world, campaign, amount, message
):
    client.force_login(world["neighbour_agent"])
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["neighbour"].pk, "amount": amount},
    )
    assert response.status_code == 400 and message in response.content.decode()


def test_an_endorsement_budget_bound_is_said_as_an_amount(client, world, need):
    client.force_login(world["neighbour_agent"])
    response = client.post(
        f"/needs/{need.pk}/endorse/",
        {"organisation": world["neighbour"].pk, "context": "écoles", "budget": "100000000.01"},
    )
    assert response.status_code == 400
    assert "d’au plus 100\xa0000\xa0000,00 €" in response.content.decode()
    assert not Endorsement.objects.exists()


@pytest.mark.parametrize("state", ["draft", "funded", "expired", "cancelled", "delivered"])
def test_a_pledge_on_a_closed_campaign_is_refused_on_the_page(client, world, need, state):
    campaign = make_campaign(world, need, state=state)
    client.force_login(world["agent"])  # the coordinator also sees the draft
    response = client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["commune"].pk, "amount": "100"},
    )
    assert response.status_code == 400
    assert "Cette campagne ne prend pas de promesses" in response.content.decode()
    assert not Pledge.objects.exists()
    assert Campaign.objects.get().state == state


def test_a_pledge_after_the_deadline_is_refused(client, world, need):
    campaign = make_campaign(world, need, deadline=timezone.localdate() - timedelta(days=1))
    client.force_login(world["neighbour_agent"])
    response = client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["neighbour"].pk, "amount": "100"},
    )
    assert response.status_code == 400 and not Pledge.objects.exists()


def test_an_expired_quote_is_refused_with_the_values_kept(client, world, campaign):
    client.force_login(world["agent"])
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/campaigns/{campaign.pk}/quotes/",
        {
            "provider": "Atreal",
            "amount_excl_vat": "1000",
            "amount_incl_vat": "1200",
            "valid_until": yesterday,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Atreal"' in page and "plus valable" in page
    assert Quote.objects.count() == 1  # the fixture's


def test_a_quote_whose_gross_is_below_its_net_is_refused(client, world, campaign):
    client.force_login(world["agent"])
    response = client.post(
        f"/campaigns/{campaign.pk}/quotes/",
        {
            "provider": "Atreal",
            "amount_excl_vat": "1200",
            "amount_incl_vat": "1000",
            "valid_until": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400 and Quote.objects.count() == 1


def test_a_quote_on_a_funded_campaign_is_refused_on_the_page(client, world, need):
    campaign = make_campaign(world, need, state="funded")
    client.force_login(world["agent"])
    response = client.post(
        f"/campaigns/{campaign.pk}/quotes/",
        {
            "provider": "Atreal",
            "amount_excl_vat": "1000",
            "amount_incl_vat": "1200",
            "valid_until": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Les devis s’ajoutent avant le financement" in response.content.decode()
    assert Quote.objects.count() == 1


def test_only_the_coordinator_posts_quotes(client, world, campaign):
    client.force_login(world["neighbour_agent"])
    response = client.post(f"/campaigns/{campaign.pk}/quotes/", {"provider": "X"})
    assert response.status_code == 403 and Quote.objects.count() == 1


@pytest.mark.parametrize("deadline_days", [0, -3])
def test_a_campaign_with_a_past_deadline_is_refused(client, world, need, deadline_days):
    client.force_login(world["agent"])
    response = client.post(
        f"/needs/{need.pk}/campaign/",
        {
            "title": "Module",
            "scope": "Tout",
            "target": "1000",
            "deadline": (timezone.localdate() + timedelta(days=deadline_days)).isoformat(),
            "vehicle": "groupement",
            "coordinator": world["commune"].pk,
        },
    )
    assert response.status_code == 200
    assert "La date limite doit être dans le futur" in response.content.decode()
    assert not Campaign.objects.exists()


def test_an_absurd_target_is_refused(client, world, need):
    client.force_login(world["agent"])
    response = client.post(
        f"/needs/{need.pk}/campaign/",
        {
            "title": "Module",
            "scope": "Tout",
            "target": "999999999",
            "deadline": (timezone.localdate() + timedelta(days=9)).isoformat(),
            "vehicle": "groupement",
            "coordinator": world["commune"].pk,
        },
    )
    assert response.status_code == 200 and not Campaign.objects.exists()


def test_a_commit_without_deliberation_keeps_the_page_and_changes_nothing(client, world, need):
    campaign = make_campaign(world, need, state="funded")
    pledge = Pledge.objects.create(
        campaign=campaign, organisation=world["neighbour"], amount=Decimal("30000")
    )
    client.force_login(world["neighbour_agent"])
    response = client.post(f"/pledges/{pledge.pk}/commit/", {"deliberation": "  "})
    assert response.status_code == 400 and "Indiquez la référence" in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.state == "pledged" and pledge.deliberation == ""


def test_a_milestone_above_100_percent_comes_back_with_its_title(client, world, need):
    campaign = make_campaign(world, need, state="in-delivery")
    client.force_login(world["agent"])
    response = client.post(
        f"/campaigns/{campaign.pk}/milestones/",
        {"title": "Bêta publique", "due": "2027-01-15", "progress": "140", "status": "planned"},
    )
    assert response.status_code == 400 and 'value="Bêta publique"' in response.content.decode()
    assert not Milestone.objects.exists()
