from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from communs.catalog.models import Software
from communs.evaluations.services import job_request


class Command(BaseCommand):
    help = "Queue an evaluation of every published software that has a repository."

    def handle(self, *args: Any, **options: Any) -> None:
        software = Software.objects.published().exclude(repository_url="", local_repository="")
        jobs = [job_request(software=entry) for entry in software]
        self.stdout.write(f"{len(jobs)} evaluations queued (or already pending).")
