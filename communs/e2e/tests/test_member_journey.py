"""An agent's whole journey: from signing up to sharing what their commune learned.

Ana signs up, confirms her address from the email, finds her commune and asks to join;
its administrator (Bruno) is told, approves from the organisation page, and Ana is told.
She declares Nextcloud, edits the declaration (every field survives), shares an
experience and a difficulty, edits and withdraws them, sees a commune like hers that uses
Nextcloud and writes to its referent (Carla). Last, she asks to join a commune with no
administrator: the curators are told and one approves. Each step checks the page and the
server's database.
"""

from __future__ import annotations

import datetime

from django.core.validators import MinValueValidator
from django.utils import translation
from playwright.sync_api import expect

from communs.e2e import seed
from communs.e2e.server import CURATOR
from communs.e2e.steps import expect_notice, sign_in
from communs.french import with_prepositions

ANA_PASSWORD = "ana-Secret-2026"


def organisation_id(journey, name):
    return journey.server.one(
        "select id from territories_organisation where kind = 'commune' and name = ?", name
    )["id"]


def membership(journey, username, organisation):
    return journey.server.one(
        "select m.status, m.role, decider.username as decided_by"
        " from territories_membership m join auth_user u on u.id = m.user_id"
        " join territories_organisation o on o.id = m.organisation_id"
        " left join auth_user decider on decider.id = m.decided_by_id"
        " where u.username = ? and o.name = ?",
        username,
        organisation,
    )


def find_commune(ana, query, name):
    page = ana.page
    page.locator("header").get_by_role("link", name=ana.t("Organisations"), exact=True).click()
    page.locator("main input[name=q]").fill(query)
    page.locator("main input[name=q]").press("Enter")
    ana.step(f"search {query}")
    page.locator("main").get_by_role("link", name=name, exact=True).click()
    ana.step(f"page of {name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def ask_to_join(ana, journey, name, expected_notice):
    page = ana.page
    page.get_by_role("button", name=ana.t("I work here: ask to join")).click()
    ana.step(f"asked to join {name}")
    expect_notice(ana, expected_notice)
    expect(
        page.get_by_text(ana.t("Your request to join is waiting for a decision."))
    ).to_be_visible()
    assert membership(journey, ana.username, name)["status"] == "requested"


def decide_from_the_page(decider, journey, ana, name, mails_before):
    """The decider follows the link of the email they got and approves on the page."""
    mail = journey.server.mailbox.wait_for(decider.address, mails_before + 1)[-1]
    assert ana.username in mail.subject and name in mail.subject, mail.subject
    page = decider.page
    page.goto(mail.link())
    decider.step("page linked from the email")
    sign_in(decider, decider.username, decider.password, f"{decider.name} signs in")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    section = page.locator(
        "section", has=page.get_by_role("heading", name=ana.t("Requests to join"))
    )
    expect(section).to_contain_text(ana.address)
    section.get_by_role("button", name=ana.t("Approve %(person)s", person=ana.username)).click()
    decider.step(f"approved {ana.username}")
    # The notice names the organisation: a decider may administer several.
    notice = ana.t(
        "%(person)s is now a member of %(organisation)s.", person=ana.username, organisation=name
    )
    expect_notice(decider, with_prepositions(notice, name))
    row = membership(journey, ana.username, name)
    assert (row["status"], row["decided_by"]) == ("approved", decider.username)


def open_my_space(persona):
    name = persona.t("My space (%(name)s)", name=persona.username)
    persona.page.locator("header").get_by_role("link", name=name).click()
    persona.step("my space")


def test_an_agent_joins_declares_shares_and_contacts_a_peer(journey, visitor):
    server = journey.server
    ana = visitor("ana")
    ana.username = f"ana.{journey.language}"
    ana.address = f"ana.{journey.language}@contamine.example"
    t = ana.t
    page = ana.page

    # Sign up: the account waits for its address to be confirmed.
    page.locator("header").get_by_role("link", name=t("Create an account")).click()
    ana.step("sign-up form")
    page.locator("main [name=username]").fill(ana.username)
    page.locator("main [name=email]").fill(ana.address)
    page.locator("main [name=password1]").fill(ANA_PASSWORD)
    page.locator("main [name=password2]").fill(ANA_PASSWORD)
    page.get_by_role("button", name=t("Create the account")).click()
    ana.step("check your email")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your email"))
    expect(page.locator("main")).to_contain_text(ana.address)
    assert server.one("select is_active from auth_user where username = ?", ana.username)[0] == 0

    # Signing in too early says what is missing, not that the password is wrong.
    page.locator("header").get_by_role("link", name=t("Sign in"), exact=True).click()
    page.locator("main [name=username]").fill(ana.username)
    page.locator("main [name=password]").fill(ANA_PASSWORD)
    page.locator("main form.editor").get_by_role("button", name=t("Sign in")).click()
    ana.step("sign in before confirming")
    expect(page.get_by_role("alert")).to_contain_text(
        t("Your address is not confirmed yet: open the link we sent by email to confirm it.")
    )

    # The link of the email confirms the address and signs Ana in.
    (confirmation,) = server.mailbox.wait_for(ana.address, 1)
    page.goto(confirmation.link())
    ana.step("address confirmed")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Your address is confirmed"))
    expect(page.locator("main")).to_contain_text(
        t("You are signed in as %(name)s.", name=ana.username)
    )
    expect(page.locator("header").get_by_role("button", name=t("Sign out"))).to_be_visible()
    assert server.one("select is_active from auth_user where username = ?", ana.username)[0] == 1

    # Signing out, then in again with the email address instead of the username.
    page.locator("header").get_by_role("button", name=t("Sign out")).click()
    ana.step("signed out")
    sign_in(ana, ana.address, ANA_PASSWORD, "signed in with the email address")

    # Find one's commune and ask to join: its administrator is told and approves.
    find_commune(ana, "contamine", "Contamine-sur-Arve")
    expect(page.get_by_text(t("You are not a member of this organisation."))).to_be_visible()
    bruno = visitor("bruno")
    bruno.username, bruno.address, _commune = seed.BRUNO
    bruno.password = seed.PASSWORD
    bruno_mails = len(server.mailbox.to(bruno.address))
    ask_to_join(
        ana,
        journey,
        "Contamine-sur-Arve",
        t("Your request is sent to the administrators of %(name)s.", name="Contamine-sur-Arve"),
    )
    decide_from_the_page(bruno, journey, ana, "Contamine-sur-Arve", bruno_mails)
    approved = server.mailbox.wait_for(ana.address, 2)[-1]
    assert "Contamine-sur-Arve" in approved.subject and bruno.username in approved.body
    page.goto(approved.link())
    ana.step("member of Contamine-sur-Arve")
    expect(
        page.get_by_text(
            t(
                "You are a member of this organisation: "
                "you declare in its name and share its experience."
            )
        )
    ).to_be_visible()

    # Declare a software, with every field filled.
    contamine = organisation_id(journey, "Contamine-sur-Arve")
    page.get_by_label(t("Declare a software")).select_option("nextcloud")
    page.get_by_role("button", name=t("Declare"), exact=True).click()
    ana.step("declaration form")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t(
            "%(organisation)s uses %(software)s",
            organisation="Contamine-sur-Arve",
            software="Nextcloud",
        )
    )
    declared = {
        "status": "production",
        "since": "2021-03-15",
        "version": "28.0.4",
        "modules": "Fichiers, Agenda",
        "users_count": "120",
        "instance_url": "https://cloud.contamine.example/",
        "notes": "Hébergé par le syndicat informatique.",
    }
    form = page.locator("main form.editor")
    form.locator("[name=status]").select_option(declared["status"])
    for name in ("since", "version", "modules", "users_count", "instance_url", "notes"):
        form.locator(f"[name={name}]").fill(declared[name])
    form.locator("[name=instance_public]").check()
    form.locator("[name=referent_contactable]").check()
    # A wrong number is refused by the site, in the site's language, with the input kept
    # (not by the browser, in its own language, before anything is sent).
    form.locator("[name=users_count]").fill("-3")
    form.get_by_role("button", name=t("Save")).click()
    ana.step("declaration refused")
    form = page.locator("main form.editor")
    with translation.override(journey.language):  # Django's own message, in its catalogue
        too_low = str(MinValueValidator.message) % {"limit_value": 0}
    expect(form).to_contain_text(too_low)
    expect(form.locator("[name=users_count]")).to_have_value("-3")
    expect(form.locator("[name=notes]")).to_have_value(declared["notes"])
    form.locator("[name=users_count]").fill(declared["users_count"])
    form.get_by_role("button", name=t("Save")).click()
    ana.step("declaration saved")
    expect_notice(ana, t("The declaration is saved."))
    stack = page.locator("section", has=page.get_by_role("heading", name=t("Software it uses")))
    expect(stack.get_by_role("link", name="Nextcloud", exact=True)).to_be_visible()
    query = (
        "select d.status, d.since, d.version, d.modules, d.users_count, d.instance_url, d.notes,"
        " d.instance_public, d.referent_contactable, u.username as referent"
        " from usage_usagedeclaration d join catalog_software s on s.id = d.software_id"
        " join auth_user u on u.id = d.referent_id"
        " where d.organisation_id = ? and s.slug = 'nextcloud'"
    )
    stored = dict(server.one(query, contamine))
    expected = {
        **declared,
        "users_count": 120,
        "instance_public": 1,
        "referent_contactable": 1,
        "referent": ana.username,
    }
    assert stored == expected

    # Edit it: the form shows every value as saved, and saving again changes only the version.
    stack.get_by_role(
        "link", name=t("Edit the declaration of %(software)s", software="Nextcloud")
    ).click()
    ana.step("declaration edit form")
    form = page.locator("main form.editor")
    expect(form.locator("[name=status]")).to_have_value(declared["status"])
    for name in ("since", "version", "modules", "users_count", "instance_url", "notes"):
        expect(form.locator(f"[name={name}]")).to_have_value(declared[name])
    expect(form.locator("[name=instance_public]")).to_be_checked()
    expect(form.locator("[name=referent_contactable]")).to_be_checked()
    form.locator("[name=version]").fill("29.0.1")
    form.get_by_role("button", name=t("Save")).click()
    ana.step("declaration edited")
    expect_notice(ana, t("The declaration is saved."))
    assert dict(server.one(query, contamine)) == {**expected, "version": "29.0.1"}
    assert datetime.date.fromisoformat(server.one(query, contamine)["since"]) == datetime.date(
        2021, 3, 15
    )

    # Share a success story and a difficulty.
    experiences = [
        {
            "kind": "testimonial",
            "title": f"Nextcloud remplace nos clés USB ({journey.language})",
            "body": "Les **agents** partagent leurs fichiers depuis 2021.",
            "version": "28",
            "workaround": "",
            "upstream_url": "",
            "resolution": "",
        },
        {
            "kind": "difficulty",
            "title": f"Synchronisation lente ({journey.language})",
            "body": "Le client de bureau ralentit au-delà de 10 000 fichiers.",
            "version": "28.0.4",
            "workaround": "Exclure les dossiers d’archives.",
            "upstream_url": "https://github.com/nextcloud/desktop/issues/1",
            "resolution": "worked-around",
        },
    ]
    for experience in experiences:
        stack = page.locator("section", has=page.get_by_role("heading", name=t("Software it uses")))
        if not stack.count():
            page.goto(server.url(f"/organisations/{contamine}/"))
            ana.step("back to the organisation page")
            stack = page.locator(
                "section", has=page.get_by_role("heading", name=t("Software it uses"))
            )
        stack.get_by_role(
            "link", name=t("Share an experience of %(software)s", software="Nextcloud")
        ).click()
        ana.step(f"experience form ({experience['kind']})")
        form = page.locator("main form.editor")
        for name, value in experience.items():
            field = form.locator(f"[name={name}]")
            if name in ("kind", "resolution"):
                if value:
                    field.select_option(value)
            else:
                field.fill(value)
        form.get_by_role("button", name=t("Publish")).click()
        ana.step(f"{experience['kind']} published")
        expect_notice(ana, t("Thank you: your experience is published."))
        expect(page.get_by_role("heading", name=experience["title"], level=2)).to_be_visible()
    shared = server.rows(
        "select e.kind, e.title, e.body, e.version, e.workaround, e.upstream_url, e.resolution"
        " from usage_experience e join auth_user u on u.id = e.author_id"
        " where u.username = ? and e.organisation_id = ? order by e.id",
        ana.username,
        contamine,
    )
    assert [dict(row) for row in shared] == experiences
    expect(page.locator("article.experience strong")).to_have_text("agents")  # Markdown shown

    # Edit the story and withdraw the difficulty, from her space.
    open_my_space(ana)
    story, difficulty = experiences[0]["title"], experiences[1]["title"]
    page.get_by_role("link", name=t("Edit “%(title)s”", title=story)).click()
    ana.step("experience edit form")
    expect(page.locator("main [name=body]")).to_have_value(experiences[0]["body"])
    edited_title = story + " – bilan"
    page.locator("main [name=title]").fill(edited_title)
    page.locator("main form.editor").get_by_role("button", name=t("Save")).click()
    ana.step("experience edited")
    expect_notice(ana, t("Your experience is updated."))
    open_my_space(ana)
    page.get_by_role("link", name=t("Withdraw “%(title)s”", title=difficulty)).click()
    ana.step("withdraw confirmation")
    page.get_by_role("button", name=t("Withdraw it")).click()
    ana.step("difficulty withdrawn")
    expect_notice(ana, t("“%(title)s” is withdrawn.", title=difficulty))
    titles = [
        row["title"]
        for row in server.rows(
            "select title from usage_experience where organisation_id = ? order by id", contamine
        )
    ]
    assert titles == [edited_title]

    # Organisations like hers that use Nextcloud, and a message to one's referent.
    page.goto(server.url("/catalogue/nextcloud/"))
    ana.step("software page with organisations like hers")
    peers = page.locator("section", has=page.get_by_role("heading", name=t("Who uses it")))
    like_yours = peers.locator("h3", has_text=t("Organisations like yours")).locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(like_yours.get_by_role("link", name="Ayse", exact=True)).to_be_visible()
    expect(like_yours).not_to_contain_text("Contamine-sur-Arve")
    ayse_row = peers.locator("li", has=page.get_by_role("link", name="Ayse", exact=True)).first
    ayse_row.get_by_role("link", name=t("contact the referent")).click()
    ana.step("contact form")
    page.locator("main [name=body]").fill(
        "Bonjour, combien d’agents utilisent Nextcloud chez vous ?"
    )
    page.get_by_role("button", name=t("Send")).click()
    ana.step("message sent")
    expect_notice(ana, t("Your message is sent."))
    carla_address = seed.CARLA[1]
    # Carla may also get an alert meanwhile (the site's alerts run on their own clock): the
    # message is the one that answers to Ana.
    server.mailbox.wait_for(carla_address, 1)
    (message,) = [mail for mail in server.mailbox.to(carla_address) if mail.reply_to == ana.address]
    assert ana.username in message.body and "Contamine-sur-Arve" in message.body
    assert "combien d’agents" in message.body and message.reply_to == ana.address
    assert ana.address not in message.to
    sent = server.one(
        "select count(*) from usage_contactmessage c join auth_user u on u.id = c.sender_id"
        " where u.username = ?",
        ana.username,
    )
    assert sent[0] == 1
    open_my_space(ana)
    expect(page.locator("main")).to_contain_text(
        t(
            "to the referent of %(software)s at %(organisation)s",
            software="Nextcloud",
            organisation="Ayse",
        )
    )

    # A commune with no administrator: the curators are told and one approves.
    curator = visitor("curator")
    curator.username, curator.address, curator.password = CURATOR
    curator_mails = len(server.mailbox.to(curator.address))
    find_commune(ana, "marignier", "Marignier")
    ask_to_join(
        ana,
        journey,
        "Marignier",
        t(
            "%(name)s has no administrator on Communs yet: your request is sent to the "
            "curators, who will decide.",
            name="Marignier",
        ),
    )
    decide_from_the_page(curator, journey, ana, "Marignier", curator_mails)
    assert "Marignier" in server.mailbox.wait_for(ana.address, 3)[-1].subject
