"""Fixtures of the browser suite: one Chromium, one Communs server per language.

Every test runs once in French and once in English. With `--dist loadgroup` (as `make test`
runs it), all the French tests go to one worker and all the English ones to another, so
each language starts a single server and a single browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from communs.e2e.browser import CHROMIUM, CHROMIUM_ARGS, Journey, Persona, axe_path, fresh_artefacts
from communs.e2e.server import CommunsServer

LANGUAGES = [
    pytest.param("fr", marks=pytest.mark.xdist_group("browser-fr"), id="fr"),
    pytest.param("en", marks=pytest.mark.xdist_group("browser-en"), id="en"),
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: `make test` installs Debian's chromium package as root"
        )
    if not axe_path().exists():
        pytest.skip(f"{axe_path()} is missing: `make browser-deps` fetches it with npm")
    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile (user data folder).
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, CommunsServer]]:
    """Servers started on first use, one per language, stopped at the end of the session."""
    started: dict[str, CommunsServer] = {}
    yield started
    for server in started.values():
        server.stop()


@pytest.fixture(params=LANGUAGES)
def journey(
    request: pytest.FixtureRequest,
    chromium: Browser,
    servers: dict[str, CommunsServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Journey]:
    language: str = request.param
    if language not in servers:
        server = CommunsServer(Path(tmp_path_factory.mktemp(f"communs-{language}")))
        server.prepare()
        server.start()
        servers[language] = server
    walked = Journey(
        language=language,
        server=servers[language],
        artefacts=fresh_artefacts(language, request.node.originalname),
        axe_source=axe_path().read_text(encoding="utf-8"),
    )
    yield walked
    if walked.findings:
        pytest.fail(walked.report(), pytrace=False)


@pytest.fixture
def visitor(journey: Journey, chromium: Browser) -> Iterator[Callable[[str], Persona]]:
    """Opens a new person's browser, in the journey's language (chosen with the switch)."""
    contexts = []

    def open_browser(name: str) -> Persona:
        context = chromium.new_context()
        contexts.append(context)
        persona = journey.persona(context, name)
        persona.page.goto(journey.server.url("/"))
        if journey.language != "fr":
            persona.page.get_by_role("button", name="English").click()
        persona.step("home")
        return persona

    yield open_browser
    for context in contexts:
        context.close()
