"""Pooling from end to end: propose a need → endorse → campaign → pledge → commit →
milestone → delivered.

Bruno (administrator of Contamine-sur-Arve) proposes a need for Nextcloud; the curator
accepts it from her space; Carla (of Ayse) endorses it. Bruno starts a campaign, adds a
provider's quote and opens it; both communes pledge half and the campaign is funded; each
commits with its deliberation; Bruno starts the delivery, records a milestone with its
release and delivers: the need is delivered. Each step checks the page, axe-core, and the
server's database.
"""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from communs.e2e import seed
from communs.e2e.server import CURATOR
from communs.e2e.steps import expect_notice, sign_in

NEED_QUERY = "select id, status from mutualisation_need where title = ?"
CAMPAIGN_QUERY = "select id, state from mutualisation_campaign where title = ?"


def signed_in(visitor, name, person):
    persona = visitor(name)
    persona.username, persona.address = person[0], person[1]
    persona.password = person[2] if len(person) > 3 else seed.PASSWORD
    sign_in(persona, persona.username, persona.password, f"{name} signs in")
    return persona


def open_need(persona, title):
    page = persona.page
    page.locator("header").get_by_role("link", name=persona.t("Shared needs")).click()
    page.locator("main input[name=q]").fill(title)
    page.locator("main input[name=q]").press("Enter")
    persona.step("needs found")
    page.locator("main").get_by_role("link", name=title).click()
    persona.step("need page")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_need_is_proposed_endorsed_funded_committed_and_delivered(journey, visitor):
    server = journey.server
    language = journey.language
    title = f"Signature électronique des actes ({language})"
    campaign_title = f"Connecteur parapheur ({language})"
    bruno = signed_in(visitor, "bruno", seed.BRUNO)
    t = bruno.t
    page = bruno.page

    # Bruno proposes a need in his commune's name: it waits for a curator.
    page.locator("header").get_by_role("link", name=t("Shared needs")).click()
    bruno.step("shared needs")
    page.get_by_role("link", name=t("Propose a need")).click()
    bruno.step("propose a need")
    page.locator("main [name=title]").fill(title)
    page.locator("main [name=description]").fill("Envoyer les actes au parapheur en un clic.")
    page.locator("main [name=software]").select_option(label="Nextcloud")
    page.locator("main [name=raised_by]").select_option(label="Contamine-sur-Arve")
    page.get_by_role("button", name=t("Propose")).click()
    bruno.step("need proposed")
    expect_notice(
        bruno, t("Thank you. Your need waits for a curator or a maintainer to accept it.")
    )
    assert server.one(NEED_QUERY, title)["status"] == "proposed"

    # The curator finds it in her space and accepts it.
    curator = visitor("curator")
    sign_in(curator, CURATOR[0], CURATOR[2], "curator signs in")
    curator.page.locator("header").get_by_role(
        "link", name=t("My space (%(name)s)", name=CURATOR[0])
    ).click()
    curator.step("curator's space")
    curator.page.locator("main").get_by_role("link", name=title).click()
    curator.step("proposed need")
    curator.page.get_by_role("button", name=t("Accept")).click()
    curator.step("need accepted")
    expect_notice(curator, t("The need is open."))
    assert server.one(NEED_QUERY, title)["status"] == "open"

    # Carla endorses it for Ayse, with her context.
    carla = signed_in(visitor, "carla", seed.CARLA)
    open_need(carla, title)
    carla.page.locator("main [name=organisation]").select_option(label="Ayse")
    carla.page.locator("main [name=context]").fill("pour nos 4 écoles")
    carla.page.locator("main [name=budget]").fill("8000")
    carla.page.get_by_role("button", name=t("Endorse")).click()
    carla.step("endorsed")
    expect_notice(carla, t("Your organisation endorses this need."))
    expect(carla.page.locator("main")).to_contain_text("pour nos 4 écoles")
    need_id = server.one(NEED_QUERY, title)["id"]
    assert (
        server.one(
            "select count(*) as n from mutualisation_endorsement where need_id = ?", need_id
        )["n"]
        == 1
    )

    # Bruno turns it into a campaign, adds a quote and opens it.
    open_need(bruno, title)
    page.get_by_role("link", name=t("Start a co-funding campaign")).click()
    bruno.step("campaign form")
    deadline = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()
    page.locator("main [name=title]").fill(campaign_title)
    page.locator("main [name=scope]").fill("Développer et publier le connecteur.")
    page.locator("main [name=target]").fill("20000")
    page.locator("main [name=deadline]").fill(deadline)
    page.locator("main [name=vehicle]").select_option("groupement")
    page.locator("main [name=coordinator]").select_option(label="Contamine-sur-Arve")
    page.get_by_role("button", name=t("Create the draft")).click()
    bruno.step("draft campaign")
    expect_notice(bruno, t("The campaign is a draft: add a quote, then open it."))
    page.locator("main [name=provider]").fill("Libriciel")
    page.locator("main [name=amount_excl_vat]").fill("16666.67")
    page.locator("main [name=amount_incl_vat]").fill("20000")
    page.locator("main [name=valid_until]").fill(deadline)
    page.get_by_role("button", name=t("Add the quote")).click()
    bruno.step("quote added")
    expect_notice(bruno, t("The quote is added."))
    page.get_by_role("button", name=t("Open for pledges")).click()
    bruno.step("campaign open")
    assert server.one(CAMPAIGN_QUERY, campaign_title)["state"] == "open"
    campaign_url = page.url

    # Both communes pledge half: the second pledge funds the campaign.
    for persona, commune in ((bruno, "Contamine-sur-Arve"), (carla, "Ayse")):
        persona.page.goto(campaign_url)
        persona.step("campaign page")
        persona.page.locator("main [name=organisation]").select_option(label=commune)
        persona.page.locator("main [name=amount]").fill("10000")
        persona.page.get_by_role("button", name=t("Pledge"), exact=True).click()
        persona.step(f"{commune} pledged")
        expect_notice(persona, t("Your pledge is recorded."))
    assert server.one(CAMPAIGN_QUERY, campaign_title)["state"] == "funded"
    assert server.one(NEED_QUERY, title)["status"] == "funded"

    # Each commits with the reference of its deliberation.
    for persona, commune in ((carla, "Ayse"), (bruno, "Contamine-sur-Arve")):
        persona.page.goto(campaign_url)
        row = persona.page.locator("main tr", has_text=commune)
        row.locator("[name=deliberation]").fill(f"Délibération {commune} n° 2026-12")
        row.get_by_role("button", name=t("Commit")).click()
        persona.step(f"{commune} committed")
        expect_notice(persona, t("The commitment is recorded."))
    states = server.rows(
        "select p.state from mutualisation_pledge p join mutualisation_campaign c"
        " on c.id = p.campaign_id where c.title = ?",
        campaign_title,
    )
    assert [row["state"] for row in states] == ["committed", "committed"]

    # Bruno starts the delivery, records the milestone that shipped, and delivers.
    page.goto(campaign_url)
    page.get_by_role("button", name=t("In delivery")).click()
    bruno.step("in delivery")
    page.locator("main [name=title]").fill("Version 1.0")
    page.locator("main [name=due]").fill(deadline)
    page.locator("main [name=progress]").fill("100")
    page.locator("main [name=status]").select_option("done")
    page.locator("main [name=link]").fill("https://forge.example/parapheur/releases/1.0")
    page.get_by_role("button", name=t("Add the milestone")).click()
    bruno.step("milestone saved")
    expect_notice(bruno, t("The milestone is saved."))
    page.get_by_role("button", name=t("Delivered")).click()
    bruno.step("delivered")
    expect_notice(bruno, t("The campaign's state changed."))
    assert server.one(CAMPAIGN_QUERY, campaign_title)["state"] == "delivered"
    assert server.one(NEED_QUERY, title)["status"] == "delivered"
    open_need(carla, title)
    expect(carla.page.locator("main .meta").first).to_contain_text(t("Delivered"))
