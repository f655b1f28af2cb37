from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from communs.catalog.search import query_terms, word_start

if TYPE_CHECKING:
    from communs.resources.models import Resource  # noqa: F401


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> ResourceQuerySet:
        return self.filter(status="published")

    def search(self, query: str) -> ResourceQuerySet:
        """Title, description and the file's text, accent- and case-folded, word starts."""
        found = self
        for term in query_terms(query):
            found = found.filter(word_start("search_text", term))
        return found

    def with_useful_count(self) -> Any:
        return self.annotate(useful_count=models.Count("useful_marks", distinct=True))
