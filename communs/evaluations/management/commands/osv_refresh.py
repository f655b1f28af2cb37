"""Download OSV's vulnerability exports, so that evaluations can name known vulnerabilities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communs.evaluations.services import OsvRefreshFailed, osv_database_refresh


class Command(BaseCommand):
    help = (
        "Download OSV's export of each ecosystem whose lockfiles the engine reads and unzip it "
        "into COMMUNS_OSV_DIR/<Ecosystem>/ (needs the network; run it daily, e.g. from cron)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--ecosystem",
            action="append",
            dest="ecosystems",
            help="refresh only this ecosystem (repeatable; default: OSV_ECOSYSTEMS)",
        )
        parser.add_argument("--folder", type=Path, help="where to write (default: COMMUNS_OSV_DIR)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = options["folder"] or Path(settings.OSV_DIR)
        ecosystems = options["ecosystems"] or list(settings.OSV_ECOSYSTEMS)
        try:
            counts = osv_database_refresh(
                folder=folder, ecosystems=ecosystems, url=settings.OSV_EXPORT_URL
            )
        except OsvRefreshFailed as error:
            raise CommandError(f"OSV database not refreshed: {error}") from error
        for ecosystem, count in counts.items():
            self.stdout.write(f"{ecosystem}: {count:,} records")
        self.stdout.write(f"OSV database refreshed in {folder}.")
