"""Steps several journeys share: signing in, reading the notices a page shows."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from communs.e2e.browser import Persona


def notices(page: Page) -> str:
    """The messages the page shows after an action (joined, so a test reads them at once)."""
    return " ".join(page.locator("main .notices li").all_inner_texts())


def expect_notice(persona: Persona, text: str) -> None:
    expect(persona.page.locator("main .notices")).to_contain_text(text)


def sign_in(persona: Persona, username: str, password: str, label: str = "signed in") -> Page:
    """Sign in from the header's link, and come back to the page it was opened from."""
    page = persona.page
    page.locator("header").get_by_role("link", name=persona.t("Sign in"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(persona.t("Sign in"))
    persona.step("sign-in form")
    page.locator("main [name=username]").fill(username)
    page.locator("main [name=password]").fill(password)
    page.locator("main form.editor").get_by_role("button", name=persona.t("Sign in")).click()
    persona.step(label)
    expect(page.locator("header").get_by_role("button", name=persona.t("Sign out"))).to_be_visible()
    return page
