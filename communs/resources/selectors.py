"""Read functions about resources, for the views of higher layers."""

from __future__ import annotations

from typing import Any

from communs.catalog.models import Software
from communs.resources.models import Resource
from communs.resources.querysets import ResourceQuerySet


def software_resources(software: Software, *, limit: int = 5) -> list[Resource]:
    """The software's published resources, featured first."""
    return list(
        Resource.objects.published()
        .filter(software=software)
        .select_related("software", "author_organisation")
        .with_useful_count()[:limit]
    )


def visible_resources(user: Any) -> ResourceQuerySet:
    """Curators see retired resources too; everybody else the published ones."""
    resources = Resource.objects.select_related("software", "author_organisation")
    return resources if getattr(user, "is_staff", False) else resources.published()


def resource_page(resource: Resource, user: Any) -> dict[str, Any]:
    """What the resource's page shows of this app: the resource, who cites it, your mark."""
    return {
        "resource": resource,
        "experiences": resource.experiences.filter(moderation="published").select_related(
            "organisation"
        ),
        "marked": getattr(user, "is_authenticated", False)
        and resource.useful_marks.filter(user=user).exists(),
    }
