from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.usage.models import UsageDeclaration


class UsageDeclarationForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = UsageDeclaration
        fields = [
            "status",
            "abandon_reason",
            "since",
            "version",
            "modules",
            "users_count",
            "instance_url",
            "instance_public",
            "notes",
        ]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "abandon_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_since(self) -> Any:
        since = self.cleaned_data.get("since")
        if since and since > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return since

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") == UsageDeclaration.Status.ABANDONED
            and not cleaned.get("abandon_reason", "").strip()
        ):
            self.add_error("abandon_reason", _("Say why it was abandoned: it helps others."))
        return cleaned
