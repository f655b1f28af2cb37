"""Each page through the client, with the personas: response and database."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone

from communs.catalog.models import Category
from communs.catalog.search import fold
from communs.mutualisation.models import (
    Campaign,
    Comment,
    Endorsement,
    Milestone,
    Need,
    Pledge,
    Quote,
)

pytestmark = pytest.mark.django_db


def test_a_citizen_proposes_a_need_that_waits_for_acceptance(client, world):
    client.force_login(world["outsider"])
    response = client.post(
        "/needs/propose/",
        {
            "title": "Export DXF",
            "description": "Exporter en DXF.",
            "software": world["software"].pk,
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/needs/{need.pk}/"
    assert (need.status, need.proposed_by, need.raised_by) == ("proposed", world["outsider"], None)
    assert "Export DXF" not in client.get("/needs/").content.decode()
    client.force_login(world["agent"])
    assert client.get(f"/needs/{need.pk}/").status_code == 404


def test_a_need_without_software_or_category_is_refused_and_nothing_saved(client, world):
    client.force_login(world["outsider"])
    response = client.post("/needs/propose/", {"title": "Vague", "description": "Rien."})
    assert response.status_code == 400 and not Need.objects.exists()
    page = response.content.decode()
    assert page.count("Choisissez un logiciel ou, si aucun ne convient, une catégorie.") == 1
    assert "need_has_software_or_category" not in page


def test_proposing_in_an_organisations_name_needs_membership(client, world):
    client.force_login(world["outsider"])
    response = client.post(
        "/needs/propose/",
        {
            "title": "X",
            "description": "Y",
            "software": world["software"].pk,
            "raised_by": world["commune"].pk,
        },
    )
    assert response.status_code == 400 and not Need.objects.exists()


@pytest.mark.parametrize("decider", ["curator", "maintainer"])
def test_a_curator_or_the_softwares_maintainer_accepts_a_proposed_need(client, world, decider):
    need = Need.objects.create(title="X", description="Y", software=world["software"])
    client.force_login(world[decider])
    assert "Accepter" in client.get(f"/needs/{need.pk}/").content.decode()
    response = client.post(f"/needs/{need.pk}/decide/", {"decision": "accept"})
    assert response.status_code == 302
    assert Need.objects.get().status == "open"


def test_anyone_else_is_refused_the_decision(client, world):
    need = Need.objects.create(title="X", description="Y", software=world["other_software"])
    for someone in ("maintainer", "agent", "outsider"):  # max maintains QGIS, not Lutece
        client.force_login(world[someone])
        assert client.post(f"/needs/{need.pk}/decide/", {"decision": "accept"}).status_code == 403
    assert Need.objects.get().status == "proposed"


def test_declining_needs_a_reason(client, world):
    need = Need.objects.create(title="X", description="Y", software=world["software"])
    client.force_login(world["curator"])
    client.post(f"/needs/{need.pk}/decide/", {"decision": "decline", "reason": ""})
    assert Need.objects.get().status == "proposed"
    client.post(f"/needs/{need.pk}/decide/", {"decision": "decline", "reason": "Doublon de #3"})
    assert (Need.objects.get().status, Need.objects.get().decline_reason) == (
        "declined",
        "Doublon de #3",
    )


def test_a_member_endorses_with_context_and_budget(client, world, need):
    client.force_login(world["neighbour_agent"])
    response = client.post(
        f"/needs/{need.pk}/endorse/",
        {"organisation": world["neighbour"].pk, "context": "pour nos 12 écoles", "budget": "5000"},
    )
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.organisation, endorsement.budget) == (world["neighbour"], Decimal("5000"))
    assert "pour nos 12 écoles" in client.get(f"/needs/{need.pk}/").content.decode()


@pytest.mark.parametrize("someone", ["requester", "outsider", "agent"])
def test_non_members_cannot_endorse_in_an_organisations_name(client, world, need, someone):
    client.force_login(world[someone])
    client.post(
        f"/needs/{need.pk}/endorse/", {"organisation": world["neighbour"].pk, "context": "x"}
    )
    assert not Endorsement.objects.exists()


def test_a_negative_budget_is_refused(client, world, need):
    client.force_login(world["neighbour_agent"])
    client.post(
        f"/needs/{need.pk}/endorse/",
        {"organisation": world["neighbour"].pk, "context": "x", "budget": "-3"},
    )
    assert not Endorsement.objects.exists()


def test_comments_are_published_and_curators_hide_them_with_a_reason(client, world, need):
    client.force_login(world["outsider"])
    client.post(f"/needs/{need.pk}/comment/", {"body": "Voir le ticket amont #123"})
    comment = Comment.objects.get()
    assert "ticket amont" in client.get(f"/needs/{need.pk}/").content.decode()
    assert client.post(f"/comments/{comment.pk}/hide/", {"reason": "spam"}).status_code == 403
    client.force_login(world["curator"])
    client.post(f"/comments/{comment.pk}/hide/", {"reason": ""})
    assert Comment.objects.get().moderation == "published"
    client.post(f"/comments/{comment.pk}/hide/", {"reason": "Hors sujet"})
    assert Comment.objects.get().moderation_reason == "Hors sujet"
    client.force_login(world["outsider"])
    assert "ticket amont" not in client.get(f"/needs/{need.pk}/").content.decode()


def test_the_list_filters_by_territory_status_software_and_sorts_by_endorsements(
    client, world, need
):
    other = Need.objects.create(
        title="Portail citoyen",
        description="...",
        software=world["other_software"],
        raised_by=world["far"],
        status="open",
    )
    Endorsement.objects.create(need=other, organisation=world["commune"], context="x")
    Endorsement.objects.create(need=other, organisation=world["neighbour"], context="y")

    def titles(**params):
        html = client.get("/needs/", params).content.decode()
        return [t for t in ("Impression A0", "Portail citoyen") if t in html]

    assert titles(departement=world["other_dep"].pk) == ["Portail citoyen"]
    assert titles(region=world["region"].pk) == ["Impression A0", "Portail citoyen"]  # endorsed
    assert titles(software="qgis") == ["Impression A0"]
    assert titles(status="funded") == []
    assert titles(q="portail") == ["Portail citoyen"]
    html = client.get("/needs/", {"sort": "endorsements"}).content.decode()
    assert html.index("Portail citoyen") < html.index("Impression A0")
    assert client.get("/needs/", {"region": "nonsense", "status": "<x>"}).status_code == 200


def test_a_member_starts_a_campaign_and_bad_input_changes_nothing(client, world, need):
    client.force_login(world["agent"])
    assert "Groupement de commandes" in client.get(f"/needs/{need.pk}/campaign/").content.decode()
    values = {
        "title": "Module A0",
        "scope": "Tout",
        "target": "30000",
        "vehicle": "groupement",
        "coordinator": world["commune"].pk,
        "deadline": (timezone.localdate() - timedelta(days=1)).isoformat(),
    }
    assert client.post(f"/needs/{need.pk}/campaign/", values).status_code == 200
    assert client.post(f"/needs/{need.pk}/campaign/", {**values, "target": "-1"}).status_code == 200
    assert not Campaign.objects.exists()
    values["deadline"] = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = client.post(f"/needs/{need.pk}/campaign/", values)
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and campaign.state == "draft"
    assert campaign.transitions.get().target == "draft"


def test_a_draft_is_hidden_from_others_and_opened_after_a_quote(client, world, need):
    from communs.mutualisation.tests.conftest import make_campaign

    campaign = make_campaign(world, need, state="draft")
    Quote.objects.all().delete()
    client.force_login(world["neighbour_agent"])
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 404
    client.force_login(world["agent"])
    expired = {
        "provider": "X",
        "amount_excl_vat": "10",
        "amount_incl_vat": "12",
        "valid_until": (timezone.localdate() - timedelta(days=1)).isoformat(),
    }
    client.post(f"/campaigns/{campaign.pk}/quotes/", expired)
    client.post(
        f"/campaigns/{campaign.pk}/quotes/",
        {**expired, "valid_until": "2999-01-01", "amount_incl_vat": "5"},
    )
    assert not Quote.objects.exists()
    client.post(f"/campaigns/{campaign.pk}/state/", {"target": "open"})
    assert Campaign.objects.get().state == "draft"
    client.post(f"/campaigns/{campaign.pk}/quotes/", {**expired, "valid_until": "2999-01-01"})
    client.post(f"/campaigns/{campaign.pk}/state/", {"target": "open"})
    assert Campaign.objects.get().state == "open"


def test_the_walk_from_pledge_to_delivered(
    client, world, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["neighbour_agent"])
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Groupement de commandes" in page and "Oslandia" in page
    client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["neighbour"].pk, "amount": "30000.01"},
    )
    assert not Pledge.objects.exists()
    client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["neighbour"].pk, "amount": "18000"},
    )
    client.force_login(world["agent"])
    client.post(
        f"/campaigns/{campaign.pk}/pledges/",
        {"organisation": world["commune"].pk, "amount": "12000"},
    )
    assert Campaign.objects.get().state == "funded"
    pledge = Pledge.objects.get(organisation=world["neighbour"])
    client.post(f"/pledges/{pledge.pk}/commit/", {"deliberation": "DCM 2026-042"})
    assert Pledge.objects.get(pk=pledge.pk).state == "pledged"  # not a member of Cluses
    client.force_login(world["neighbour_agent"])
    client.post(f"/pledges/{pledge.pk}/commit/", {"deliberation": "DCM 2026-042"})
    assert Pledge.objects.get(pk=pledge.pk).state == "committed"
    assert client.post(f"/pledges/{pledge.pk}/pay/").status_code == 403
    client.force_login(world["agent"])
    client.post(f"/pledges/{pledge.pk}/pay/")
    assert Pledge.objects.get(pk=pledge.pk).state == "paid"
    client.post(f"/campaigns/{campaign.pk}/state/", {"target": "in-delivery"})
    assert Need.objects.get().status == "in-progress"
    mailoutbox.clear()
    client.post(
        f"/campaigns/{campaign.pk}/milestones/",
        {"title": "Bêta", "due": "2027-01-15", "progress": "150", "status": "planned"},
    )
    assert not Milestone.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/campaigns/{campaign.pk}/milestones/",
            {
                "title": "Bêta",
                "due": "2027-01-15",
                "progress": "40",
                "status": "in-progress",
                "link": "https://github.com/qgis/QGIS/pull/1",
            },
        )
    assert Milestone.objects.get().progress == 40
    page = client.get(f"/campaigns/{campaign.pk}/", {"method": "population"}).content.decode()
    # Shares by population, French style.
    assert "12\xa0000,00 €" in page and "18\xa0000,00 €" in page
    assert (
        client.get(
            f"/campaigns/{campaign.pk}/", {"method": "custom", "weights": "1, x"}
        ).status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/campaigns/{campaign.pk}/state/", {"target": "delivered"})
    assert (Campaign.objects.get().state, Need.objects.get().status) == ("delivered", "delivered")
    # Two steps (the milestone, the delivery), each told to both pledgers.
    assert sorted(m.to[0] for m in mailoutbox) == 2 * ["anne.agent@example.org"] + 2 * [
        "nina.neighbour@example.org"
    ]
    assert any("Bêta" in m.subject for m in mailoutbox)
    history = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "in-delivery → delivered" in history


def test_anonymous_visitors_read_but_are_sent_to_sign_in_to_act(client, world, need, campaign):
    assert client.get("/needs/").status_code == 200
    assert client.get(f"/needs/{need.pk}/").status_code == 200
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 200
    response = client.post(f"/campaigns/{campaign.pk}/pledges/", {"amount": "10"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Pledge.objects.exists()


def test_my_space_lists_my_pledges_endorsements_and_needs_to_decide(client, world, campaign):
    Pledge.objects.create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("500"),
        by=world["neighbour_agent"],
    )
    Endorsement.objects.create(
        need=campaign.need,
        organisation=world["neighbour"],
        context="x",
        by=world["neighbour_agent"],
    )
    client.force_login(world["neighbour_agent"])
    html = client.get("/my-space/").content.decode()
    assert "Mes besoins et promesses" in html and "Module A0" in html and "Impression A0" in html
    Need.objects.create(title="Export DXF", description="...", software=world["software"])
    client.force_login(world["maintainer"])
    assert "Export DXF" in client.get("/my-space/").content.decode()
    client.force_login(world["agent"])
    assert "Export DXF" not in client.get("/my-space/").content.decode()


def test_the_main_menu_leads_to_the_shared_needs(client, world):
    assert 'href="/needs/"' in client.get("/").content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_proposal_lists_categories_by_their_label_in_the_readers_language(
    client, world, language
):
    client.force_login(world["outsider"])
    client.cookies["django_language"] = language
    html = client.get("/needs/propose/").content.decode()
    select = re.search(r'<select name="category".*?</select>', html, re.DOTALL)
    assert select
    labels = [unescape(label) for label in re.findall(r'<option value="\d+">([^<]+)<', select[0])]
    assert len(labels) > 50
    assert labels == sorted(labels, key=fold)
    category = Category.objects.get(slug="geographic-information-systems")
    response = client.post(
        "/needs/propose/",
        {"title": "Export DXF", "description": "Exporter en DXF.", "category": category.pk},
    )
    assert response.status_code == 302 and Need.objects.get().category == category
