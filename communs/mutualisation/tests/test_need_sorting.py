"""Needs sorted by endorsements or by the population they serve; the category filter grouped."""

import pytest
from django.utils import translation

from communs.catalog.models import Category
from communs.mutualisation.models import Endorsement, Need

pytestmark = pytest.mark.django_db


def titles(client, **params):
    page = client.get("/needs/", params).content.decode()
    found = [title for title in ("Petit", "Grand", "Moyen") if f">{title}</a>" in page]
    return sorted(found, key=lambda title: page.index(f">{title}</a>"))


@pytest.fixture
def needs(world):
    made = {}
    for title in ("Petit", "Grand", "Moyen"):
        made[title] = Need.objects.create(
            title=title, description="x", software=world["software"], status="open"
        )
    # Petit: two small communes' endorsements (12,000 + 14,000 = 26,000 inhabitants).
    Endorsement.objects.create(need=made["Petit"], organisation=world["commune"], context="a")
    Endorsement.objects.create(need=made["Petit"], organisation=world["far"], context="b")
    # Grand: the région alone (3,000,000), Moyen: Cluses alone (18,000).
    world["region"].population = 3_000_000
    world["region"].save()
    Endorsement.objects.create(need=made["Grand"], organisation=world["region"], context="c")
    Endorsement.objects.create(need=made["Moyen"], organisation=world["neighbour"], context="d")
    return made


def test_needs_sort_by_endorsements_or_by_population_served(client, needs):
    assert titles(client, sort="endorsements")[0] == "Petit"
    assert titles(client, sort="endorsements")[1:] == ["Grand", "Moyen"]  # ties: population
    assert titles(client, sort="population") == ["Grand", "Petit", "Moyen"]
    page = client.get("/needs/", {"sort": "population"}).content.decode()
    assert "3\xa0000\xa0000 habitants concernés" in page
    assert "26\xa0000 habitants concernés" in page
    assert '<label for="need-software">Logiciel</label>' in page
    client.cookies["django_language"] = "en"
    english = client.get("/needs/", {"sort": "population"}).content.decode()
    assert "3,000,000 inhabitants served" in english


def test_a_category_filter_join_does_not_count_twice(client, world, needs):
    world["software"].categories.add(*Category.objects.order_by("slug")[:2])
    first = Category.objects.order_by("slug").first()
    page = client.get("/needs/", {"sort": "population", "category": first.slug}).content.decode()
    assert "26\xa0000 habitants concernés" in page and "2 soutiens" in page


def test_the_category_filter_lists_those_with_needs_first_sorted_by_label(client, world, needs):
    used = Category.objects.get(slug="accounting")
    world["software"].categories.add(used)
    page = client.get("/needs/").content.decode()
    select = page[
        page.index('id="need-category"') : page.index("</select>", page.index('id="need-category"'))
    ]
    assert select.index("Avec des besoins partagés") < select.index("Autres catégories")
    assert "Comptabilité (3)" in select
    others = select[select.index("Autres catégories") :]
    with translation.override("fr"):
        labels = [c.label for c in Category.objects.exclude(pk=used.pk)]
    positions = [others.index(f">{label}<") for label in labels if f">{label}<" in others]
    assert len(positions) == len(labels)
    from communs.catalog.search import fold

    expected = sorted(labels, key=fold)
    assert [label for _, label in sorted(zip(positions, labels, strict=True))] == expected


def test_at_national_scale_the_software_filter_lists_those_with_the_most_needs(client, monkeypatch):
    from communs.catalog.tests.factories import SoftwareFactory
    from communs.mutualisation import views

    monkeypatch.setattr(views, "NEED_SOFTWARE_OPTIONS", 2)
    made = {
        name: SoftwareFactory(slug=name.lower(), name=name, status="published")
        for name in ("Alpha", "Bravo", "Charlie")
    }
    for name, count in (("Alpha", 1), ("Bravo", 3), ("Charlie", 2)):
        for number in range(count):
            Need.objects.create(
                title=f"{name} besoin {number}", description="x", software=made[name], status="open"
            )
    page = client.get("/needs/").content.decode()
    listed = page.split('id="need-software"')[1].split("</select>")[0]
    assert 'value="bravo"' in listed and 'value="charlie"' in listed
    assert 'value="alpha"' not in listed
    assert 'id="need-software-hint"' in page and "Les 2 logiciels" in page
    # The one chosen stays listed (and selected) whatever its rank; others are found by name.
    chosen = client.get("/needs/", {"software": "alpha"}).content.decode()
    assert 'value="alpha" selected' in chosen.split('id="need-software"')[1].split("</select>")[0]
    found = client.get("/needs/", {"q": "alph"}).content.decode()
    assert "Alpha besoin 0" in found and "Bravo besoin 0" not in found


def test_the_software_filter_lists_every_software_with_needs_below_the_cap(client, world):
    Need.objects.create(title="Besoin", description="x", software=world["software"], status="open")
    page = client.get("/needs/").content.decode()
    assert f'value="{world["software"].slug}"' in page
    assert 'id="need-software-hint"' not in page
