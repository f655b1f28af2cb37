from __future__ import annotations

from collections import Counter
from typing import Any

from django import template

from communs.usage.models import UsageDeclaration

register = template.Library()


@register.inclusion_tag("usage/_users.html")
def software_users(software: Any) -> dict[str, Any]:
    declarations = list(
        UsageDeclaration.objects.filter(software=software)
        .exclude(status=UsageDeclaration.Status.ABANDONED)
        .select_related("organisation")
    )
    kinds = Counter(d.organisation.get_kind_display() for d in declarations)
    return {"declarations": declarations, "kinds": sorted(kinds.items())}
