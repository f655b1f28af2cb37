"""A visitor pages through the shared needs: numbered pages that keep the filters and sort."""

from __future__ import annotations

from playwright.sync_api import expect

# More open needs than a page holds, written as an operator would (each save renews the
# cached list, as a need proposed on the site does).
MANY_NEEDS = """
from communs.catalog.models import Software
from communs.mutualisation.models import Need
software = Software.objects.get(slug="nextcloud")
for i in range(35):
    Need.objects.create(
        title=f"Besoin à paginer {i:02d}",
        description="Un besoin parmi beaucoup.",
        software=software,
        status="open",
    )
"""


def test_a_visitor_pages_through_the_needs_keeping_the_filters(journey, visitor):
    server = journey.server
    if not server.one("select 1 from mutualisation_need where title like 'Besoin à paginer%'"):
        server.communs("shell", "-c", MANY_NEEDS)
    anyone = visitor("needs-reader")
    page, t = anyone.page, anyone.t

    page.locator("header").get_by_role("link", name=t("Shared needs")).click()
    anyone.step("shared needs")
    page.locator("main [name=status]").select_option("open")
    page.locator("main [name=sort]").select_option("endorsements")
    page.locator("main").get_by_role("button", name=t("Apply")).click()
    anyone.step("open needs, most endorsed")
    open_needs = server.one(
        "select count(*) from mutualisation_need where status = 'open' and merged_into_id is null"
    )[0]
    assert open_needs > 30
    counted = page.locator("main h2[aria-live]")
    expect(counted).to_contain_text(str(open_needs))
    expect(counted).to_contain_text(t("page %(number)s of %(pages)s", number=1, pages=2))
    first_page = page.locator("main ul.cards h3 a").all_inner_texts()
    assert len(first_page) == 30

    pages = page.get_by_role("navigation", name=t("Pages"))
    pages.get_by_role("link", name=t("Next page")).click()
    anyone.step("second page")
    assert "status=open" in page.url and "sort=endorsements" in page.url
    assert "page=2" in page.url
    expect(pages.locator('[aria-current="page"]')).to_have_text(f"{t('Page')} 2")
    expect(page.locator("main [name=status]")).to_have_value("open")
    expect(page.locator("main [name=sort]")).to_have_value("endorsements")
    second_page = page.locator("main ul.cards h3 a").all_inner_texts()
    assert len(second_page) == open_needs - 30
    assert not set(first_page) & set(second_page)

    # By keyboard, as a person who does not use a mouse goes back to the first page.
    pages.get_by_role("link", name=f"{t('Page')} 1").press("Enter")
    anyone.step("back to the first page")
    assert "status=open" in page.url and "page=1" in page.url
    assert page.locator("main ul.cards h3 a").all_inner_texts() == first_page
