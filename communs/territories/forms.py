from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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


class OrganisationFilterForm(forms.Form):
    """The organisation list's search and filters; a value that makes no sense is dropped."""

    q = forms.CharField(label=_("Name, INSEE code, SIREN or postcode"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    region = forms.ModelChoiceField(
        label=_("Région"),
        queryset=Organisation.objects.filter(kind="region"),
        to_field_name="insee_code",
        required=False,
        empty_label=_("All régions"),
    )
    departement = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Organisation.objects.filter(kind="departement"),
        to_field_name="insee_code",
        required=False,
        empty_label=_("All départements"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind: Any = self.fields["kind"]
        kind.choices = [("", _("All kinds")), *Organisation.Kind.choices]
        for name in ("region", "departement"):
            field: Any = self.fields[name]
            field.label_from_instance = lambda o: f"{o.name} ({o.insee_code})"

    def territory_choices(self) -> dict[str, list[tuple[str, str]]]:
        """The région and département choices, read in one query (and rendered without the
        widgets, which render each option through the template engine)."""
        choices: dict[str, list[tuple[str, str]]] = {"region": [], "departement": []}
        rows = (
            Organisation.objects.filter(kind__in=choices)
            .order_by()
            .values_list("kind", "search_name", "insee_code", "name")
        )
        # Sorted here: asked to sort, SQLite walks the whole table in name order.
        for kind, _folded, code, name in sorted(rows, key=lambda row: row[1:]):
            choices[kind].append((code, f"{name} ({code})"))
        for name in choices:
            field: Any = self.fields[name]
            choices[name].insert(0, ("", str(field.empty_label)))
        return choices

    def rejected(self) -> list[str]:
        """Labels of the filters whose value was not understood (and is ignored)."""
        return [str(self.fields[name].label) for name in self.errors]

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) if name not in self.errors else None
