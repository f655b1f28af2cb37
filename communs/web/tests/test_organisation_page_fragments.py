"""An organisation's page kept rendered for visitors who are not signed in: read without a
query the second time, and shown anew at once when the organisation, its declarations, its
parents, its member communes or the software it declares change."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communs.catalog.models import Provider
from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import Membership, Organisation, organisations_written
from communs.usage.models import UsageDeclaration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_kept")]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def town():
    region = Organisation.objects.create(kind="region", name="Bretagne")
    departement = Organisation.objects.create(kind="departement", name="Finistère", region=region)
    epci = Organisation.objects.create(
        kind="epci", name="Quimper Bretagne Occidentale", departement=departement, region=region
    )
    commune = Organisation.objects.create(
        kind="commune",
        name="Ergué-Gabéric",
        population=8300,
        epci=epci,
        departement=departement,
        region=region,
    )
    software = SoftwareFactory(slug="cartolibre", name="Cartolibre")
    UsageDeclaration.objects.create(organisation=commune, software=software, status="production")
    return {"commune": commune, "epci": epci, "departement": departement, "software": software}


def page(client, organisation):
    response = client.get(f"/organisations/{organisation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_read_without_a_query_the_second_time(english, town):
    first = page(english, town["commune"])
    with CaptureQueriesContext(connection) as second:
        again = page(english, town["commune"])
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", again) == token.sub("", first)
    assert len(second.captured_queries) == 0
    assert "<title>Ergué-Gabéric" in again
    assert "Cartolibre</a> — In production" in again
    assert "Finistère</a>" in again


def test_each_language_has_its_own_page(client, town):
    client.cookies["django_language"] = "en"
    assert "In production" in page(client, town["commune"])
    client.cookies["django_language"] = "fr"
    assert "En production" in page(client, town["commune"])


def test_an_unknown_organisation_is_not_found_and_nothing_is_kept(english):
    assert english.get("/organisations/999999/").status_code == 404
    assert english.get("/organisations/999999/").status_code == 404


def test_declarations_show_at_once(english, town):
    commune, software = town["commune"], town["software"]
    page(english, commune)
    declaration = UsageDeclaration.objects.get(organisation=commune)
    declaration.status = "abandoned"
    declaration.save()
    assert "Cartolibre</a> — Abandoned" in page(english, commune)
    declaration.delete()
    assert "Nothing declared yet." in page(english, commune)
    UsageDeclaration.objects.create(organisation=commune, software=software, status="evaluating")
    assert "Cartolibre</a> — Being evaluated" in page(english, commune)


def test_another_organisations_declaration_leaves_the_page_kept(english, town):
    page(english, town["commune"])
    UsageDeclaration.objects.create(
        organisation=town["epci"], software=town["software"], status="production"
    )
    assert "Cartolibre</a> — In production" in page(english, town["epci"])
    with CaptureQueriesContext(connection) as again:
        page(english, town["commune"])
    assert len(again.captured_queries) == 0


def test_a_renamed_software_shows_at_once(english, town):
    page(english, town["commune"])
    town["software"].name = "Cartographie libre"
    town["software"].slug = "cartographie-libre"
    town["software"].save()
    shown = page(english, town["commune"])
    assert 'href="/catalogue/cartographie-libre/">Cartographie libre</a>' in shown


def test_the_organisation_its_parents_and_its_members_show_at_once(english, town):
    commune, epci, departement = town["commune"], town["epci"], town["departement"]
    page(english, commune)
    page(english, epci)
    commune.name = "Ergué-Gabéric-sur-Odet"
    commune.population = 8400
    commune.save()
    assert "<h1>Ergué-Gabéric-sur-Odet</h1>" in page(english, commune)
    assert "8,400" in page(english, commune)
    assert "Ergué-Gabéric-sur-Odet</a>" in page(english, epci)  # a member commune
    departement.name = "Penn-ar-Bed"
    departement.save()
    assert "Penn-ar-Bed</a>" in page(english, commune)  # a parent
    Organisation.objects.create(kind="commune", name="Quimper", epci=epci)
    assert "2 member communes" in page(english, epci)


def test_organisations_written_in_bulk_show_at_once(english, town):
    commune = town["commune"]
    page(english, commune)
    Organisation.objects.filter(pk=commune.pk).update(name="Ergué-Gabéric (bulk)")
    organisations_written.send(sender=Organisation)
    assert "<h1>Ergué-Gabéric (bulk)</h1>" in page(english, commune)


def test_a_member_sees_their_own_part_and_visitors_the_kept_page(english, town, outsider):
    commune = town["commune"]
    page(english, commune)  # kept for visitors
    Membership.objects.create(organisation=commune, user=outsider, status="approved")
    english.force_login(outsider)
    mine = page(english, commune)
    assert "Edit the declaration of Cartolibre" in mine
    assert "You are a member of this organisation" in mine
    english.logout()
    english.cookies["django_language"] = "en"
    theirs = page(english, commune)
    assert "Edit the declaration of Cartolibre" not in theirs
    assert "Sign in to ask to join" in theirs


def test_a_renamed_contractor_shows_at_once(english, town):
    provider = Provider.objects.create(slug="atelier", name="Atelier cartographique")
    UsageDeclaration.objects.filter(organisation=town["commune"]).update(contractor=provider)
    UsageDeclaration.objects.get(organisation=town["commune"]).save()
    assert "supported by Atelier cartographique" in page(english, town["commune"])
    provider.name = "Atelier libre"
    provider.save()
    assert "supported by Atelier libre" in page(english, town["commune"])
