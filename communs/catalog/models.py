"""The catalogue: software that local governments use, and who supports it."""

from __future__ import annotations

import contextlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from communs.catalog.querysets import CategoryQuerySet, ProviderQuerySet, SoftwareQuerySet
from communs.catalog.search import words
from communs.catalog.validators import (
    validate_licence_expression,
    validate_repository_url,
    validate_siren,
    validate_wikidata_id,
)
from communs.catalog.vocabulary import (
    CATEGORY_LABELS,
    DEVELOPMENT_STATUS_LABELS,
    MAINTENANCE_TYPE_LABELS,
    SOFTWARE_TYPE_LABELS,
)
from communs.licences import LicenceFamily, licence_facts, normalise_expression

MAX_LIST_ITEMS = 20
MAX_LIST_ITEM_LENGTH = 300

LICENCE_FAMILY_LABELS = {
    LicenceFamily.PERMISSIVE: _("Permissive"),
    LicenceFamily.WEAK_COPYLEFT: _("Weak copyleft"),
    LicenceFamily.STRONG_COPYLEFT: _("Strong copyleft"),
    LicenceFamily.OTHER: _("Other or unknown"),
}

# French administrative régions (INSEE codes, 2016 boundaries).
REGIONS = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d’Azur",
    "94": "Corse",
}


def validate_text_list(value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Enter a list of texts."), code="not_a_list")
    if len(value) > MAX_LIST_ITEMS:
        raise ValidationError(
            _("Enter at most %(max)d items."), code="too_many", params={"max": MAX_LIST_ITEMS}
        )
    if any(len(item) > MAX_LIST_ITEM_LENGTH for item in value):
        raise ValidationError(
            _("Each item has at most %(max)d characters."),
            code="item_too_long",
            params={"max": MAX_LIST_ITEM_LENGTH},
        )


def validate_contacts(value: Any) -> None:
    """A list of small mappings of texts (name, email, phone, uri …)."""
    if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
        raise ValidationError(_("Enter a list of contacts."), code="not_a_list")
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_LIST_ITEM_LENGTH
            for k, v in item.items()
        ):
            raise ValidationError(_("Each contact is a set of short texts."), code="bad_contact")


def validate_dependencies(value: Any) -> None:
    if not isinstance(value, dict) or set(value) - {"open", "proprietary", "hardware"}:
        raise ValidationError(
            _("Dependencies are grouped as open, proprietary and hardware."),
            code="bad_dependencies",
        )
    for entries in value.values():
        if not isinstance(entries, list) or not all(
            isinstance(entry, dict) and all(isinstance(v, str | bool) for v in entry.values())
            for entry in entries
        ):
            raise ValidationError(
                _("Each dependency is a set of short values."), code="bad_dependency"
            )


def validate_regions(value: Any) -> None:
    if not isinstance(value, list) or any(code not in REGIONS for code in value):
        raise ValidationError(_("Unknown région code."), code="unknown_region")


class Category(models.Model):
    """A category of the publiccode.yml vocabulary; the rows are created by a migration."""

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.label)

    def get_absolute_url(self) -> str:
        return reverse("category", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS.get(self.slug, self.slug))


def software_search_text(software: Any) -> str:
    """The folded words searched in a software entry (also used by a data migration)."""
    parts = [
        software.name,
        software.slug,
        software.short_description_fr,
        software.short_description_en,
        software.long_description_fr,
        software.long_description_en,
        software.usage_fr,
        software.usage_en,
        software.licence,
        *software.advantages_fr,
        *software.advantages_en,
        *software.replaces,
    ]
    return words(" ".join(part for part in parts if part))


class Software(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    short_description_fr = models.CharField(_("short description (French)"), max_length=300)
    short_description_en = models.CharField(
        _("short description (English)"), max_length=300, blank=True
    )
    long_description_fr = models.TextField(
        _("long description (French)"), blank=True, validators=[MaxLengthValidator(10_000)]
    )
    long_description_en = models.TextField(
        _("long description (English)"), blank=True, validators=[MaxLengthValidator(10_000)]
    )
    usage_fr = models.TextField(
        _("what it is for (French)"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    usage_en = models.TextField(
        _("what it is for (English)"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    advantages_fr = models.JSONField(
        _("advantages (French)"), default=list, blank=True, validators=[validate_text_list]
    )
    advantages_en = models.JSONField(
        _("advantages (English)"), default=list, blank=True, validators=[validate_text_list]
    )
    replaces = models.JSONField(
        _("proprietary products it replaces"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("For example “Microsoft Office”."),
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="software", blank=True
    )

    licence = models.CharField(
        _("licence"),
        max_length=200,
        blank=True,
        validators=[validate_licence_expression],
        help_text=_("An SPDX licence expression, for example “AGPL-3.0-or-later”."),
    )
    # Derived from `licence` on every save, so that lists can filter on them.
    licence_family = models.CharField(
        _("licence family"),
        max_length=20,
        blank=True,
        editable=False,
        choices=[(family.value, label) for family, label in LICENCE_FAMILY_LABELS.items()],
    )
    licence_is_free = models.BooleanField(
        _("free licence (FSF and OSI)"), default=False, editable=False
    )
    licence_crpa_listed = models.BooleanField(
        _("licence listed by the CRPA (art. D323-2-1)"), default=False, editable=False
    )

    website = models.URLField(_("website"), blank=True)
    repository_url = models.URLField(
        _("source code repository"), blank=True, validators=[validate_repository_url]
    )
    documentation_url = models.URLField(_("documentation"), blank=True)
    # A clone on this machine, set by the operator only (Communs' own entry points at the
    # checkout it runs from); never editable from the web.
    local_repository = models.CharField(max_length=500, blank=True, editable=False)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)

    development_status = models.CharField(
        _("development status"),
        max_length=20,
        blank=True,
        choices=list(DEVELOPMENT_STATUS_LABELS.items()),
    )
    software_type = models.CharField(
        _("software type"), max_length=30, blank=True, choices=list(SOFTWARE_TYPE_LABELS.items())
    )
    maintenance_type = models.CharField(
        _("maintenance"), max_length=20, blank=True, choices=list(MAINTENANCE_TYPE_LABELS.items())
    )

    # publiccode.yml metadata that the catalogue keeps so that it can be exported again.
    platforms = models.JSONField(
        _("platforms"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("For example “web”, “linux”, “windows”, “android”."),
    )
    available_languages = models.JSONField(
        _("languages of the interface"),
        default=list,
        blank=True,
        validators=[validate_text_list],
        help_text=_("BCP 47 tags, for example “fr”, “en”."),
    )
    software_version = models.CharField(_("latest version"), max_length=50, blank=True)
    release_date = models.DateField(_("date of the latest version"), null=True, blank=True)
    maintenance_contacts = models.JSONField(
        _("maintenance contacts"), default=list, blank=True, validators=[validate_contacts]
    )
    dependencies = models.JSONField(
        _("dependencies"), default=dict, blank=True, validators=[validate_dependencies]
    )
    funded_by = models.JSONField(
        _("funded by"), default=list, blank=True, validators=[validate_contacts]
    )
    publisher_name = models.CharField(_("publishing organisation"), max_length=200, blank=True)
    publisher_uri = models.CharField(
        _("publishing organisation identifier"), max_length=300, blank=True
    )
    used_by_suggestions = models.JSONField(
        _("users named by the project (to confirm)"),
        default=list,
        blank=True,
        validators=[validate_text_list],
    )

    wikidata_id = models.CharField(
        _("Wikidata identifier"), max_length=13, blank=True, validators=[validate_wikidata_id]
    )
    sill_id = models.PositiveIntegerField(_("SILL identifier"), null=True, blank=True)
    comptoir_du_libre_id = models.PositiveIntegerField(
        _("Comptoir du Libre identifier"), null=True, blank=True
    )

    created_at = models.DateTimeField(_("added on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    # Folded words of the searchable fields, rebuilt on every save (see search.words).
    search_text = models.TextField(blank=True, editable=False)
    # The name's folded words: for relevance, and to sort "Écully" among the E, "uMap" among the U.
    search_name = models.CharField(max_length=200, blank=True, editable=False)

    objects = SoftwareQuerySet.as_manager()

    class Meta:
        verbose_name = _("software")
        verbose_name_plural = _("software")
        ordering = ["search_name", "name"]
        indexes = [
            models.Index(fields=["status", "name"]),
            # The catalogue lists by name, the home page by date added.
            models.Index(fields=["status", "search_name"], name="software_published_by_name"),
            models.Index(fields=["status", "-created_at"], name="software_published_newest"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_licence_facts()
        self.search_text = self.build_search_text()
        self.search_name = words(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("software", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.licence:
            # An invalid expression has already been reported by the field's validator.
            with contextlib.suppress(ValueError):
                self.licence = normalise_expression(self.licence)

    def refresh_licence_facts(self) -> None:
        if not self.licence:
            self.licence_family, self.licence_is_free, self.licence_crpa_listed = "", False, False
            return
        facts = licence_facts(self.licence)
        self.licence = facts.expression
        self.licence_family = facts.family.value
        self.licence_is_free = facts.is_free
        self.licence_crpa_listed = facts.crpa_listed

    def build_search_text(self) -> str:
        return software_search_text(self)

    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def localised(self, field: str) -> Any:
        """The value of ``<field>_<language>`` for the active language, French as fallback."""
        language = (get_language() or "fr")[:2]
        value = getattr(self, f"{field}_{language}", None)
        return value or getattr(self, f"{field}_fr")

    @property
    def short_description(self) -> str:
        return str(self.localised("short_description"))

    @property
    def long_description(self) -> str:
        return str(self.localised("long_description"))

    @property
    def usage(self) -> str:
        return str(self.localised("usage"))

    @property
    def advantages(self) -> list[str]:
        return list(self.localised("advantages"))

    @property
    def licence_family_label(self) -> str:
        if not self.licence_family:
            return ""
        return str(LICENCE_FAMILY_LABELS[LicenceFamily(self.licence_family)])


class Provider(models.Model):
    """A company, cooperative or association that supports software for local governments."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    siren = models.CharField(
        _("SIREN number"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_("Nine digits, for French organisations."),
    )
    website = models.URLField(_("website"), blank=True)
    description_fr = models.TextField(
        _("description (French)"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    description_en = models.TextField(
        _("description (English)"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    regions_served = models.JSONField(
        _("régions served"), default=list, blank=True, validators=[validate_regions]
    )
    software = models.ManyToManyField(
        Software, verbose_name=_("software supported"), related_name="providers", blank=True
    )

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siren"], condition=~models.Q(siren=""), name="provider_unique_siren"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:provider", kwargs={"slug": self.slug})

    @property
    def description(self) -> str:
        language = (get_language() or "fr")[:2]
        return str(getattr(self, f"description_{language}", "") or self.description_fr)

    @property
    def region_names(self) -> list[str]:
        return [REGIONS[code] for code in self.regions_served if code in REGIONS]
