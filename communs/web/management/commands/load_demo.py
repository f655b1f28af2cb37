from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from communs.catalog.models import Provider, Software
from communs.catalog.services import DemoDataError, demo_load
from communs.console import Progress
from communs.evaluations.services import demo_evaluations_load
from communs.mutualisation.demo import demo_pooling_load
from communs.outcomes.demo import demo_outcomes_load
from communs.resources.demo import demo_resources_load
from communs.usage.demo import demo_usage_load


class Command(BaseCommand):
    help = (
        "Create or update the demo catalogue and its shipped evaluations "
        "(safe to run again: nothing changes twice)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--file", type=Path, help="A catalogue file in the demo's format (default: the demo)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = demo_load(path=options["file"])
            progress = Progress(
                lambda text: self.stdout.write(text, ending=""),
                tty=self.stdout.isatty(),
                flush=self.stdout.flush,
            )
            started = time.monotonic()
            evaluations = (
                demo_evaluations_load(
                    progress=lambda done, total: progress.step(
                        "Shipped evaluations (software)", done, total, started
                    )
                )
                if options["file"] is None
                else 0
            )
            campaigns = demo_pooling_load() if options["file"] is None else 0
            outcomes = demo_outcomes_load() if options["file"] is None else 0
            resources = demo_resources_load() if options["file"] is None else 0
            usage = demo_usage_load() if options["file"] is None else 0
        except DemoDataError as error:
            raise CommandError(f"The demo catalogue could not be loaded: {error}") from None
        self.stdout.write(
            f"Demo catalogue: {Software.objects.published().count()} published software and "
            f"{Provider.objects.count()} providers ({summary.created} created, "
            f"{summary.updated} updated, {summary.unchanged} unchanged); "
            f"{evaluations} shipped evaluations added; {campaigns} demo pooling campaigns added; "
            f"{outcomes} demo deployments with outcomes, {resources} demo resources and "
            f"{usage} demo contracts and answers added."
        )
