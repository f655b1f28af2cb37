"""The one block the console shows when the embedded site is ready: where to go, what to do."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation


def welcome_message(address: str) -> str:
    """Address, curator account, where emails appear and what works offline, in a few lines."""
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
    lines = [
        f"Communs is ready: {url}",
        f"Catalogue: {published} published software, {evaluated} with an evaluation.",
        *curator,
        emails,
        "Offline, everything shown works: catalogue, shipped evaluations, accounts, usage.",
        "Evaluating other software clones its repository and needs internet.",
        "Stop with Ctrl+C.",
    ]
    width = max(len(line) for line in lines)
    rule = "=" * width
    return "\n".join([rule, *lines, rule])
