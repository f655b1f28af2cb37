from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce


class NeedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def visible(self) -> NeedQuerySet:
        """Needs anyone may read: all but the ones still waiting to be accepted, and the
        duplicates merged into another."""
        return self.exclude(status="proposed").filter(merged_into__isnull=True)

    def search(self, text: str) -> NeedQuerySet:
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(software__name__icontains=text)
        )

    def in_territory(self, organisation: Any) -> NeedQuerySet:
        """Needs raised or endorsed by the territory or by an organisation within it."""
        field = "region" if organisation.kind == "region" else "departement"
        ids = self.model.objects.filter(
            Q(raised_by=organisation)
            | Q(**{f"raised_by__{field}": organisation})
            | Q(endorsements__organisation=organisation)
            | Q(**{f"endorsements__organisation__{field}": organisation})
        ).values("pk")
        return self.filter(pk__in=ids)

    def with_counts(self) -> NeedQuerySet:
        """Each need with its endorsements and the population they serve (the sum of the
        endorsing organisations' populations), both computed in subqueries so that joins
        added by filters never count a row twice."""
        from communs.mutualisation.models import Endorsement

        endorsements = Endorsement.objects.filter(need=OuterRef("pk")).order_by().values("need")
        counted: NeedQuerySet = self.annotate(
            endorsement_count=Coalesce(
                Subquery(endorsements.annotate(n=Count("pk")).values("n")), 0
            ),
            population_served=Coalesce(
                Subquery(endorsements.annotate(p=Sum("organisation__population")).values("p")),
                0,
            ),
        )
        return counted


class CampaignQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def public(self) -> CampaignQuerySet:
        return self.exclude(state="draft")
