from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Q

from communs.catalog.search import query_terms

if TYPE_CHECKING:
    from communs.catalog.models import Category, Provider, Software  # noqa: F401


class SoftwareQuerySet(models.QuerySet["Software"]):
    def published(self) -> SoftwareQuerySet:
        return self.filter(status="published")

    def search(self, query: str) -> SoftwareQuerySet:
        """Every folded word of the query must appear in the entry; name matches first."""
        terms = query_terms(query)
        if not terms:
            return self
        matching = self
        for term in terms:
            matching = matching.filter(search_text__contains=term)
        first_term = terms[0]
        return matching.annotate(
            name_match=models.Case(
                models.When(name__icontains=first_term, then=0),
                default=1,
                output_field=models.IntegerField(),
            )
        ).order_by("name_match", "name")

    def in_category(self, slug: str) -> SoftwareQuerySet:
        return self.filter(categories__slug=slug)


class ProviderQuerySet(models.QuerySet["Provider"]):
    def with_published_software_count(self) -> ProviderQuerySet:
        return self.annotate(
            published_software_count=Count(
                "software", filter=Q(software__status="published"), distinct=True
            )
        )


class CategoryQuerySet(models.QuerySet["Category"]):
    def with_published_counts(self) -> CategoryQuerySet:
        """Categories holding published software, each with its count."""
        return self.annotate(
            published_count=Count("software", filter=Q(software__status="published"), distinct=True)
        ).filter(published_count__gt=0)
