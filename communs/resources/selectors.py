"""Read functions about resources, for the views of higher layers."""

from __future__ import annotations

from communs.catalog.models import Software
from communs.resources.models import Resource


def software_resources(software: Software, *, limit: int = 5) -> list[Resource]:
    """The software's published resources, featured first."""
    return list(
        Resource.objects.published()
        .filter(software=software)
        .select_related("software", "author_organisation")
        .with_useful_count()[:limit]
    )
