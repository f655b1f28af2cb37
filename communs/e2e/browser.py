"""Walking the site in Debian's Chromium: every page a step visits is checked the same way.

Each step runs axe-core in the page (a serious or critical violation is a finding), looks
at the page 390 px wide (horizontal scrolling is a finding), notes any server error, and
keeps screenshots of both widths as artefacts. Requests that leave the server under test
are aborted: the tests never touch the network.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import trans_real
from playwright.sync_api import BrowserContext, Page, Request, Response, Route, ViewportSize

from communs.e2e.server import CHECKOUT, CommunsServer

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a headless, sandbox-less run as root with nothing phoning home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTEFACTS = CHECKOUT / "var" / "browser-tests"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")


def axe_path() -> Path:
    """axe-core as the Makefile fetched it (its pinned version is read from the Makefile)."""
    makefile = (CHECKOUT / "Makefile").read_text()
    version = re.search(r"^AXE_VERSION := (\S+)$", makefile, re.MULTILINE)
    assert version, "AXE_VERSION is missing from the Makefile"
    return CHECKOUT / "var" / f"axe-core-{version.group(1)}" / "axe.min.js"


# The elements wider than the viewport, to say what makes a page scroll sideways.
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const scrolls = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const culprits = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !scrolls(element)) {
      const parent = element.parentElement;
      if (parent && parent.getBoundingClientRect().right > width + 1) continue;
      culprits.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
        + (element.className && typeof element.className === 'string'
           ? '.' + element.className.trim().split(/\\s+/).join('.') : '')
        + ' (' + Math.round(box.right) + ' px)');
      if (culprits.length >= 5) break;
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, culprits};
}"""


@dataclass
class Journey:
    """What one test walks: its language, its server, its artefacts and what it found."""

    language: str
    server: CommunsServer
    artefacts: Path
    axe_source: str
    findings: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    steps: int = 0

    def t(self, message: str, **values: Any) -> str:
        """A message of the site's catalogue, as this journey's language shows it."""
        with translation.override(self.language):
            text = translation.gettext(message)
        # Some words are the same in both languages ("Organisations"): the catalogue says.
        catalogue = trans_real.translation(self.language)._catalog  # type: ignore[attr-defined]
        if self.language != "en" and message not in catalogue:
            self.findings.append(f"not translated into {self.language}: {message!r}")
        return text % values if values else text

    def persona(self, context: BrowserContext, name: str) -> Persona:
        context.route("**/*", self._only_the_server)
        page = context.new_page()
        page.set_viewport_size(DESKTOP)
        persona = Persona(self, name, page)
        page.on("response", persona._note_server_error)
        return persona

    def _only_the_server(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.server.base_url + "/") or request.url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def report(self) -> str:
        return f"{len(self.findings)} problem(s) found while walking the pages:\n" + "\n".join(
            f"  - {finding}" for finding in self.findings
        )


class Persona:
    """One person in their own browser context (own cookies, own language choice)."""

    def __init__(self, journey: Journey, name: str, page: Page) -> None:
        self.journey = journey
        self.name = name
        self.page = page
        self.t = journey.t
        # Who signs in here, when the journey needs to know.
        self.username = self.address = self.password = ""

    def goto(self, path: str, label: str) -> Page:
        response = self.page.goto(self.journey.server.url(path))
        assert response is not None and response.status < 400, f"{path}: {response}"
        self.step(label)
        return self.page

    def step(self, label: str) -> None:
        """Check the page now shown and keep its screenshots."""
        journey = self.journey
        page = self.page
        page.wait_for_load_state("load")
        journey.steps += 1
        where = f"step {journey.steps} ({self.name}: {label}) {page.url}"
        assert page.locator("html").get_attribute("lang") == journey.language, (
            f"{where}: the page is not in {journey.language}"
        )
        for violation in self._axe():
            journey.findings.append(f"{where}: axe {violation}")
        stem = f"{journey.steps:02d}-{self.name}-{re.sub(r'[^a-z0-9]+', '-', label.lower())}"
        page.screenshot(path=journey.artefacts / f"{stem}.png", full_page=True)
        page.set_viewport_size(PHONE)
        try:
            overflow = page.evaluate(OVERFLOW_SCRIPT)
            page.screenshot(path=journey.artefacts / f"{stem}-390px.png", full_page=True)
        finally:
            page.set_viewport_size(DESKTOP)
        if overflow:
            journey.findings.append(
                f"{where}: scrolls sideways at 390 px (content {overflow['scrollWidth']} px wide;"
                f" widest: {', '.join(overflow['culprits'])})"
            )

    def _axe(self) -> list[str]:
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(self.journey.axe_source)
        results = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        found = []
        for violation in results["violations"]:
            if violation["impact"] not in BLOCKING_IMPACTS:
                continue
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            more = len(violation["nodes"]) - len(targets)
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                + "; ".join(targets)
                + (f" and {more} more" if more > 0 else "")
            )
        return found

    def _note_server_error(self, response: Response) -> None:
        if response.status >= 500:
            self.journey.findings.append(f"{self.name}: {response.status} on {response.url}")


def fresh_artefacts(language: str, test_name: str) -> Path:
    folder = ARTEFACTS / language / re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
