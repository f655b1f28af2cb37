from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from communs.alerts.services import alerts_run


class Command(BaseCommand):
    help = (
        "Alerts. `alerts run` collects new events, emails what is due and posts to the "
        "webhooks, once (the worker runs it every ALERTS_EVERY_SECONDS). Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("run", help="Run the alerts job once.")

    def handle(self, *args: Any, **options: Any) -> None:
        done = alerts_run()
        self.stdout.write(
            f"Alerts: {done.events} new events, {done.emails} emails sent, "
            f"{done.deliveries} webhook deliveries tried."
        )
