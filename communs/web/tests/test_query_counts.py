"""Every main page reads a bounded number of queries, however many rows the database holds.

The world is made by the synthetic data generator (the same as `communs generate`, at a
small scale): a software used by more organisations than its page lists, communes by the
hundred, evaluations with their history. A page that queries once per row (an N+1) or
loads rows it does not show fails here.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.mutualisation.models import Need
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration
from communs.usage.selectors import USERS_SHOWN
from communs.web.synthetic import synthetic_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    synthetic_generate(scale=0.03, seed=11)
    most_used = (
        UsageDeclaration.objects.exclude(status="abandoned")
        .values("software__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert most_used["n"] > USERS_SHOWN  # the page must cap the list
    evaluated = list(
        Evaluation.objects.values_list("software__slug", flat=True)
        .distinct()
        .order_by("software__slug")
    )
    return {"most_used": most_used["software__slug"], "evaluated": evaluated}


@pytest.fixture
def member(world):
    """A person in a commune that uses the most used software: the page shows them peers."""
    user = User.objects.create_user("maud.member", "maud@example.org", "not-a-secret-42")
    commune = (
        Organisation.objects.filter(
            kind="commune", usage_declarations__software__slug=world["most_used"]
        )
        .exclude(latitude=None)
        .first()
    )
    Membership.objects.create(organisation=commune, user=user, status="approved", role="admin")
    return user


def pages(world):
    commune = Organisation.objects.filter(kind="commune").order_by("-population").first()
    a, b = world["evaluated"][:2]
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "catalogue search": "/catalogue/?q=logiciel+carto",
        "software page with many users": f"/catalogue/{world['most_used']}/",
        "all users of a software": f"/catalogue/{world['most_used']}/users/?page=2",
        "organisation list": "/organisations/",
        "organisation search": "/organisations/?q=saint",
        "organisation by INSEE code": f"/organisations/?q={commune.insee_code}",
        "organisation page": f"/organisations/{commune.pk}/",
        "compare": f"/compare/?s={a}&s={b}",
        "needs": "/needs/",
        "needs, filtered, second page": "/needs/?status=open&sort=population&page=2",
        "a need": f"/needs/{Need.objects.visible().first().pk}/",
    }


# Queries per page for a visitor, and for a signed-in member (session, user, memberships).
LIMITS = {
    "home": 10,
    "catalogue": 6,
    "catalogue search": 6,
    "software page with many users": 10,  # with the outcomes and resources sections
    "all users of a software": 3,
    # Computed (the fragments cache is off here): the count, the filters' territories, the page.
    "organisation list": 3,
    "organisation search": 3,
    "organisation by INSEE code": 3,
    "organisation page": 2,  # computed: the organisation, its stack (kept for visitors)
    "compare": 6,
    "needs": 9,  # the count, the page's ids, its needs, and the filters (computed here)
    "needs, filtered, second page": 9,
    "a need": 4,
}
# A signed-in person adds the session, the person, their memberships and organisation, the
# peers, and the rights the evaluation panel checks; the page is then not cached.
SIGNED_IN = 7


@pytest.mark.parametrize("page", list(LIMITS))
def test_a_visitor_reads_each_page_in_a_bounded_number_of_queries(
    client, world, page, django_assert_max_num_queries
):
    url = pages(world)[page]
    with django_assert_max_num_queries(LIMITS[page]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", list(LIMITS))
def test_a_member_reads_each_page_in_a_bounded_number_of_queries(
    client, world, member, page, django_assert_max_num_queries
):
    client.force_login(member)
    url = pages(world)[page]
    with django_assert_max_num_queries(LIMITS[page] + SIGNED_IN):
        response = client.get(url)
    assert response.status_code == 200


def test_the_software_page_lists_its_first_users_and_links_to_all_of_them(client, world):
    slug = world["most_used"]
    software = Software.objects.get(slug=slug)
    in_use = UsageDeclaration.objects.filter(software=software).exclude(status="abandoned")
    html = client.get(f"/catalogue/{slug}/").content.decode()
    users = html.split('id="users-title"')[1].split("</section>")[0]
    first = in_use.order_by("pk").select_related("organisation")[:USERS_SHOWN]
    assert users.count("<li>") >= USERS_SHOWN
    assert all(d.organisation.name in users for d in first[:5])
    assert f"/catalogue/{slug}/users/" in users
    assert f"{in_use.count()}" in users  # "See all N organisations"
    listing = client.get(f"/catalogue/{slug}/users/").content.decode()
    by_name = in_use.order_by("organisation__search_name", "pk").select_related("organisation")
    assert by_name[0].organisation.name in listing
    assert by_name[99].organisation.name in listing
    assert by_name[100].organisation.name not in listing.split("<ul>")[1].split("</ul>")[0] or (
        by_name[100].organisation.name == by_name[99].organisation.name
    )
