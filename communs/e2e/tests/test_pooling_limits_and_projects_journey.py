"""Pledge limits and shared projects, by clicking.

Bruno, administrator of Contamine-sur-Arve, sets its pledge limit; Dora, a plain member,
pledges above it on Ayse's campaign: the pledge waits, Bruno is emailed, finds it in his
space and confirms it. Then Bruno starts a shared project around Nextcloud and Carla (of
Ayse) joins it as a contributor. Each step checks the page, axe-core and the database.
"""

from __future__ import annotations

from playwright.sync_api import expect

from communs.e2e import seed
from communs.e2e.steps import expect_notice, sign_in

DORA = "dora.member"

# What the journey starts from, set up as an operator would (`communs shell`): Dora, a
# plain member of Contamine, and an open campaign of Ayse on a Nextcloud need.
SETUP = """
import datetime
from decimal import Decimal
from django.contrib.auth.models import User
from communs.catalog.models import Software
from communs.mutualisation.models import Campaign, Need, Quote
from communs.territories.models import Membership, Organisation
language = "{language}"
contamine = Organisation.objects.get(kind="commune", name="Contamine-sur-Arve")
ayse = Organisation.objects.get(kind="commune", name="Ayse")
dora = User.objects.create_user(f"dora.member.{{language}}", "dora@contamine.example", "{password}")
Membership.objects.create(organisation=contamine, user=dora, status="approved")
need = Need.objects.create(title=f"Agenda partagé ({{language}})", description="x",
    software=Software.objects.get(slug="nextcloud"), status="open", raised_by=ayse)
later = datetime.date.today() + datetime.timedelta(days=60)
campaign = Campaign.objects.create(need=need, title=f"Agenda ({{language}})", scope="x",
    target=Decimal("20000"), deadline=later, vehicle="convention", coordinator=ayse,
    state="open")
Quote.objects.create(campaign=campaign, provider="Arawa", amount_excl_vat=Decimal("16000"),
    amount_incl_vat=Decimal("19200"), valid_until=later)
print(campaign.pk)
"""


def test_a_pledge_above_the_limit_waits_and_a_shared_project_gathers_communes(journey, visitor):
    server = journey.server
    language = journey.language
    campaign_id = int(
        server.communs(
            "shell", "-c", SETUP.format(language=language, password=seed.PASSWORD)
        ).split()[-1]
    )

    bruno = visitor("bruno")
    bruno.username, bruno.address, _commune = seed.BRUNO
    sign_in(bruno, bruno.username, seed.PASSWORD, "bruno signs in")
    t = bruno.t
    page = bruno.page
    contamine = server.one(
        "select id from territories_organisation where kind = 'commune' and name = ?",
        "Contamine-sur-Arve",
    )["id"]

    # Bruno sets Contamine's pledge limit from its page.
    bruno.goto(f"/organisations/{contamine}/", "Contamine's page")
    page.get_by_role(
        "link", name=t("Pledges, the pledge limit and the pledges awaiting your confirmation")
    ).click()
    bruno.step("Contamine's pledges")
    page.locator("main [name=amount]").fill("5000")
    page.get_by_role("button", name=t("Save the limit")).click()
    bruno.step("limit saved")
    expect_notice(bruno, t("The pledge limit is saved."))
    limit = server.one(
        "select l.amount, u.username from mutualisation_pledgelimit l"
        " join auth_user u on u.id = l.set_by_id where l.organisation_id = ?",
        contamine,
    )
    assert (float(limit["amount"]), limit["username"]) == (5000.0, bruno.username)

    # Dora pledges above it: the pledge waits for Bruno, who is emailed.
    dora = visitor("dora")
    sign_in(dora, f"{DORA}.{language}", seed.PASSWORD, "dora signs in")
    dora.goto(f"/campaigns/{campaign_id}/", "campaign page")
    mails = len(server.mailbox.to(bruno.address))
    dora.page.locator("main [name=organisation]").select_option(label="Contamine-sur-Arve")
    dora.page.locator("main [name=amount]").fill("8000")
    dora.page.get_by_role("button", name=t("Pledge"), exact=True).click()
    dora.step("pledge above the limit")
    expect_notice(dora, t("Your pledge is recorded."))
    expect(dora.page.locator("main")).to_contain_text(
        t("Awaiting the administrator’s confirmation")
    )
    pledge = server.one(
        "select id, state from mutualisation_pledge where campaign_id = ?", campaign_id
    )
    assert pledge["state"] == "awaiting"
    server.mailbox.wait_for(bruno.address, mails + 1)

    # Bruno finds it in his space and confirms it.
    page.locator("header").get_by_role(
        "link", name=t("My space (%(name)s)", name=bruno.username)
    ).click()
    bruno.step("bruno's space")
    page.locator("main").get_by_role("link", name=f"Agenda ({language})", exact=False).click()
    bruno.step("pledges to confirm")
    page.get_by_role("button", name=t("Confirm")).click()
    bruno.step("pledge confirmed")
    expect_notice(bruno, t("The pledge is confirmed."))
    confirmed = server.one(
        "select p.state, u.username from mutualisation_pledge p"
        " join mutualisation_transition tr on tr.pledge_id = p.id"
        " join auth_user u on u.id = tr.by_id"
        " where p.id = ? and tr.target = 'pledged'",
        pledge["id"],
    )
    assert (confirmed["state"], confirmed["username"]) == ("pledged", bruno.username)

    # Bruno starts a shared project; Carla joins it for Ayse as a contributor.
    project = f"Nextcloud des communes ({language})"
    page.locator("header").get_by_role("link", name=t("Shared needs")).click()
    page.get_by_role("link", name=t("Shared projects")).click()
    bruno.step("shared projects")
    page.get_by_role("link", name=t("Start a shared project")).click()
    bruno.step("project form")
    page.locator("main [name=name]").fill(project)
    page.locator("main [name=software]").select_option(label="Nextcloud")
    page.locator("main [name=description]").fill("Des greffons développés ensemble.")
    page.locator("main [name=governance]").fill("Un comité de pilotage par trimestre.")
    page.locator("main [name=organisation]").select_option(label="Contamine-sur-Arve")
    page.get_by_role("button", name=t("Create the project")).click()
    bruno.step("project created")
    expect_notice(bruno, t("The shared project is created; your organisation leads it."))
    expect(page.locator("main")).to_contain_text(f"Agenda ({language})")  # its roadmap

    carla = visitor("carla")
    carla.username, carla.address, _commune = seed.CARLA
    sign_in(carla, carla.username, seed.PASSWORD, "carla signs in")
    carla.page.locator("header").get_by_role("link", name=t("Shared needs")).click()
    carla.page.get_by_role("link", name=t("Shared projects")).click()
    carla.step("shared projects")
    carla.page.locator("main").get_by_role("link", name=project).click()
    carla.step("project page")
    carla.page.locator("main [name=organisation]").select_option(label="Ayse")
    carla.page.locator("main [name=role]").select_option("contributor")
    carla.page.get_by_role("button", name=t("Take part")).click()
    carla.step("joined")
    expect_notice(carla, t("%(name)s takes part as: %(role)s.", name="Ayse", role=t("Contributor")))
    members = server.rows(
        "select o.name, m.role from mutualisation_projectmember m"
        " join mutualisation_sharedproject p on p.id = m.project_id"
        " join territories_organisation o on o.id = m.organisation_id"
        " where p.name = ? order by o.name",
        project,
    )
    assert [tuple(row) for row in members] == [
        ("Ayse", "contributor"),
        ("Contamine-sur-Arve", "leader"),
    ]
