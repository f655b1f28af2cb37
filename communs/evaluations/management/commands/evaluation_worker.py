from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from communs.evaluations.worker import run_forever, run_once


class Command(BaseCommand):
    help = "Run evaluation jobs from the database queue (the embedded mode's worker)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run the queued jobs, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.CELERY_BROKER_URL:
            raise CommandError(
                "A broker is configured: start Celery workers instead (celery -A communs worker)."
            )
        if options["once"]:
            count = 0
            while run_once():
                count += 1
            self.stdout.write(f"{count} evaluation jobs run.")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        self.stdout.write("Evaluation worker started; Ctrl-C to stop.")
        try:
            run_forever(stop)
        except KeyboardInterrupt:
            stop.set()
