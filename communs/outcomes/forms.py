from __future__ import annotations

from django import forms

from communs.catalog.forms import IsoDateInput
from communs.outcomes.models import Measurement


class MeasurementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Measurement
        fields = [
            "metric",
            "phase",
            "value",
            "period_start",
            "period_end",
            "source",
            "survey_size",
            "survey_method",
        ]
        widgets = {"period_start": IsoDateInput(), "period_end": IsoDateInput()}
