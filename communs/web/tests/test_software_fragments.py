"""The software page's cached fragments: kept for visitors, dropped when what they show changes."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.territories.models import Organisation
from communs.usage.models import UsageDeclaration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_kept")]


DEMO = Path(__file__).resolve().parents[2] / "evaluations" / "demo" / "umap.json"


@pytest.fixture
def software():
    return Software.objects.create(
        slug="cartolibre", name="Cartolibre", status="published", short_description_fr="Carto."
    )


def declare(software, name):
    commune = Organisation.objects.create(kind="commune", name=name, population=1200)
    return UsageDeclaration.objects.create(
        organisation=commune, software=software, status="production"
    )


def users_section(client, software):
    html = client.get(f"/catalogue/{software.slug}/").content.decode()
    return html.split('id="users-title"')[1].split("</section>")[0]


def test_a_visitor_reads_the_sections_from_the_cache_the_second_time(client, software):
    declare(software, "Aubeville")
    with CaptureQueriesContext(connection) as first:
        client.get(f"/catalogue/{software.slug}/")
    listed = 'ORDER BY "usage_usagedeclaration"."id" ASC LIMIT 50'
    assert listed in " ".join(query["sql"] for query in first.captured_queries)
    with CaptureQueriesContext(connection) as second:
        assert "Aubeville" in users_section(client, software)
    read = " ".join(query["sql"] for query in second.captured_queries)
    # Neither the list of users nor the stored reports are read again (other sections of the
    # page, such as the outcomes, still make their own queries).
    assert listed not in read
    assert '"evaluations_evaluation"."report"' not in read


def test_a_new_or_removed_declaration_shows_at_once(client, software):
    declare(software, "Aubeville")
    assert "Belmont" not in users_section(client, software)
    belmont = declare(software, "Belmont")
    assert "Belmont" in users_section(client, software)
    belmont.delete()
    assert "Belmont" not in users_section(client, software)


def test_a_renamed_organisation_shows_with_its_new_name(client, software):
    declaration = declare(software, "Aubeville")
    users_section(client, software)
    commune = declaration.organisation
    commune.name = "Aubeville-sur-Loire"
    commune.save()
    assert "Aubeville-sur-Loire" in users_section(client, software)


def test_a_new_evaluation_shows_at_once(client, software):
    client.get(f"/catalogue/{software.slug}/")
    entry = json.loads(DEMO.read_text())["evaluations"][0]
    Evaluation.objects.create(
        software=software,
        target=entry["report"]["target"],
        head=entry["commit"],
        as_of=entry["as_of"].replace("Z", "+00:00"),
        method_version=entry["method_version"],
        report=entry["report"],
    )
    html = client.get(f"/catalogue/{software.slug}/").content.decode()
    assert Evaluation.objects.get(software=software).head[:7] in html


def test_a_signed_in_member_never_reads_a_visitors_cached_section(client, software, outsider):
    declare(software, "Aubeville")
    users_section(client, software)  # cached for visitors
    client.force_login(outsider)
    with CaptureQueriesContext(connection) as signed_in:
        users_section(client, software)
    read = " ".join(query["sql"] for query in signed_in.captured_queries)
    assert "usage_usagedeclaration" in read


def test_the_benchmarks_bare_view_is_not_served_unless_asked_for(client):
    assert client.get("/bench/bare/").status_code == 404


def outcomes_section(client, software):
    html = client.get(f"/catalogue/{software.slug}/").content.decode()
    return html.split('id="outcomes-title"')[1].split("</section>")[0]


def test_the_outcomes_section_is_kept_and_follows_new_figures(client, software):
    from communs.outcomes.tests.world import commune_with_costs

    declarations = [commune_with_costs(software, i, "1000", "400") for i in range(4)]
    too_few = outcomes_section(client, software)
    with CaptureQueriesContext(connection) as kept:
        assert outcomes_section(client, software) == too_few
    assert "outcomes_measurement" not in " ".join(q["sql"] for q in kept.captured_queries)
    # A fifth organisation alike gives the benchmark its minimum: the section shows it at once.
    fifth = commune_with_costs(software, 5, "1000", "400")
    enough = outcomes_section(client, software)
    assert enough != too_few
    # A figure removed takes it away again (the declarations alone are unchanged).
    fifth.measurements.all().delete()
    assert outcomes_section(client, software) == too_few
    assert len(declarations) == 4


# The whole page, for visitors who are not signed in.


def page(client, slug):
    """The page's status and main content (the header's form carries a token of its own)."""
    response = client.get(f"/catalogue/{slug}/")
    html = response.content.decode()
    return response.status_code, html.split("<main", 1)[-1].split("</main>")[0]


def test_a_visitors_second_visit_reads_nothing_of_the_software(client, software):
    declare(software, "Aubeville")
    first = page(client, software.slug)
    with CaptureQueriesContext(connection) as second:
        assert page(client, software.slug) == first
    read = " ".join(query["sql"] for query in second.captured_queries)
    for table in ("catalog_software", "usage_usagedeclaration", "resources_resource"):
        assert table not in read


def make_resource(software, **values):
    from communs.resources.models import Resource

    defaults = {
        "software": software,
        "kind": "user-guide",
        "title": "Guide de prise en main",
        "licence": "CC-BY-4.0",
        "published_on": datetime.date(2025, 1, 1),
        "language": "fr",
        "external_url": "https://example.org/guide",
    }
    return Resource.objects.create(**{**defaults, **values})


def resources_section(client, software):
    html = page(client, software.slug)[1]
    return html.split('id="resources-title"')[1].split("</section>")[0]


def test_a_shared_resource_its_marks_and_its_authors_new_name_show_at_once(client, software):
    from django.contrib.auth import get_user_model

    from communs.resources.models import Usefulness

    assert "Guide de prise en main" not in resources_section(client, software)
    author = Organisation.objects.create(kind="commune", name="Aubeville", population=1200)
    resource = make_resource(software, author_organisation=author)
    shown = resources_section(client, software)
    assert "Guide de prise en main" in shown and "Aubeville" in shown
    marker = get_user_model().objects.create_user("agent", "agent@example.org", "x")
    Usefulness.objects.create(resource=resource, user=marker)
    assert resources_section(client, software) != shown
    author.name = "Aubeville-sur-Mer"
    author.save()
    assert "Aubeville-sur-Mer" in resources_section(client, software)
    resource.delete()
    assert "Guide de prise en main" not in resources_section(client, software)


def test_a_new_address_name_or_category_shows_at_once_and_the_old_address_goes(client, software):
    from communs.catalog.models import Category, Provider

    assert page(client, software.slug)[0] == 200
    software.slug, software.name = "cartolibre-2", "Cartolibre Deux"
    software.save()
    assert page(client, "cartolibre")[0] == 404
    assert "Cartolibre Deux" in page(client, "cartolibre-2")[1]
    category = Category.objects.create(slug="cartographie")
    software.categories.add(category)
    assert category.get_absolute_url() in page(client, "cartolibre-2")[1]
    provider = Provider.objects.create(slug="atelier", name="Atelier Libre")
    provider.software.add(software)
    assert "Atelier Libre" in page(client, "cartolibre-2")[1]
    provider.name = "Atelier Libre et Ouvert"
    provider.save()
    assert "Atelier Libre et Ouvert" in page(client, "cartolibre-2")[1]


def test_a_software_withdrawn_from_the_catalogue_is_gone_at_once(client, software):
    assert page(client, software.slug)[0] == 200
    software.status = "draft"
    software.save()
    assert page(client, software.slug)[0] == 404


def evaluate(software, demo):
    entry = json.loads((DEMO.parent / demo).read_text())["evaluations"][-1]
    return Evaluation.objects.create(
        software=software,
        target=entry["report"]["target"],
        head=entry["commit"],
        as_of=entry["as_of"].replace("Z", "+00:00"),
        method_version=entry["method_version"],
        report=entry["report"],
    )


def ranks(client, slug):
    """The "among similar software" list of the page's evaluation."""
    html = page(client, slug)[1]
    heading = "Parmi les logiciels comparables"
    return html.split(heading)[1].split("</ul>")[0] if heading in html else ""


def test_a_peers_new_evaluation_moves_the_rank_shown_at_once(client, software):
    from communs.catalog.models import Category

    category = Category.objects.create(slug="cartographie")
    other = Software.objects.create(slug="autrecarte", name="Autre carte", status="published")
    third = Software.objects.create(slug="tiercecarte", name="Tierce carte", status="published")
    for each in (software, other, third):
        each.categories.add(category)
    evaluate(software, "umap.json")
    evaluate(other, "umap.json")
    before = ranks(client, software.slug)
    assert " sur 2 " in before
    evaluate(third, "openstreetmap.json")
    assert " sur 3 " in ranks(client, software.slug)


def notice(client, slug):
    html = page(client, slug)[1]
    return html.split('id="evaluation-title"')[-1][:3000]


def test_a_jobs_status_written_by_an_update_shows_at_once(client, software):
    from communs.evaluations.services import job_cancel, job_claim, job_request

    software.repository_url = "https://example.org/cartolibre.git"
    software.save()
    assert "Une évaluation" not in notice(client, software.slug)
    job = job_request(software=software)
    assert "Une évaluation est en attente." in notice(client, software.slug)
    job_claim(job.pk)  # an UPDATE: no post_save
    assert "Une évaluation est en cours" in notice(client, software.slug)
    job_cancel(job=job, by=User.objects.create_user("curatrice"))
    assert "Une évaluation" not in notice(client, software.slug)


def test_replies_hidden_in_bulk_by_a_curator_are_gone_at_once(client, software):
    from communs.evaluations.admin import hide
    from communs.evaluations.models import CheckComment

    evaluate(software, "umap.json")
    CheckComment.objects.create(
        software=software,
        check_id="security.policy",
        author=User.objects.create_user("mainteneuse"),
        body="Notre politique est publiée sur le site du projet.",
        status=CheckComment.Status.PUBLISHED,
    )
    assert "Notre politique est publiée" in page(client, software.slug)[1]
    hide(None, None, CheckComment.objects.filter(software=software))  # an UPDATE
    assert "Notre politique est publiée" not in page(client, software.slug)[1]


def test_a_deleted_organisations_name_leaves_the_resources_it_shared(client, software):
    author = Organisation.objects.create(kind="commune", name="Aubeville", population=1200)
    make_resource(software, author_organisation=author)
    assert "Aubeville" in resources_section(client, software)
    author.delete()  # its resources stay, unsigned, by an UPDATE
    assert "Aubeville" not in resources_section(client, software)


def test_a_signed_in_person_gets_their_own_page_not_the_visitors(client, software, outsider):
    visitors = page(client, software.slug)[1]
    users = visitors.split('id="users-title"')[1].split("</section>")[0]
    assert 'href="/organisations/"' in users and 'href="/my-space/"' not in users
    client.force_login(outsider)
    theirs = page(client, software.slug)[1]
    users = theirs.split('id="users-title"')[1].split("</section>")[0]
    assert 'href="/my-space/"' in users and 'href="/organisations/"' not in users
    assert theirs != visitors
