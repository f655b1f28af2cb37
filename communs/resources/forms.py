from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import IsoDateInput
from communs.catalog.models import Software
from communs.resources import uploads
from communs.resources.models import Resource
from communs.territories.models import Organisation
from communs.territories.selectors import approved_organisation_ids
from communs.usage.models import Experience


class ResourceForm(forms.ModelForm):  # type: ignore[type-arg]
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, OpenDocument, Markdown or an image (PNG, JPEG, GIF, WebP); at most %(max)s MB."
        ),
    )

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "description",
            "upload",
            "external_url",
            "licence",
            "author_organisation",
            "published_on",
            "language",
            "version",
            "module",
            "legal_vehicle",
            "experiences",
        ]
        widgets = {
            "published_on": IsoDateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "experiences": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args: Any, software: Software, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked: uploads.Checked | None = None
        self.fields["upload"].help_text = str(self.fields["upload"].help_text) % {
            "max": uploads.max_bytes() // (1024 * 1024)
        }
        self.fields["author_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=approved_organisation_ids(user)
        )
        self.fields["experiences"].queryset = Experience.objects.filter(  # type: ignore[attr-defined]
            software=software, moderation=Experience.Moderation.PUBLISHED
        )
        self.fields["experiences"].required = False

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                self.checked = uploads.check(upload, name=upload.name, size=upload.size)
            except ValidationError as error:
                raise forms.ValidationError(error.messages, code=error.code) from None
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_upload = bool(cleaned.get("upload")) or "upload" in self.errors
        if not has_upload and not cleaned.get("external_url"):
            self.add_error("upload", _("Upload a file or give the address of the document."))
        if has_upload and cleaned.get("external_url"):
            self.add_error("external_url", _("Give either a file or an address, not both."))
        return cleaned

    def _post_clean(self) -> None:
        # The model's clean wants the file, which the service attaches once checked.
        pass


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Resource.Kind.choices]
    )
    software = forms.ModelChoiceField(
        label=_("Software"),
        required=False,
        queryset=Software.objects.published().order_by("search_name", "name"),
        to_field_name="slug",
        empty_label=_("All"),
    )
