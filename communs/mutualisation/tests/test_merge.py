"""Curators merge duplicate needs: endorsements and comments follow, never twice."""

from decimal import Decimal

import pytest

from communs.mutualisation.models import Campaign, Comment, Endorsement, Need
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(world):
    return Need.objects.create(
        title="Imprimer en A0",
        description="Pareil.",
        software=world["software"],
        raised_by=world["neighbour"],
        status=Need.Status.OPEN,
    )


def test_a_curator_merges_a_duplicate_and_its_people_follow_without_double_endorsement(
    client, world, need, duplicate
):
    Endorsement.objects.create(need=need, organisation=world["neighbour"], context="kept own")
    Endorsement.objects.create(need=duplicate, organisation=world["neighbour"], context="twice")
    Endorsement.objects.create(
        need=duplicate, organisation=world["far"], context="pour Ambérieu", budget=Decimal("900")
    )
    Comment.objects.create(need=duplicate, author=world["outsider"], body="Voir aussi #12")
    campaign = make_campaign(world, duplicate)
    client.force_login(world["curator"])
    page = client.get(f"/needs/{duplicate.pk}/").content.decode()
    assert "Fusionner" in page
    response = client.post(f"/needs/{duplicate.pk}/merge/", {"kept": need.pk})
    assert response.status_code == 302 and response["Location"] == f"/needs/{need.pk}/"
    assert sorted(
        Endorsement.objects.filter(need=need).values_list("organisation__name", "context")
    ) == [("Ambérieu", "pour Ambérieu"), ("Cluses", "kept own")]
    assert not Endorsement.objects.filter(need=duplicate).exists()
    assert Comment.objects.get().need == need
    assert Campaign.objects.get(pk=campaign.pk).need == need
    duplicate.refresh_from_db()
    assert (duplicate.merged_into, duplicate.merged_by) == (need, world["curator"])
    # The duplicate's address leads to the kept need; lists show the kept need only.
    client.logout()
    redirect = client.get(f"/needs/{duplicate.pk}/")
    assert redirect.status_code == 301 and redirect["Location"] == f"/needs/{need.pk}/"
    listing = client.get("/needs/").content.decode()
    assert "Impression A0" in listing and "Imprimer en A0" not in listing


def test_only_curators_merge(client, world, need, duplicate):
    client.force_login(world["agent"])
    assert client.post(f"/needs/{duplicate.pk}/merge/", {"kept": need.pk}).status_code == 403
    assert Need.objects.get(pk=duplicate.pk).merged_into is None
    assert "Fusionner" not in client.get(f"/needs/{need.pk}/").content.decode()


def test_a_need_is_not_merged_into_itself_or_into_a_merged_one(client, world, need, duplicate):
    client.force_login(world["curator"])
    response = client.post(f"/needs/{need.pk}/merge/", {"kept": need.pk})
    assert response.status_code == 400
    third = Need.objects.create(
        title="Troisième", description="x", software=world["software"], status="open"
    )
    client.post(f"/needs/{duplicate.pk}/merge/", {"kept": need.pk})
    response = client.post(f"/needs/{third.pk}/merge/", {"kept": duplicate.pk})
    assert response.status_code == 400
    assert Need.objects.get(pk=third.pk).merged_into is None
