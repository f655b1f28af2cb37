"""The organisation list's and the needs list's cached results: read from the cache the
second time, for any visitor, and out of date as soon as a row they show changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from communs.catalog.models import Category, Software
from communs.mutualisation.models import Endorsement, Need
from communs.territories.models import InseeAlias, Organisation, organisations_written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_kept")]


def queries(client, url):
    """The page's main content (the layout carries a token of its own), and its queries."""
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return html.split("<main")[1].split("</main>")[0], len(captured.captured_queries)


@pytest.fixture
def commune():
    return Organisation.objects.create(
        kind="commune", name="Aubeville", insee_code="01001", population=900
    )


def test_the_second_visitor_reads_the_organisations_from_the_cache(client, commune):
    first, counted = queries(client, "/organisations/?q=aube")
    assert "Aubeville" in first and counted >= 2
    second, cached = queries(client, "/organisations/?q=aube")
    assert second == first and cached == 0
    # Another query, another language: their own fragments.
    assert "Aubeville" not in client.get("/organisations/?q=zzz").content.decode()
    client.cookies["django_language"] = "en"
    assert "1 organisation found" in client.get("/organisations/?q=aube").content.decode()


def test_a_renamed_organisation_is_found_by_its_new_name_at_once(client, commune):
    assert "Aubeville" in client.get("/organisations/?q=aube").content.decode()
    commune.name = "Belleville"
    commune.save()
    assert "Aubeville" not in client.get("/organisations/?q=aube").content.decode()
    assert "Belleville" in client.get("/organisations/?q=belle").content.decode()
    commune.delete()
    assert "Belleville" not in client.get("/organisations/?q=belle").content.decode()


def test_a_former_code_and_an_import_renew_the_organisations(client, commune):
    assert "Aubeville" not in client.get("/organisations/?q=01999").content.decode()
    InseeAlias.objects.create(code="01999", name="Ancienne", organisation=commune, reason="x")
    assert "Aubeville" in client.get("/organisations/?q=01999").content.decode()
    # Bulk writes send no post_save: the import says it wrote organisations.
    Organisation.objects.filter(pk=commune.pk).update(name="Cheville", search_name="cheville")
    assert "Cheville" not in client.get("/organisations/?q=01999").content.decode()
    organisations_written.send(sender=Organisation)
    assert "Cheville" in client.get("/organisations/?q=01999").content.decode()


def test_signed_in_people_see_their_own_link_around_the_shared_results(client, commune):
    from django.contrib.auth.models import User

    client.get("/organisations/?q=aube")  # cached by a visitor
    client.force_login(User.objects.create_user("lea", "lea@example.org", "not-a-secret-42"))
    html = client.get("/organisations/?q=aube").content.decode()
    assert "Aubeville" in html and "/organisations/new/" in html.split("Aubeville")[1]


@pytest.fixture
def need(commune):
    software = Software.objects.create(
        slug="cartolibre", name="Cartolibre", status="published", short_description_fr="Carto."
    )
    return Need.objects.create(
        title="Impression A0", description="x", software=software, raised_by=commune, status="open"
    )


def test_the_second_visitor_reads_the_needs_from_the_cache(client, need):
    first, counted = queries(client, "/needs/")
    assert "Impression A0" in first and counted >= 5
    second, cached = queries(client, "/needs/")
    assert second == first and cached == 0


def test_a_new_need_an_endorsement_and_a_renamed_software_show_at_once(client, need, commune):
    client.cookies["django_language"] = "en"
    assert "0 endorsements" in client.get("/needs/").content.decode()
    Endorsement.objects.create(need=need, organisation=commune, context="x")
    html = client.get("/needs/").content.decode()
    assert "1 endorsement" in html and "900" in html  # inhabitants served
    Need.objects.create(title="Export DXF", description="x", software=need.software, status="open")
    assert "Export DXF" in client.get("/needs/").content.decode()
    need.software.name = "CartoLibre 2"
    need.software.save()
    assert "CartoLibre 2" in client.get("/needs/").content.decode()
    commune.name = "Aubeville-sur-Mer"
    commune.save()
    assert "Aubeville-sur-Mer" in client.get("/needs/").content.decode()
    category = Category.objects.order_by("slug").first()
    Need.objects.create(title="Plans", description="x", category=category, status="open")
    filters = client.get("/needs/").content.decode().split('id="need-category"')[1]
    with translation.override("en"):
        assert f'"{category.slug}">{category.label} (1)</option>' in filters.split("</select>")[0]


def test_a_generation_expires_so_that_addresses_asked_once_are_not_kept_forever():
    from django.core.cache import caches

    from communs.catalog import listing

    for write in (listing.generation, listing.renew):
        write("software-nowhere")
        expiry = caches["fragments"]._expire_info[
            caches["fragments"].make_and_validate_key("generation:software-nowhere")
        ]
        assert expiry is not None and expiry > 0
        caches["fragments"].clear()
