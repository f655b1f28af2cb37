"""Organisations alike, each with a declaration of one software, and their figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User

from communs.catalog.models import Software
from communs.outcomes.models import Measurement
from communs.territories.models import Membership, Organisation
from communs.usage.models import UsageDeclaration

YEAR_BEFORE = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
YEAR_AFTER = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def figure(declaration, metric, value, phase="", period=YEAR_AFTER, **extra):
    return Measurement.objects.create(
        declaration=declaration,
        metric=metric,
        phase=phase,
        value=Decimal(value),
        period_start=period[0],
        period_end=period[1],
        source="budget",
        **extra,
    )


def commune_with_costs(
    software: Software, index: int, before: str, after: str, *, population: int = 12_000
) -> UsageDeclaration:
    organisation = Organisation.objects.create(
        kind="commune", name=f"Commune {index}", population=population
    )
    declaration = UsageDeclaration.objects.create(
        organisation=organisation, software=software, status="production"
    )
    figure(declaration, "cost_licences", before, "before", YEAR_BEFORE)
    figure(declaration, "cost_licences", after, "after", YEAR_AFTER)
    return declaration


def member_of(organisation: Organisation, username: str = "anne.agent") -> User:
    user = User.objects.create_user(username, f"{username}@example.fr", "not-a-secret-42")
    Membership.objects.create(organisation=organisation, user=user, status="approved")
    return user
