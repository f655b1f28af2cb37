from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from communs.mutualisation.services import campaigns_expire


class Command(BaseCommand):
    help = (
        "Expire the open co-funding campaigns whose deadline has passed: their pledges are "
        "released and everyone who follows them is told by email. Run it once a day."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--site-url",
            default="",
            help=(
                "The site's public address, for the links in the emails "
                "(default: the SITE_URL setting)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base = (options["site_url"] or settings.SITE_URL).rstrip("/")
        count = campaigns_expire(today=timezone.localdate(), absolute=lambda path: base + path)
        self.stdout.write(f"{count} campaigns expired.")
