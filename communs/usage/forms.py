from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import IsoDateInput
from communs.catalog.models import Provider
from communs.territories.models import Organisation
from communs.usage.models import Answer, UsageDeclaration


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
            "contractor",
            "contractor_name",
            "contract_ends_on",
        ]
        widgets = {
            "since": IsoDateInput(),
            "contract_ends_on": IsoDateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "abandon_reason": forms.Textarea(attrs={"rows": 2}),
        }

    contractor = forms.ModelChoiceField(
        queryset=Provider.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label=_("Contractor, from the catalogue's providers"),
        empty_label=_("— none, or not in the list —"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contractor_name"].help_text = _(
            "When the company or association is not in the list."
        )
        self.fields["contract_ends_on"].help_text = _(
            "Public, like the essential data of public procurement. Your members are alerted "
            "%(days)s days before it."
        ) % {"days": _(" and ").join(str(days) for days in settings.ALERTS_CONTRACT_END_DAYS)}
        if self.instance.pk and self.instance.contractor_id:
            # The list names providers by slug, as the API does.
            self.initial["contractor"] = self.instance.contractor.slug
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
        if cleaned.get("contractor") and cleaned.get("contractor_name", "").strip():
            self.add_error(
                "contractor_name",
                _("Choose the contractor in the list or write its name, not both."),
            )
        if cleaned.get("contract_ends_on") and not (
            cleaned.get("contractor") or cleaned.get("contractor_name", "").strip()
        ):
            self.add_error(
                "contract_ends_on",
                _("Say who the contract is with: choose the contractor or write its name."),
            )
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


class AnswerForm(forms.ModelForm):  # type: ignore[type-arg]
    """An answer to a difficulty, in the name of one of the person's organisations."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Answer in the name of"),
        empty_label=None,
    )

    class Meta:
        model = Answer
        fields = ["organisation", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"body": {"required": _("Write your answer.")}}
        help_texts = {
            "body": _(
                "What worked for you: steps, settings, versions. Published under your "
                "organisation's name, never yours."
            )
        }

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[organisation.pk for organisation in organisations]
        ).order_by("search_name", "name")

    def clean_body(self) -> str:
        body: str = self.cleaned_data.get("body", "").strip()
        if not body:
            raise forms.ValidationError(_("Write your answer."))
        return body
