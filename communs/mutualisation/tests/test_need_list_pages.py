"""The needs page lists 30 needs a page, with numbered pages that keep the filters and sort."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from communs.mutualisation import views
from communs.mutualisation.models import Need
from communs.mutualisation.services import campaign_transition
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world):
    """35 open needs (the newest is number 34) and 5 delivered ones."""
    now = timezone.now()
    made = []
    for i in range(40):
        need = Need.objects.create(
            title=f"Besoin {i:02d}",
            description="x",
            software=world["software"],
            status="delivered" if i % 8 == 7 else "open",
        )
        Need.objects.filter(pk=need.pk).update(created_at=now - timedelta(minutes=40 - i))
        made.append(need)
    return made


def titles(html):
    return [part.split("</a>")[0] for part in html.split('<h3><a href="/needs/')[1:]]


def english(client, **params):
    client.cookies["django_language"] = "en"
    return client.get("/needs/", params).content.decode()


def test_the_first_page_lists_the_newest_30_and_links_to_the_next(client, many):
    html = english(client)
    shown = [title.split(">")[-1] for title in titles(html)]
    assert len(shown) == views.NEEDS_PAGE_SIZE
    assert shown[0] == "Besoin 39" and shown[-1] == "Besoin 10"
    assert "40 needs" in html and "page 1 of 2" in html
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert 'href="?page=2"' in html and 'rel="next"' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in html


def test_the_second_page_lists_the_rest(client, many):
    html = english(client, page="2")
    shown = [title.split(">")[-1] for title in titles(html)]
    assert shown == [f"Besoin {i:02d}" for i in range(9, -1, -1)]
    assert 'rel="prev"' in html and 'href="?page=1"' in html


def test_pages_keep_the_filters_and_the_sort(client, many, monkeypatch):
    monkeypatch.setattr(views, "NEEDS_PAGE_SIZE", 2)
    html = english(client, status="open", sort="endorsements", page="3", utm="x")
    assert "35 needs" in html and "page 3 of 18" in html
    # Known parameters only, in a fixed order: the page's address never carries noise.
    assert 'href="?status=open&amp;sort=endorsements&amp;page=4"' in html
    assert 'href="?status=open&amp;sort=endorsements&amp;page=2"' in html
    assert "utm" not in html.split('class="pagination"')[1]


def test_a_page_out_of_range_shows_the_last_one(client, many):
    html = english(client, page="99")
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</a>' in html
    assert english(client, page="nonsense").count("<h3>") == views.NEEDS_PAGE_SIZE


def test_a_need_in_two_matching_categories_is_listed_once(client, world, need):
    from communs.catalog.models import Category

    category = Category.objects.first()
    need.category = category
    need.save()
    world["software"].categories.add(category)
    html = english(client, category=category.slug)
    assert html.count(f">{need.title}</a>") == 1
    assert "1 need" in html


def test_a_campaign_that_moves_on_changes_its_needs_status_in_the_cached_list(
    client, fragments_kept, world, need
):
    campaign = make_campaign(world, need, state="funded")
    with translation.override("en"):
        in_progress = str(Need.Status("in-progress").label)
    listed = lambda: english(client).split('<ul class="cards">')[1]  # noqa: E731
    assert in_progress not in listed()
    # The need's status is written by an update, which sends no post_save.
    campaign_transition(campaign=campaign, target="in-delivery", by=world["agent"], page_url="/")
    assert in_progress in listed()
