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
    assert "3000000 habitants concernés" in page and "26000 habitants concernés" in page


def test_a_category_filter_join_does_not_count_twice(client, world, needs):
    world["software"].categories.add(*Category.objects.order_by("slug")[:2])
    first = Category.objects.order_by("slug").first()
    page = client.get("/needs/", {"sort": "population", "category": first.slug}).content.decode()
    assert "26000 habitants concernés" in page and "2 soutiens" in page


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
