from __future__ import annotations

from typing import Any

from django import forms

from communs.territories.models import Organisation


class OrganisationRequestForm(forms.ModelForm):  # type: ignore[type-arg]
    """An organisation that the official data does not hold (UK council, association …)."""

    class Meta:
        model = Organisation
        fields = ["name", "kind", "siren", "website"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        official = {"commune", "epci", "departement", "region"}
        field: Any = self.fields["kind"]
        field.choices = [(k, label) for k, label in field.choices if k not in official]
