from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communs.console import Progress
from communs.territories.services import (
    TerritoriesDataError,
    territories_import,
)


class Command(BaseCommand):
    help = "Official French territorial units: `communs territories import [--source PATH]`."

    def add_arguments(self, parser: Any) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser("import", help="load régions, départements, communes, EPCI")
        load.add_argument(
            "--source",
            type=Path,
            default=settings.TERRITORIES_DATA_DIR,
            help="the data folder of @etalab/decoupage-administratif",
        )
        load.add_argument("--edition", default=settings.TERRITORIES_EDITION)
        load.add_argument(
            "--if-needed",
            action="store_true",
            help="do nothing when this edition is already loaded (what `make run` does)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        progress = Progress(
            lambda text: self.stdout.write(text, ending=""),
            tty=self.stdout.isatty(),
            flush=self.stdout.flush,
        )
        try:
            summary = territories_import(
                source=options["source"],
                edition=options["edition"],
                progress=progress,
                if_needed=options["if_needed"],
            )
        except TerritoriesDataError as error:
            raise CommandError(f"{error} (make territories-data fetches it)") from None
        if summary.skipped:
            self.stdout.write(
                f"Territories {options['edition']} already loaded ({summary.unchanged:,} units); "
                "`communs territories import` loads them again."
            )
            return
        self.stdout.write(
            f"Territories {options['edition']}: {summary.created:,} created, "
            f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
            f"{summary.aliases:,} former codes, in {time.monotonic() - started:.1f} s."
        )
