"""Fixtures shared by every Django app's tests: the personas of the house style."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import translation


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def fresh_fragments(settings: Any) -> None:
    """Tests see pages computed, never a fragment kept by an earlier request or test (rows
    reuse ids between tests); the tests of the cache itself turn it on (web/tests)."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture
def fragments_kept(settings: Any) -> None:
    """The fragments cache on, in this test's own memory: for the tests of the cache."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Tests sign in and up many times: a deliberately slow hash would only slow them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def resources_outside_the_checkout(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Documents that tests upload (or the demo loads) go to a temporary folder."""
    settings.RESOURCES_ROOT = tmp_path_factory.mktemp("resources")


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
