"""What anyone can do without an account: find, read, compare, understand the method."""

from __future__ import annotations

from playwright.sync_api import expect


def test_a_visitor_finds_a_software_compares_it_and_reads_the_method(journey, visitor):
    anyone = visitor("visitor")  # opens the home page, checked as every page is
    page = anyone.page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        anyone.t("Open-source software for local governments, chosen together")
    )

    page.get_by_label(anyone.t("Search the catalogue")).fill("etherpad")
    page.get_by_role("search").get_by_role("button").click()
    anyone.step("search results")
    assert "q=etherpad" in page.url
    results = page.locator("main").get_by_role("link", name="Etherpad", exact=True)
    expect(results).to_have_count(1)

    results.click()
    anyone.step("software page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Etherpad")
    expect(page.get_by_role("heading", name=anyone.t("Evaluation"), exact=True)).to_be_visible()
    row = journey.server.one(
        "select count(*) from evaluations_evaluation e join catalog_software s"
        " on s.id = e.software_id where s.slug = 'etherpad'"
    )
    assert row[0] >= 1  # the page shows an evaluation the database holds
    # The demo keeps no maintenance contact: the page says why it has no publiccode.yml
    # and leads to the editor.
    links = page.locator("aside ul.links")
    expect(links).to_contain_text(anyone.t("No publiccode.yml of this entry yet; it lacks:"))
    links.get_by_role("link", name=anyone.t("Write a publiccode.yml with the editor")).click()
    anyone.step("publiccode.yml editor")
    assert page.url.endswith("/publiccode/editor/")
    page.go_back()

    page.locator("header").get_by_role("link", name=anyone.t("Compare"), exact=True).click()
    anyone.step("compare picker")
    page.get_by_label("Etherpad", exact=True).check()
    page.get_by_label("HedgeDoc", exact=True).check()
    page.locator("main").get_by_role("button", name=anyone.t("Compare")).click()
    anyone.step("comparison")
    table = page.locator("table.compare-table")
    expect(table.get_by_role("columnheader", name="Etherpad")).to_be_visible()
    expect(table.get_by_role("columnheader", name="HedgeDoc")).to_be_visible()
    expect(table.get_by_role("rowheader", name=anyone.t("Licence"), exact=True)).to_be_visible()

    page.get_by_role("link", name=anyone.t("Methodology"), exact=True).click()
    anyone.step("methodology")
    expect(page.get_by_role("heading", level=1)).to_have_text(anyone.t("How software is evaluated"))


def test_the_main_pages_are_kept_as_screenshots_at_both_widths(journey, visitor):
    """Home, catalogue, a software, an organisation and the methodology, 1280 and 390 px wide.

    Every step keeps its two screenshots in var/browser-tests/; this walk makes sure that
    the five pages a newcomer sees first are among them, under names that say which.
    """
    anyone = visitor("screens")  # the home page
    page = anyone.page
    header = page.locator("header")
    header.get_by_role("link", name=anyone.t("Catalogue"), exact=True).click()
    anyone.step("catalogue")
    page.locator("main").get_by_role("link", name="Etherpad", exact=True).first.click()
    anyone.step("software")
    header.get_by_role("link", name=anyone.t("Organisations"), exact=True).click()
    anyone.step("organisations")
    page.locator("main ul.cards li.card h3 a").first.click()
    anyone.step("organisation")
    expect(page.get_by_role("heading", name=anyone.t("You and this organisation"))).to_be_visible()
    page.get_by_role("link", name=anyone.t("Methodology"), exact=True).click()
    anyone.step("methodology")
    stems = sorted(path.name for path in journey.artefacts.glob("*.png"))
    for page_name in ("home", "catalogue", "software", "organisation", "methodology"):
        shots = [stem for stem in stems if f"-screens-{page_name}" in stem]
        assert any(stem.endswith("-390px.png") for stem in shots), (page_name, stems)
        assert any(not stem.endswith("-390px.png") for stem in shots), (page_name, stems)


def test_the_language_switch_changes_the_language_and_is_remembered(journey, chromium):
    context = chromium.new_context()
    try:
        person = journey.persona(context, "switcher")
        page = person.page
        page.goto(journey.server.url("/catalogue/"))
        other = "en" if journey.language == "fr" else "fr"
        if journey.language == "en":  # come from French, as every visitor does
            expect(page.locator("html")).to_have_attribute("lang", "fr")
            page.get_by_role("button", name="English").click()
            person.step("catalogue in English")
            expect(page.get_by_role("button", name="Français")).to_be_visible()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Catalogue")
        else:  # go to English and back
            page.get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", other)
            page.get_by_role("button", name="Français").click()
            person.step("catalogue back in French")
        assert page.url.endswith("/catalogue/")  # the switch stays on the same page
        page.goto(journey.server.url("/methodology/"))  # the choice is remembered
        person.step("next page in the same language")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "How software is evaluated"
            if journey.language == "en"
            else "Comment les logiciels sont évalués"
        )
    finally:
        context.close()


def test_a_visitor_reads_every_organisation_that_uses_a_software(journey, visitor):
    anyone = visitor("visitor")
    page = anyone.page
    page.get_by_label(anyone.t("Search the catalogue")).fill("nextcloud")
    page.get_by_role("search").get_by_role("button").click()
    anyone.step("search results")
    page.locator("main").get_by_role("link", name="Nextcloud", exact=True).first.click()
    anyone.step("software page")
    page.get_by_role("link", name=anyone.t("All organisations that use it, by name")).click()
    anyone.step("all users")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nextcloud")
    expect(page.locator("main").get_by_role("link", name="Ayse", exact=True)).to_be_visible()
    count = journey.server.one(
        "select count(*) from usage_usagedeclaration d join catalog_software s"
        " on s.id = d.software_id where s.slug = 'nextcloud' and d.status != 'abandoned'"
    )
    expect(page.locator("main ul li")).to_have_count(count[0])


def test_a_visitor_reads_a_checks_evidence_in_their_language(journey, visitor):
    anyone = visitor("reader")
    page = anyone.page
    page.get_by_label(anyone.t("Search the catalogue")).fill("grist")
    page.get_by_role("search").get_by_role("button").click()
    page.locator("main").get_by_role("link", name="Grist", exact=True).click()
    anyone.step("software page")
    publiccode = page.locator("#check-integration\\.publiccode")
    publiccode.get_by_text(anyone.t("Evidence"), exact=True).click()
    anyone.step("publiccode.yml evidence open")
    # The validator's warning, stored in English, is said in the reader's language.
    expect(publiccode.locator("dl.evidence")).to_contain_text(
        anyone.t(
            "Lowercase country codes are deprecated: write “%(replacement)s”.", replacement="IT"
        )
    )
    workflows = page.locator("#check-security\\.dangerous_workflows")
    workflows.get_by_text(anyone.t("Evidence"), exact=True).click()
    expect(workflows.locator("dl.evidence")).to_contain_text(anyone.t("script injection"))
    expect(workflows.locator("dl.evidence")).not_to_contain_text('{"')  # no raw JSON


def test_a_visitor_finds_the_open_data_and_the_api_from_any_page(journey, visitor):
    anyone = visitor("visitor")
    page = anyone.page
    page.locator("footer").get_by_role("link", name=anyone.t("Open data and API")).click()
    anyone.step("open data")
    api = page.locator("main").get_by_role("link", name="/api/v1/", exact=True)
    expect(api).to_have_count(1)
    # The API answers in JSON (no page to check): where to start, as the README says.
    answer = page.request.get(journey.server.url(api.get_attribute("href")))
    assert answer.status == 200
    assert answer.json()["documentation"] == "/api/v1/docs"
