from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import IsoDateInput
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
            "referent_contactable",
            "notes",
        ]
        widgets = {
            "since": IsoDateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "abandon_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        referent = self.instance.referent if self.instance.pk else None
        if referent is not None and referent != user:
            # Consent is personal: another member sees it but cannot give or withdraw it.
            field = self.fields["referent_contactable"]
            field.disabled = True
            field.help_text = _(
                "Only the referent, %(name)s, may give or withdraw this consent."
            ) % {"name": referent.get_username()}

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


class ExperienceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from communs.usage.models import Experience

        model = Experience
        fields = ["kind", "title", "body", "version", "workaround", "upstream_url", "resolution"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "workaround": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == "difficulty" and not cleaned.get("resolution"):
            self.add_error(
                "resolution", _("Say whether the difficulty is open, worked around or solved.")
            )
        return cleaned


class ContactForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The referent answers to your email address; theirs is never shown."),
    )
