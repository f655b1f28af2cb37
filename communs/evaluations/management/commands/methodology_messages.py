from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from communs.evaluations.methodology import MESSAGES_FILE, messages_module


class Command(BaseCommand):
    help = (
        "Write the checks' documentation as translatable strings, so that makemessages "
        "extracts them for the methodology page (run by make messages)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        MESSAGES_FILE.write_text(messages_module(), encoding="utf-8")
        self.stdout.write(f"Wrote {MESSAGES_FILE.name}.")
