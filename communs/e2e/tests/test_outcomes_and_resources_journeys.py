"""A member measures what her commune gained and shares a guide.

Carla (Ayse, which uses Nextcloud) records the yearly licence costs before and after the
move, reads the indicator with its formula, then opens the benchmark of Nextcloud, where
six demo communes alike give the median and quartiles as a chart and a table. She then
shares a user guide as a Markdown file and finds it again in the library by a word of its
content typed without accents; the download is an attachment. Each step checks the page
and the server's database.
"""

from __future__ import annotations

from playwright.sync_api import expect

from communs.e2e.browser import DESKTOP, PHONE
from communs.e2e.seed import CARLA, PASSWORD
from communs.e2e.steps import expect_notice, sign_in


def open_ayse(carla):
    page = carla.page
    page.locator("header").get_by_role("link", name=carla.t("Organisations"), exact=True).click()
    page.locator("main input[name=q]").fill("Ayse")
    page.locator("main input[name=q]").press("Enter")
    carla.step("search Ayse")
    page.locator("main").get_by_role("link", name="Ayse", exact=True).click()
    carla.step("page of Ayse")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayse")


def record(carla, metric, phase, value, start, end, source):
    page = carla.page
    form = page.locator("main form.editor")
    form.locator("[name=metric]").select_option(label=carla.t(metric))
    form.locator("[name=phase]").select_option(label=carla.t(phase))
    form.locator("[name=value]").fill(value)
    form.locator("[name=period_start]").fill(start)
    form.locator("[name=period_end]").fill(end)
    form.locator("[name=source]").fill(source)
    form.get_by_role("button", name=carla.t("Record the figure")).click()
    carla.step(f"recorded {metric} {phase}")
    expect_notice(carla, carla.t("The figure is recorded."))


def phone_shows_the_figures_whole(carla):
    """At 390 px the figures table scrolls within its region, which says so, and its last
    column (the Remove buttons) comes whole into view; words are never cut."""
    page = carla.page
    page.set_viewport_size(PHONE)
    try:
        # The scrolling frame (a region named after the section's heading, inside it).
        region = page.locator("section [role=region][aria-describedby=figures-hint]")
        expect(region).to_have_accessible_name(carla.t("Recorded figures"))
        expect(page.locator("#figures-hint")).to_be_visible()
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        # Cells wrap between words only: no word is split across two lines.
        assert region.locator("th, td").evaluate_all(
            "cells => cells.every(c => getComputedStyle(c).overflowWrap === 'normal')"
        )
        region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        remove = region.get_by_role("button").first
        box, frame = remove.bounding_box(), region.bounding_box()
        assert box and frame and box["x"] >= frame["x"] - 1
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    finally:
        page.set_viewport_size(DESKTOP)


def test_a_member_records_outcomes_and_sees_the_benchmark(journey, visitor):
    carla = visitor("carla")
    page = sign_in(carla, CARLA[0], PASSWORD)
    open_ayse(carla)
    page.get_by_role("link", name=carla.t("Outcomes of %(software)s", software="Nextcloud")).click()
    carla.step("outcomes of Nextcloud at Ayse")
    expect(page.locator("#indicator-cost_change")).to_contain_text(carla.t("missing"))

    licences = "Licences, per year (€)"
    record(carla, licences, "Before the move", "20000", "2022-01-01", "2022-12-31", "Budget 2022")
    record(carla, licences, "After the move", "5000", "2024-01-01", "2024-12-31", "Budget 2024")
    row = page.locator("#indicator-cost_change")
    expect(row).to_contain_text("-75,0 %" if journey.language == "fr" else "-75.0 %")
    expect(row).to_contain_text(carla.t("Change in yearly costs"))
    expect(page.locator("#indicator-payback_years")).to_contain_text(
        carla.t("No one-off cost of the move is recorded.")
    )
    phone_shows_the_figures_whole(carla)
    stored = journey.server.rows(
        "select m.metric, m.phase, m.value from outcomes_measurement m"
        " join usage_usagedeclaration d on d.id = m.declaration_id"
        " join territories_organisation o on o.id = d.organisation_id"
        " where o.name = 'Ayse' order by m.phase desc"
    )
    assert [tuple(r) for r in stored] == [
        ("cost_licences", "before", 20000),
        ("cost_licences", "after", 5000),
    ]

    page.get_by_role(
        "link", name=carla.t("Benchmark of %(software)s", software="Nextcloud")
    ).click()
    carla.step("benchmark of Nextcloud")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        carla.t("Outcomes with %(subject)s", subject="Nextcloud")
    )
    expect(page.get_by_role("img", name=carla.t("Change in yearly costs"))).to_be_visible()
    table = page.locator("table.benchmark-table")
    cost = table.get_by_role("row").filter(has_text=carla.t("Change in yearly costs"))
    # Six demo communes of 10,000 to 49,999 inhabitants; Ayse (2,376) is in another band.
    expect(cost).to_contain_text("6")
    expect(cost).to_contain_text("-53,6 %" if journey.language == "fr" else "-53.6 %")

    open_ayse(carla)
    dashboard = page.locator("section", has=page.locator("#dashboard-title"))
    expect(dashboard).to_contain_text(carla.t("not enough organisations alike yet"))


def test_a_member_shares_a_guide_and_finds_it_by_a_word_of_its_content(journey, visitor):
    carla = visitor("carla")
    page = sign_in(carla, CARLA[0], PASSWORD)
    open_ayse(carla)
    page.locator("main").get_by_role("link", name="Nextcloud", exact=True).first.click()
    carla.step("page of Nextcloud")
    page.get_by_role("link", name=carla.t("Share a resource"), exact=True).click()
    carla.step("share form")

    form = page.locator("main form.editor")
    form.locator("[name=kind]").select_option(label=carla.t("User guide"))
    title = f"Guide des agents ({journey.language})"
    form.locator("[name=title]").fill(title)
    form.locator("[name=upload]").set_input_files(
        files=[
            {
                "name": "../guide-agents.md",
                "mimeType": "text/markdown",
                "buffer": "# Guide\n\nSynchronisation des agendas partagés.".encode(),
            }
        ]
    )
    form.locator("[name=licence]").fill("CC-BY-4.0")
    form.locator("[name=author_organisation]").select_option(label="Ayse")
    form.locator("[name=published_on]").fill("2025-03-01")
    form.locator("[name=language]").select_option(label=carla.t("French"))
    form.get_by_role("button", name=carla.t("Share"), exact=True).click()
    carla.step("resource shared")
    expect_notice(carla, carla.t("Thank you: the resource is in the library."))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    stored = journey.server.one(
        "select original_name, content_type, text from resources_resource where title = ?", title
    )
    assert (stored["original_name"], stored["content_type"]) == ("guide-agents.md", "text/markdown")
    assert "agendas partagés" in stored["text"]

    page.locator("header").get_by_role("link", name=carla.t("Resources"), exact=True).click()
    carla.step("library")
    page.locator("main input[name=q]").fill("agendas partages")
    page.locator("main form[role=search]").get_by_role("button").click()
    carla.step("library searched")
    found = page.locator("main").get_by_role("link", name=title, exact=True)
    expect(found).to_have_count(1)
    found.click()
    carla.step("resource page")
    link = page.locator("main a[download]")
    expect(link).to_contain_text("guide-agents.md")
    response = page.request.get(journey.server.url(link.get_attribute("href") or ""))
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
