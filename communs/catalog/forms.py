from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import REGIONS, Provider, Software


class IsoDateInput(forms.DateInput):
    """A browser's date picker. Its value is ISO 8601 (2021-03-15) in every language: a
    localised value such as 15/03/2021 is one the browser cannot show, and is lost on save."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


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


class PubliccodeImportForm(forms.Form):
    file = forms.FileField(label=_("publiccode.yml file"), required=False)
    url = forms.URLField(label=_("or its https:// address"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Give either a file or an address, not both."))
        return cleaned


PLATFORM_CHOICES = [
    ("web", _("Web")),
    ("linux", "Linux"),
    ("windows", "Windows"),
    ("mac", "macOS"),
    ("android", "Android"),
    ("ios", "iOS"),
]
LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
]


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group, with a filter box when JavaScript runs."""

    template_name = "catalog/widgets/grouped_checkboxes.html"


class PubliccodeEditorForm(forms.Form):
    """Builds a publiccode.yml step by step; the validator's errors come back to the fields.

    Every error comes in one round: the form's own checks and the validator's, on what could
    be read. Choices start empty, so nothing is chosen for the author.
    """

    name = forms.CharField(label=_("Name of the software"), max_length=120)
    url = forms.URLField(label=_("Address of the source code repository"), assume_scheme="https")
    landing_url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    software_version = forms.CharField(label=_("Latest version"), required=False, max_length=50)
    release_date = forms.DateField(
        label=_("Date of that version"),
        required=False,
        widget=IsoDateInput(),
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"), choices=PLATFORM_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"),
        required=False,
        widget=GroupedCheckboxes,
        help_text=_("Tick as many as apply; type in the search box to filter the list."),
    )
    development_status = forms.ChoiceField(label=_("Development status"))
    software_type = forms.ChoiceField(label=_("Software type"))
    language = forms.ChoiceField(label=_("Language of the description"), choices=LANGUAGE_CHOICES)
    short_description = forms.CharField(
        label=_("Short description"), max_length=150, help_text=_("150 characters at most.")
    )
    long_description = forms.CharField(
        label=_("Long description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Between 150 and 10,000 characters: what it does, for whom, how."),
    )
    features = LinesField(label=_("Main features"), help_text=_("One per line."))
    licence = forms.CharField(
        label=_("Licence (SPDX expression)"),
        max_length=200,
        help_text=_("For example “EUPL-1.2” or “AGPL-3.0-or-later”."),
    )
    maintenance_type = forms.ChoiceField(label=_("Who maintains it"))
    contact_name = forms.CharField(
        label=_("Maintenance contact (name)"),
        required=False,
        help_text=_("Required when the software is maintained internally or by a community."),
    )
    contact_email = forms.EmailField(label=_("Maintenance contact (email)"), required=False)
    contractor_name = forms.CharField(
        label=_("Contractor (name)"),
        required=False,
        help_text=_("Required when the software is maintained under contract."),
    )
    contractor_until = forms.DateField(
        label=_("End of the maintenance contract"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    available_languages = forms.MultipleChoiceField(
        label=_("Languages of the interface"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    # Where each publiccode.yml key's errors are shown (the last key of the path that is
    # listed here wins).
    FIELDS_BY_KEY = {
        "name": "name",
        "url": "url",
        "landingURL": "landing_url",
        "softwareVersion": "software_version",
        "releaseDate": "release_date",
        "platforms": "platforms",
        "categories": "categories",
        "developmentStatus": "development_status",
        "softwareType": "software_type",
        "description": "short_description",
        "shortDescription": "short_description",
        "longDescription": "long_description",
        "features": "features",
        "license": "licence",
        "legal": "licence",
        "maintenance": "maintenance_type",
        "type": "maintenance_type",
        "contacts": "contact_name",
        "email": "contact_email",
        "contractors": "contractor_name",
        "until": "contractor_until",
        "localisation": "available_languages",
        "availableLanguages": "available_languages",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from communs.catalog.vocabulary import (
            CATEGORY_GROUPS,
            CATEGORY_LABELS,
            DEVELOPMENT_STATUS_LABELS,
            MAINTENANCE_TYPE_LABELS,
            SOFTWARE_TYPE_LABELS,
        )

        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["categories"].choices = [
            (
                group,
                sorted(((name, CATEGORY_LABELS[name]) for name in names), key=lambda i: str(i[1])),
            )
            for group, names in CATEGORY_GROUPS
        ]
        choose = [("", _("— Choose —"))]
        fields["development_status"].choices = choose + list(DEVELOPMENT_STATUS_LABELS.items())
        fields["software_type"].choices = choose + list(SOFTWARE_TYPE_LABELS.items())
        fields["maintenance_type"].choices = choose + list(MAINTENANCE_TYPE_LABELS.items())

    FIELDSETS = (
        (
            _("The software"),
            (
                "name",
                "url",
                "landing_url",
                "software_version",
                "release_date",
                "platforms",
                "categories",
                "development_status",
                "software_type",
            ),
        ),
        (_("Description"), ("language", "short_description", "long_description", "features")),
        (
            _("Licence, maintenance and languages"),
            (
                "licence",
                "maintenance_type",
                "contact_name",
                "contact_email",
                "contractor_name",
                "contractor_until",
                "available_languages",
            ),
        ),
    )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) of every error, in the order of the form."""
        summary = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                bound = self[name]
                summary.append(
                    (bound.id_for_label or bound.auto_id, str(bound.label), str(message))
                )
        return summary

    def document(self) -> dict[str, Any]:
        """The publiccode.yml of what could be read (keys of invalid fields are left out)."""
        from communs.publiccode.vocabulary import LATEST_VERSION

        data = self.cleaned_data
        document: dict[str, Any] = {"publiccodeYmlVersion": LATEST_VERSION}

        def put(target: dict[str, Any], key: str, value: Any) -> None:
            if value not in (None, "", []):
                target[key] = value

        put(document, "name", data.get("name"))
        put(document, "url", data.get("url"))
        put(document, "landingURL", data.get("landing_url"))
        put(document, "softwareVersion", data.get("software_version"))
        if data.get("release_date"):
            document["releaseDate"] = data["release_date"].isoformat()
        put(document, "platforms", data.get("platforms"))
        put(document, "categories", data.get("categories"))
        put(document, "developmentStatus", data.get("development_status"))
        put(document, "softwareType", data.get("software_type"))
        text: dict[str, Any] = {}
        put(text, "shortDescription", data.get("short_description"))
        put(text, "longDescription", data.get("long_description"))
        put(text, "features", data.get("features"))
        document["description"] = {data.get("language") or "fr": text}
        document["legal"] = {}
        put(document["legal"], "license", data.get("licence"))
        maintenance: dict[str, Any] = {}
        put(maintenance, "type", data.get("maintenance_type"))
        if data.get("contact_name"):
            contact = {"name": data["contact_name"]}
            put(contact, "email", data.get("contact_email"))
            maintenance["contacts"] = [contact]
        if maintenance.get("type") == "contract" and (
            data.get("contractor_name") or data.get("contractor_until")
        ):
            contractor: dict[str, Any] = {}
            put(contractor, "name", data.get("contractor_name"))
            if data.get("contractor_until"):
                contractor["until"] = data["contractor_until"].isoformat()
            maintenance["contractors"] = [contractor]
        document["maintenance"] = maintenance
        languages = data.get("available_languages") or []
        document["localisation"] = {"localisationReady": len(languages) > 1}
        put(document["localisation"], "availableLanguages", languages)
        return document

    def choice_labels(self) -> dict[str, str]:
        """The label of each value the form offers (for messages naming a value)."""
        labels: dict[str, str] = {}
        for name in ("development_status", "software_type", "maintenance_type"):
            field: Any = self.fields[name]
            labels.update((str(value), str(label)) for value, label in field.choices if value)
        return labels

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        from communs.catalog.publiccode_mapping import dump
        from communs.catalog.publiccode_messages import render
        from communs.publiccode.validator import validate

        self.text = dump(self.document())
        result = validate(self.text)
        for issue in result.errors:
            parts = [part for part in re.split(r"[.\[\]]", issue.key) if part]
            field = next(
                (
                    self.FIELDS_BY_KEY[part]
                    for part in reversed(parts)
                    if part in self.FIELDS_BY_KEY
                ),
                None,
            )
            if field is not None and field in self.errors:
                continue  # the form already says what is wrong with this field
            labels = {
                issue.key: str(self[field].label) if field else issue.key,
                "type": str(self["maintenance_type"].label),
            }
            self.add_error(field, render(issue, labels, self.choice_labels()))
        return cleaned
