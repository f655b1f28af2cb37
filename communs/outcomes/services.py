"""Writes about outcomes, each checking who may do it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from communs.french import with_prepositions
from communs.outcomes.models import Measurement
from communs.territories.services import NotAllowed
from communs.usage.models import UsageDeclaration


@transaction.atomic
def measurement_record(
    *, declaration: UsageDeclaration, values: dict[str, Any], by: Any
) -> Measurement:
    if not declaration.can_be_edited_by(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may record its outcomes.")
                % {"name": declaration.organisation.name},
                declaration.organisation,
            )
        )
    measurement = Measurement(declaration=declaration, recorded_by=by, **values)
    measurement.full_clean()
    measurement.save()
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, by: Any) -> None:
    if not measurement.declaration.can_be_edited_by(by):
        raise NotAllowed(
            with_prepositions(
                _("Only members of %(name)s may remove its outcomes.")
                % {"name": measurement.declaration.organisation.name},
                measurement.declaration.organisation,
            )
        )
    measurement.delete()
