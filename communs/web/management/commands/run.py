from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from communs.catalog.models import Software
from communs.evaluations.services import NotEvaluable, job_request
from communs.evaluations.worker import start_in_background
from communs.web.server import serve
from communs.web.welcome import welcome_message


class Command(BaseCommand):
    help = (
        "Serve Communs in the embedded mode: the web site and, in the same process, the "
        "evaluation worker. Communs evaluates its own repository at startup."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--territories-log",
            help="where a territories import started in the background writes (make run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Composed before the worker starts, so that it adds nothing between the worker's
        # start and the server's; printed just before serving.
        welcome = welcome_message(options["addrport"], territories_log=options["territories_log"])
        if not settings.CELERY_BROKER_URL:
            start_in_background()
            self.stdout.write("Evaluation worker running in this process.")
        communs = Software.objects.filter(slug="communs").first()
        if communs is not None:
            with contextlib.suppress(NotEvaluable):
                job_request(software=communs)
        self.stdout.write(welcome)
        self.stdout.flush()  # seen at once, even when the console is a pipe or a log file
        serve(options["addrport"])
