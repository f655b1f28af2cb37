"""Sends many contact messages at once; run by test_contact_limits in its own process.

Each thread uses its own database connection, as concurrent web requests do; all start
together behind a barrier. Prints one JSON line: what each scenario gave and what was stored.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import Counter
from typing import Any

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from communs.catalog.models import Software  # noqa: E402
from communs.territories.models import Organisation  # noqa: E402
from communs.territories.services import NotAllowed  # noqa: E402
from communs.usage.models import ContactMessage, UsageDeclaration  # noqa: E402
from communs.usage.services import contact_referent  # noqa: E402

THREADS = 12


def declaration_for(referent: User, number: int) -> UsageDeclaration:
    organisation = Organisation.objects.create(kind="association", name=f"Association {number}")
    software, _created = Software.objects.get_or_create(
        slug="race", defaults={"name": "Race", "status": "published", "licence": "MIT"}
    )
    return UsageDeclaration.objects.create(
        organisation=organisation,
        software=software,
        status="production",
        referent=referent,
        referent_contactable=True,
    )


def send_all(sends: list[tuple[UsageDeclaration, User]]) -> dict[str, int]:
    barrier = threading.Barrier(len(sends))
    outcomes: list[str] = []

    def send(declaration: UsageDeclaration, sender: User) -> None:
        try:
            barrier.wait()
            contact_referent(
                declaration=declaration,
                sender=sender,
                body="Bonjour",
                reply_to="r@example.org",
                sender_organisations=[],
                declaration_url="https://communs.example.org/catalogue/race/",
            )
            outcomes.append("sent")
        except NotAllowed:  # a limit reached
            outcomes.append("limited")
        except Exception as error:  # the test shows what went wrong
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in sends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(Counter(outcomes))


def main(arguments: list[str]) -> None:
    if "--migrate" in arguments:
        call_command("migrate", verbosity=0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    people = [User(username=f"race{n}", email=f"race{n}@example.org") for n in range(THREADS + 4)]
    User.objects.bulk_create(people)
    people = list(User.objects.filter(username__startswith="race").order_by("pk"))
    sender, referents, senders = people[0], people[1:THREADS], people[THREADS:]
    one_sender = [(declaration_for(referent, n), sender) for n, referent in enumerate(referents)]
    one_sender.append((declaration_for(senders[0], THREADS), sender))
    shared = declaration_for(people[-1], THREADS + 1)
    one_referent = [(shared, senders[n % 3]) for n in range(THREADS)]
    result: dict[str, Any] = {
        "one_sender": send_all(one_sender),
        "one_referent": send_all(one_referent),
        "stored": ContactMessage.objects.count(),
        "mailed": len(mail.outbox),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
