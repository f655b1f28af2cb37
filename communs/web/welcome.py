"""The one block the console shows when the embedded site is ready: where to go, what to do."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.territories.models import Organisation


def welcome_message(address: str, *, territories_log: str | None = None) -> str:
    """Address, curator account, where emails appear and what works offline, in a few lines.

    `territories_log` names the log of a territories import running in the background.
    """
    url = f"http://{address}/"
    published = Software.objects.published().count()
    evaluated = Evaluation.objects.values("software").distinct().count()
    curators = get_user_model().objects.filter(is_superuser=True, is_active=True)
    if curators.exists():
        names = ", ".join(curators.values_list("username", flat=True)[:3])
        curator = [f"Curator accounts: {names}; the admin is at {url}admin/"]
    else:
        curator = [
            "No curator account yet: create one in another terminal with",
            f"  .venv/bin/communs createsuperuser   then sign in at {url}admin/",
        ]
    if settings.EMAIL_HOST:
        emails = f"Emails are sent through {settings.EMAIL_HOST}."
    else:
        emails = "Emails (such as sign-up confirmation links) are printed in this console."
    communes = Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).count()
    if communes:
        territories = f"Territories: {communes:,} communes with their EPCI, départements, régions."
    elif territories_log:
        territories = (
            f"Territories: loading in the background (progress in {territories_log}); "
            "organisation search fills in as they arrive."
        )
    else:
        territories = (
            "Territories: none loaded yet; "
            "`make territories-data && .venv/bin/communs territories import` loads them."
        )
    lines = [
        f"Communs is ready: {url}",
        f"Catalogue: {published} published software, {evaluated} with an evaluation.",
        territories,
        *curator,
        emails,
        "Offline, everything shown works: catalogue, shipped evaluations, accounts, usage.",
        "Evaluating other software clones its repository and needs internet.",
        "Stop with Ctrl+C.",
    ]
    width = max(len(line) for line in lines)
    rule = "=" * width
    return "\n".join([rule, *lines, rule])
