"""Run inside the benchmark's data (its environment): the pages to load, and query plans.

`python -m benchmarks.web_probe facts` prints, as JSON, what the measured pages need (the
most used software, a typical one, a commune, two evaluated software);
`python -m benchmarks.web_probe explain '<facts JSON>'` prints the plans of the main queries.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communs.settings")
    import django

    django.setup()


def facts() -> dict[str, Any]:
    from django.db.models import Count

    from communs.evaluations.models import Evaluation
    from communs.territories.models import Organisation
    from communs.usage.models import UsageDeclaration

    used = list(
        UsageDeclaration.objects.values("software__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "software__slug")
    )
    commune = (
        Organisation.objects.filter(kind="commune")
        .exclude(insee_code="")
        .order_by("-population")
        .first()
    )
    assert commune is not None
    evaluated = sorted(set(Evaluation.objects.values_list("software__slug", flat=True)))
    middle = used[len(used) // 2]
    return {
        "most_used": used[0]["software__slug"],
        "most_used_count": used[0]["n"],
        "typical": middle["software__slug"],
        "typical_count": middle["n"],
        "insee": commune.insee_code,
        "commune": commune.pk,
        "evaluated_a": evaluated[0],
        "evaluated_b": evaluated[1],
    }


def explain(known: dict[str, Any]) -> str:
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from communs.catalog.models import Software
    from communs.territories.models import Organisation
    from communs.territories.views import organisations_matching
    from communs.usage import selectors

    software = Software.objects.get(slug=known["most_used"])
    everyone = Organisation.objects.all()
    in_use = selectors._in_use(software)
    plans: dict[str, Any] = {
        "catalogue search": Software.objects.published().search("cartographie")[:20],
        "organisation search (saint)": organisations_matching(everyone, "saint")[:30],
        "organisation by INSEE code": organisations_matching(everyone, known["insee"])[:30],
        "software page: its first users": in_use.select_related("organisation").order_by("pk")[
            : selectors.USERS_SHOWN
        ],
        "software page: counts by kind (then cached)": in_use.values_list("organisation__kind")
        .annotate(n=Count("pk"))
        .order_by("organisation__kind"),
    }
    out = [f"--- {name} ({connection.vendor})\n{query.explain()}" for name, query in plans.items()]
    mine = (
        Organisation.objects.filter(kind="commune", usage_declarations__software=software)
        .exclude(latitude=None)
        .first()
    )
    with CaptureQueriesContext(connection) as captured:
        selectors.peers(mine, software)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + captured.captured_queries[-1]["sql"])
        rows = [" ".join(str(part) for part in row) for row in cursor.fetchall()]
    out.append("--- software page: organisations alike (peers)\n" + "\n".join(rows))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "analyse":
        from communs.web.synthetic import database_analyse

        database_analyse()
    elif sys.argv[1] == "facts":
        print(json.dumps(facts()))
    else:
        print(explain(json.loads(sys.argv[2])))
