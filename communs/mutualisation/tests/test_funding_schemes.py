"""Public funding schemes: curators record them; a campaign shows those its members fit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from communs.mutualisation.models import FundingScheme, Pledge

pytestmark = pytest.mark.django_db


def scheme(**values):
    territories = values.pop("territories", [])
    defaults = {
        "name": "France Numérique",
        "funder": "État",
        "rate": Decimal("50"),
        "link": "https://funder.example/programme",
    }
    found = FundingScheme.objects.create(**{**defaults, **values})
    found.territories.set(territories)
    return found


def test_a_curator_records_a_scheme_from_the_page(client, world):
    client.force_login(world["curator"])
    response = client.post(
        "/funding-schemes/",
        {
            "name": "Fonds régional numérique",
            "funder": "Région Auvergne-Rhône-Alpes",
            "eligible_kinds": ["commune", "epci"],
            "territories": [world["region"].pk],
            "rate": "40",
            "ceiling": "20000",
            "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "link": "https://funder.example/frn",
        },
    )
    assert response.status_code == 302
    found = FundingScheme.objects.get()
    assert found.eligible_kinds == ["commune", "epci"]
    assert list(found.territories.all()) == [world["region"]]
    assert found.recorded_by == world["curator"]
    page = client.get("/funding-schemes/").content.decode()
    assert "Fonds régional numérique" in page and "Commune, Intercommunalité (EPCI)" in page


def test_a_bad_rate_comes_back_with_the_name_typed(client, world):
    client.force_login(world["curator"])
    response = client.post(
        "/funding-schemes/",
        {"name": "Trop", "funder": "État", "rate": "150", "link": "https://funder.example/"},
    )
    assert response.status_code == 400 and 'value="Trop"' in response.content.decode()
    assert not FundingScheme.objects.exists()


def test_only_curators_record_schemes(client, world):
    client.force_login(world["agent"])
    response = client.post(
        "/funding-schemes/",
        {"name": "X", "funder": "Y", "rate": "10", "link": "https://funder.example/"},
    )
    assert response.status_code == 403 and not FundingScheme.objects.exists()
    assert "Enregistrer le dispositif" not in client.get("/funding-schemes/").content.decode()


def test_a_campaign_shows_the_schemes_its_members_are_eligible_for(client, world, campaign):
    Pledge.objects.create(campaign=campaign, organisation=world["far"], amount=Decimal("10"))
    scheme(name="Pour tous", ceiling=Decimal("9000"))  # 50 % of 30,000 capped at 9,000
    scheme(name="Pour la Haute-Savoie", territories=[world["departement"]])
    scheme(name="Pour l’Ain", territories=[world["other_dep"]], eligible_kinds=["commune"])
    scheme(name="Pour les régions", eligible_kinds=["region"])
    scheme(name="Clos", deadline=timezone.localdate() - timedelta(days=1))
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Pour tous" in page and "jusqu’à 9\xa0000,00 €" in page
    assert "Pour la Haute-Savoie" in page and "Pour l’Ain" in page
    assert "Pour les régions" not in page and "Clos" not in page
    ain = page[page.index("Pour l’Ain") :]
    assert "Ambérieu" in ain[: ain.index("</li>")]
    assert "Bonneville" not in ain[: ain.index("</li>")]
