"""Contact limits hold per sender, per referent and per address, and under concurrency."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection

from communs.accounts.throttling import CONTACT_LIMITS
from communs.usage.models import ContactMessage
from communs.usage.services import CONTACTS_PER_DAY, CONTACTS_PER_RECIPIENT_PER_DAY
from communs.usage.tests.test_experiences_and_contact import declared  # noqa: F401
from communs.usage.tests.test_usage import world  # noqa: F401

REPOSITORY = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_three_accounts_cannot_deliver_more_than_the_daily_limit_to_one_referent(
    client,
    declared,  # noqa: F811
):
    client.cookies["django_language"] = "en"
    url = f"/declarations/{declared['declaration'].pk}/contact/"
    senders = [User.objects.create_user(f"sender{n}", f"s{n}@example.org") for n in range(3)]
    answers = []
    for sender in senders:
        client.force_login(sender)
        for _ in range(CONTACTS_PER_DAY):
            answers.append(
                client.post(url, {"body": "Bonjour"}, REMOTE_ADDR=f"192.0.2.{sender.pk}")
            )
    assert [a.status_code for a in answers].count(302) == CONTACTS_PER_RECIPIENT_PER_DAY
    refused = answers[-1]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "This referent has received" in refused.content.decode()
    assert ContactMessage.objects.count() == CONTACTS_PER_RECIPIENT_PER_DAY
    assert len(mail.outbox) == CONTACTS_PER_RECIPIENT_PER_DAY


@pytest.mark.django_db
def test_many_accounts_from_one_address_are_limited(client, declared):  # noqa: F811
    allowed = int(CONTACT_LIMITS[0].rate.split("/")[0])
    for number in range(allowed):
        client.force_login(User.objects.create_user(f"bot{number}", f"b{number}@example.org"))
        client.get("/")  # a page view does not count
        client.post("/declarations/0/contact/", {"body": "Spam"})
    client.force_login(User.objects.create_user("one-more", "one@example.org"))
    response = client.post(f"/declarations/{declared['declaration'].pk}/contact/", {"body": "x"})
    assert response.status_code == 429 and "Retry-After" in response
    assert not ContactMessage.objects.exists() and not mail.outbox


def race(database_url: str, data_dir: Path, migrate: bool) -> dict[str, Any]:
    """Many simultaneous sends, each thread on its own database connection."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "COMMUNS_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "communs.settings",
    }
    command = [sys.executable, "-m", "communs.usage.tests.contact_race"]
    result = subprocess.run(
        command + (["--migrate"] if migrate else []),
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return outcome


def assert_limits_held(outcome: dict[str, Any]) -> None:
    # One sender, many referents: only the sender's limit applies.
    assert outcome["one_sender"] == {"sent": CONTACTS_PER_DAY, "limited": 12 - CONTACTS_PER_DAY}
    # Three senders, one referent: only the referent's limit applies.
    assert outcome["one_referent"] == {
        "sent": CONTACTS_PER_RECIPIENT_PER_DAY,
        "limited": 12 - CONTACTS_PER_RECIPIENT_PER_DAY,
    }
    assert outcome["stored"] == CONTACTS_PER_DAY + CONTACTS_PER_RECIPIENT_PER_DAY
    assert outcome["mailed"] == outcome["stored"]


def test_simultaneous_messages_never_pass_the_limits_on_sqlite(tmp_path):
    database = tmp_path / "race.sqlite3"
    assert_limits_held(race(f"sqlite:///{database}", tmp_path, migrate=True))


@pytest.mark.scale
@pytest.mark.django_db(transaction=True)
def test_simultaneous_messages_never_pass_the_limits_on_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL: run with DATABASE_URL=postgres://…")
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or 'localhost'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    assert_limits_held(race(url, tmp_path, migrate=False))
