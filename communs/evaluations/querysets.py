from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from communs.evaluations.models import Evaluation, EvaluationJob  # noqa: F401


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def latest_per_software(self) -> EvaluationQuerySet:
        """The newest evaluation of each software."""
        newest = self.filter(software=models.OuterRef("software")).order_by("-as_of", "-pk")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))

    def newest_software(self, limit: int) -> dict[int, datetime]:
        """The `limit` software of these evaluations evaluated last, each with the date of its
        newest evaluation, newest first. Reads the evaluations down from the newest (an index
        on the date) in chunks, never ranking every software."""
        latest: dict[int, datetime] = {}
        newest = self.order_by("-as_of", "-pk").values_list("software_id", "as_of")
        chunk, start = limit * 4, 0
        while len(latest) < limit:
            rows = list(newest[start : start + chunk])
            for software_id, as_of in rows:
                if len(latest) < limit:
                    latest.setdefault(software_id, as_of)
            if len(rows) < chunk:
                break
            start += chunk
        return latest


class JobQuerySet(models.QuerySet["EvaluationJob"]):
    def pending(self) -> JobQuerySet:
        return self.filter(status__in=["queued", "running"])
