from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from communs.evaluations.models import Evaluation, EvaluationJob  # noqa: F401


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def latest_per_software(self) -> EvaluationQuerySet:
        """The newest evaluation of each software."""
        newest = self.filter(software=models.OuterRef("software")).order_by("-as_of", "-pk")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))


class JobQuerySet(models.QuerySet["EvaluationJob"]):
    def pending(self) -> JobQuerySet:
        return self.filter(status__in=["queued", "running"])
