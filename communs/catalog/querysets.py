from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from communs.catalog.fulltext import FullTextIndex, prefix_match, register
from communs.catalog.search import fold, query_terms, word_start

if TYPE_CHECKING:
    from communs.catalog.models import Category, Provider, Software  # noqa: F401


# The name first (the title), then every searched field's words (search_text holds the name).
SOFTWARE_INDEX = register(FullTextIndex("catalog_software", ("search_name", "search_text")))


class SoftwareQuerySet(models.QuerySet["Software"]):
    def published(self) -> SoftwareQuerySet:
        return self.filter(status="published")

    def search(self, query: str) -> SoftwareQuerySet:
        """Every word of the query starts a word of the entry; the most relevant come first.

        Relevance: every query word starts a word of the name, then some do, then the
        entries that match through their descriptions only; then the collation-aware name.
        """
        terms = query_terms(query)
        if not terms:
            return self
        indexed = prefix_match(SOFTWARE_INDEX, terms, using=self.db)
        matching = self.filter(indexed) if indexed is not None else self
        for term in terms if indexed is None else ():
            matching = matching.filter(word_start("search_text", term))
        in_name = [word_start("search_name", term) for term in terms]
        every, some = in_name[0], in_name[0]
        for condition in in_name[1:]:
            every, some = every & condition, some | condition
        return matching.annotate(
            relevance=models.Case(
                models.When(every, then=0),
                models.When(some, then=1),
                default=2,
                output_field=models.IntegerField(),
            )
        ).order_by("relevance", "search_name", "name")

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
    def as_read(self) -> list[Category]:
        """The categories listed by their label in the reader's language, accents and case
        aside: the table keeps only identifiers, in neither language's order."""
        return sorted(self, key=lambda category: fold(category.label))

    def holding_published(self) -> CategoryQuerySet:
        """Categories holding published software, without counting them: each stops at its
        first published software (the link table's index on the category)."""
        from communs.catalog.models import Software

        links = Software.categories.through.objects.filter(
            category_id=OuterRef("pk"), software__status="published"
        )
        return self.filter(Exists(links))

    def with_published_counts(self) -> CategoryQuerySet:
        """Categories holding published software, each with its count."""
        return self.annotate(
            published_count=Count("software", filter=Q(software__status="published"), distinct=True)
        ).filter(published_count__gt=0)
