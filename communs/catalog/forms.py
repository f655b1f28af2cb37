from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import REGIONS, Provider, Software


class LinesField(forms.CharField):
    """A list of texts edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class SoftwareAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    advantages_fr = LinesField(
        label=_("advantages (French)"), required=False, help_text=_("One per line.")
    )
    advantages_en = LinesField(
        label=_("advantages (English)"), required=False, help_text=_("One per line.")
    )
    replaces = LinesField(
        label=_("proprietary products it replaces"),
        required=False,
        help_text=_("One per line, for example “Microsoft Office”."),
    )

    class Meta:
        model = Software
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)


REGION_CHOICES: list[tuple[str, str]] = sorted(REGIONS.items(), key=lambda item: item[1])


class ProviderAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    regions_served = forms.MultipleChoiceField(
        label=_("régions served"),
        choices=REGION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Provider
        fields = "__all__"  # noqa: DJ007 (the admin's fieldsets choose what is shown)
