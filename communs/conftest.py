"""Fixtures shared by every Django app's tests: the personas of the house style."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.utils import translation


@pytest.fixture
def english_messages() -> Iterator[None]:
    """Messages in English, as a visitor who chose English reads them."""
    with translation.override("en"):
        yield


@pytest.fixture
def curator(db: None) -> User:
    """A member of the Communs staff who manages the catalogue."""
    return User.objects.create_superuser("claire.curator", "claire@example.org", "not-a-secret-42")


@pytest.fixture
def outsider(db: None) -> User:
    """A signed-up person with no special right."""
    return User.objects.create_user("oscar.outsider", "oscar@example.org", "not-a-secret-42")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures that tests record (such as agreement with reference suites)."""
    figures = {}
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            figures.update(dict(getattr(report, "user_properties", [])))
    for name, value in sorted(figures.items()):
        terminalreporter.write_line(f"{name.replace('_', ' ')}: {value}")
