"""An administrator's API token, and a member's alerts.

Bruno, administrator of Contamine-sur-Arve, goes from his organisation's page to its API
tokens, creates one that may write usage declarations, declares a software through the
API with it, then revokes it: the API refuses it from then on. Carla, of Ayse (which
declared Nextcloud), asks for her alerts as soon as they happen; a shared need about
Nextcloud is accepted, the alerts job runs, she gets an email and stops the alerts with
its one-click link, without signing in. Each step checks the page and the database.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

from playwright.sync_api import expect

from communs.e2e import seed
from communs.e2e.steps import expect_notice, sign_in


def write_declaration(server, token, software):
    request = urllib.request.Request(  # noqa: S310 (the test server on loopback)
        server.url("/api/v1/declarations"),
        data=json.dumps({"software": software, "status": "evaluating"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def open_my_organisation(persona, name):
    page = persona.page
    page.locator("header").get_by_role("link", name=persona.t("My space")).click()
    persona.step("my space")
    page.locator("main").get_by_role("link", name=name, exact=True).first.click()
    persona.step(f"page of {name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_an_administrator_creates_a_token_writes_with_it_and_revokes_it(journey, visitor):
    server, t = journey.server, journey.t
    username, _address, commune = seed.BRUNO
    bruno = visitor("bruno")
    sign_in(bruno, username, seed.PASSWORD, "Bruno signs in")
    open_my_organisation(bruno, commune)
    page = bruno.page
    page.get_by_role("link", name=t("Manage the API tokens")).click()
    bruno.step("API tokens")
    expect(page.get_by_role("heading", level=1)).to_contain_text(commune)
    name = f"Portail SIG {journey.language}"
    page.get_by_label(t("Name")).fill(name)
    page.get_by_label(t("Usage declarations")).check()
    page.get_by_role("button", name=t("Create the token")).click()
    bruno.step("token created")
    token = page.get_by_label(t("Your token")).input_value()
    assert re.fullmatch(r"cmn_[-\w]{40,}", token), token
    row = server.one(
        "select t.digest, t.scopes, t.revoked_at from api_apitoken t"
        " join territories_organisation o on o.id = t.organisation_id"
        " where t.name = ? and o.name = ?",
        name,
        commune,
    )
    assert row is not None and token not in row["digest"] and row["revoked_at"] is None
    assert json.loads(row["scopes"]) == ["declarations"]

    status, body = write_declaration(server, token, "qgis")
    assert status in (200, 201), body
    assert body["software"] == "qgis" and body["status"] == "evaluating"
    status, body = write_declaration(server, token, "no-such-software")
    assert status == 400 and set(body["error"]["fields"]) == {"software"}

    page.get_by_role("button", name=t("Revoke “%(name)s”", name=name)).click()
    bruno.step("token revoked")
    expect_notice(bruno, t("The token “%(name)s” is revoked: it no longer works.", name=name))
    assert server.one("select revoked_at from api_apitoken where name = ?", name)["revoked_at"]
    status, body = write_declaration(server, token, "qgis")
    assert status == 401 and body["error"]["code"] == "unauthorized"


NEED = (
    "from communs.catalog.models import Software\n"
    "from communs.mutualisation.models import Need\n"
    "Need.objects.create(title={title!r}, description='Pour nos écoles.',"
    " software=Software.objects.get(slug='nextcloud'), status='open')\n"
)


def test_a_member_chooses_her_alerts_gets_one_and_unsubscribes_in_one_click(journey, visitor):
    server, t = journey.server, journey.t
    username, address, _commune = seed.CARLA
    carla = visitor("carla")
    sign_in(carla, username, seed.PASSWORD, "Carla signs in")
    page = carla.page
    page.locator("header").get_by_role("link", name=t("My space")).click()
    carla.step("my space")
    page.get_by_role("link", name=t("My alerts")).click()
    carla.step("my alerts")
    page.get_by_label(t("As soon as it happens")).check()
    page.get_by_role("button", name=t("Save my preferences")).click()
    carla.step("preferences saved")
    expect_notice(carla, t("Your alert preferences are saved."))
    preference = (
        "select p.frequency from alerts_alertpreference p"
        " join auth_user u on u.id = p.user_id where u.username = ?"
    )
    assert server.one(preference, username)["frequency"] == "immediate"

    title = f"Agenda partagé {journey.language}"
    before = len(server.mailbox.to(address))
    server.communs("shell", "-c", NEED.format(title=title))
    server.communs("alerts", "run")
    mails = server.mailbox.wait_for(address, before + 1)
    mail = next(m for m in mails if title in m.subject)
    path = re.search(r"/alerts/unsubscribe/\S+/", mail.body)
    assert path, mail.body
    server.communs("alerts", "run")  # run again: nothing is sent twice
    assert len([m for m in server.mailbox.to(address) if title in m.subject]) == 1

    page.locator("header").get_by_role("button", name=t("Sign out")).click()
    carla.step("signed out")
    carla.goto(path.group(0), "unsubscribe link")
    page.get_by_role("button", name=t("Stop the alert emails")).click()
    carla.step("unsubscribed")
    expect(page.get_by_role("status")).to_contain_text(
        t("Done: you will receive no more alert emails. You may turn them on again in your space.")
    )
    assert server.one(preference, username)["frequency"] == "none"
