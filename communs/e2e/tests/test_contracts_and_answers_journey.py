"""A contract that ends soon, and an answer to a difficulty: both reach who they concern.

Bruno, administrator of Contamine-sur-Arve, asks for his alerts as soon as they happen,
declares GLPI and records its contract: first with an end date but no contractor (the
form comes back with the error next to the field, nothing lost), then with Teclib' from
the catalogue's providers. The contract ends in 25 days: the alerts job tells him by email
and the organisation's Atom feed (linked from its page) lists it.

Carla, of Ayse, published a difficulty with Nextcloud. Bruno finds it from Nextcloud's
page, sends an empty answer (refused, with the reason), then answers in Contamine's name.
The alerts job emails Carla, not Bruno; she follows the email's link to the answer. Each
step checks the page (axe) and the database.
"""

from __future__ import annotations

import datetime
import re
import urllib.request

from django.utils import formats, translation
from playwright.sync_api import expect

from communs.e2e import seed
from communs.e2e.steps import expect_notice, sign_in

CONTAMINE = seed.BRUNO[2]


def open_my_organisation(persona, name):
    page = persona.page
    page.locator("header").get_by_role("link", name=persona.t("My space")).click()
    persona.step("my space")
    page.locator("main").get_by_role("link", name=name, exact=True).first.click()
    persona.step(f"page of {name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def alerts_at_once(persona):
    page = persona.page
    page.locator("header").get_by_role("link", name=persona.t("My space")).click()
    persona.step("my space")
    page.get_by_role("link", name=persona.t("My alerts")).click()
    persona.step("my alerts")
    page.get_by_label(persona.t("As soon as it happens")).check()
    page.get_by_role("button", name=persona.t("Save my preferences")).click()
    persona.step("preferences saved")
    expect_notice(persona, persona.t("Your alert preferences are saved."))


def local_date(day, language):
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def test_a_contract_recorded_with_its_end_date_is_alerted_by_email_and_in_the_feed(
    journey, visitor
):
    server, t = journey.server, journey.t
    username, address, commune = seed.BRUNO
    bruno = visitor("bruno")
    sign_in(bruno, username, seed.PASSWORD, "Bruno signs in")
    alerts_at_once(bruno)
    open_my_organisation(bruno, commune)
    page = bruno.page
    declared = server.one(
        "select 1 from usage_usagedeclaration d join catalog_software s on s.id = d.software_id"
        " join territories_organisation o on o.id = d.organisation_id"
        " where s.slug = 'glpi' and o.name = ?",
        commune,
    )
    if declared:  # the other language's run, on its own server, never; a rerun, maybe
        page.get_by_role(
            "link", name=t("Edit the declaration of %(software)s", software="GLPI")
        ).click()
    else:
        page.get_by_label(t("Declare a software")).select_option("glpi")
        page.get_by_role("button", name=t("Declare"), exact=True).click()
    bruno.step("declaration form")
    ends_on = datetime.date.today() + datetime.timedelta(days=25)
    form = page.locator("main form.editor")
    form.locator("[name=status]").select_option("production")
    form.locator("[name=version]").fill("10.0.16")
    form.locator("[name=contract_ends_on]").fill(ends_on.isoformat())
    form.get_by_role("button", name=t("Save")).click()
    bruno.step("contract without a contractor")
    error = t("Say who the contract is with: choose the contractor or write its name.")
    expect(page.locator("#id_contract_ends_on_error")).to_have_text(error)
    expect(form.locator("[name=version]")).to_have_value("10.0.16")
    expect(form.locator("[name=contract_ends_on]")).to_have_value(ends_on.isoformat())
    form.get_by_label(t("Contractor, from the catalogue's providers")).select_option("teclib")
    form.get_by_role("button", name=t("Save")).click()
    bruno.step("contract saved")
    expect_notice(bruno, t("The declaration is saved."))
    day = local_date(ends_on, journey.language)
    expect(page.locator("main")).to_contain_text(
        t("contract with %(contractor)s until %(ends)s", contractor="Teclib'", ends=day)
    )
    stored = server.one(
        "select p.slug, d.contract_ends_on, d.version from usage_usagedeclaration d"
        " join catalog_provider p on p.id = d.contractor_id"
        " join catalog_software s on s.id = d.software_id"
        " join territories_organisation o on o.id = d.organisation_id"
        " where s.slug = 'glpi' and o.name = ?",
        commune,
    )
    assert tuple(stored) == ("teclib", ends_on.isoformat(), "10.0.16")

    before = len(server.mailbox.to(address))
    server.communs("alerts", "run")
    # Bruno chose no language for emails: they come in the site's (French), as the feed
    # does for a reader that asks for none.
    with translation.override("fr"):
        title = translation.gettext(
            "The contract with %(contractor)s for %(software)s ends on %(ends_on)s."
        ) % {"contractor": "Teclib'", "software": "GLPI", "ends_on": local_date(ends_on, "fr")}
    mails = server.mailbox.wait_for(address, before + 1)
    assert [m for m in mails if title in m.subject], [m.subject for m in mails]
    server.communs("alerts", "run")  # again: nothing twice
    assert len([m for m in server.mailbox.to(address) if title in m.subject]) == 1

    feed_link = page.get_by_role("link", name=t("Alerts about this software (Atom feed)"))
    href = feed_link.get_attribute("href")
    assert href
    with urllib.request.urlopen(server.url(href), timeout=10) as response:  # noqa: S310 (loopback)
        feed = response.read().decode()
    assert title in feed.replace("&#x27;", "'").replace("&apos;", "'"), feed[:2000]


DIFFICULTY = (
    "from django.contrib.auth.models import User\n"
    "from communs.alerts.services import preference_save\n"
    "from communs.catalog.models import Software\n"
    "from communs.territories.models import Organisation\n"
    "from communs.usage.models import Experience\n"
    "carla = User.objects.get(username={carla!r})\n"
    "preference_save(user=carla, frequency='immediate')\n"
    "Experience.objects.create(kind='difficulty', title={title!r}, body='Les rappels ne'"
    " ' partent plus.', resolution='open', author=carla,"
    " organisation=Organisation.objects.get(kind='commune', name={commune!r}),"
    " software=Software.objects.get(slug='nextcloud'))\n"
)


def test_an_answer_to_a_difficulty_alerts_the_organisation_that_published_it(journey, visitor):
    server, t = journey.server, journey.t
    carla_name, carla_address, ayse = seed.CARLA
    bruno_name, bruno_address, _commune = seed.BRUNO
    title = f"Rappels d'agenda perdus {journey.language}"
    server.communs("shell", "-c", DIFFICULTY.format(carla=carla_name, title=title, commune=ayse))
    bruno = visitor("bruno")
    sign_in(bruno, bruno_name, seed.PASSWORD, "Bruno signs in")
    page = bruno.page
    bruno.goto("/catalogue/nextcloud/", "Nextcloud's page")
    page.get_by_role("link", name=t("Success stories and difficulties")).click()
    bruno.step("experiences of Nextcloud")
    difficulty = page.locator("main article", has=page.get_by_role("heading", name=title))
    difficulty.get_by_role("link", name=t("No answer yet: answer it")).click()
    bruno.step("the difficulty and its answers")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text(t("No answer yet."))).to_be_visible()
    form = page.locator("main form.editor")
    form.locator("[name=body]").fill("   ")  # blanks only: the browser lets it through
    form.get_by_role("button", name=t("Publish my answer")).click()
    bruno.step("empty answer refused")
    expect(page.locator("#id_body_error")).to_have_text(t("Write your answer."))
    form.get_by_label(t("Answer in the name of")).select_option(label=CONTAMINE)
    body = "Réactivez les tâches de fond (cron) : chez nous, les rappels sont revenus."
    form.locator("[name=body]").fill(body)
    form.get_by_role("button", name=t("Publish my answer")).click()
    bruno.step("answer published")
    expect_notice(
        bruno, t("Thank you: your answer is published; %(name)s will be told.", name=ayse)
    )
    answer = page.locator("main article.answer")
    expect(answer.get_by_role("heading", level=3)).to_have_text(
        t("Answer from %(name)s", name=CONTAMINE)
    )
    expect(answer).to_contain_text("cron")
    row = server.one(
        "select o.name, u.username, a.moderation from usage_answer a"
        " join usage_experience e on e.id = a.experience_id"
        " join territories_organisation o on o.id = a.organisation_id"
        " join auth_user u on u.id = a.author_id where e.title = ?",
        title,
    )
    assert tuple(row) == (CONTAMINE, bruno_name, "published")

    before = len(server.mailbox.to(carla_address))
    server.communs("alerts", "run")
    mails = server.mailbox.wait_for(carla_address, before + 1)
    mail = next(m for m in mails if title in m.subject)
    assert CONTAMINE in mail.subject
    assert not [m for m in server.mailbox.to(bruno_address) if title in m.subject]
    path = re.search(r"/experiences/\d+/#answer-\d+", mail.body)
    assert path, mail.body

    carla = visitor("carla")
    carla.goto(path.group(0), "the answer, from the email")
    expect(carla.page.locator("main article.answer")).to_contain_text("cron")
