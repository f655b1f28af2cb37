"""The resource library: documents that make adoption work, tied to a software."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Software
from communs.catalog.search import words
from communs.resources.querysets import ResourceQuerySet
from communs.resources.storage import ResourceStorage, stored_name
from communs.territories.models import Organisation
from communs.usage.models import Experience


class LegalVehicle(models.TextChoices):
    """The legal vehicles of a deliberation template; the same codes as
    mutualisation.Vehicle (a higher layer, so not imported; web/tests check they agree)."""

    GROUPEMENT = "groupement", _("Groupement de commandes")
    CONVENTION = "convention", _("Convention de mutualisation / entente intercommunale")
    CENTRALE = "centrale", _("Centrale d’achat")
    SPL = "spl", _("Société publique locale (SPL)")
    SUBVENTION = "subvention", _("Subvention")


class Resource(models.Model):
    class Kind(models.TextChoices):
        SPECIFICATIONS = "specifications", _("Specifications (procurement)")
        CONTRACT_CLAUSES = "contract-clauses", _("Contract clauses on reversibility")
        SUPPORT_LEVELS = "support-levels", _("Support levels")
        DATA_CLAUSES = "data-clauses", _("Clauses on data")
        MIGRATION_GUIDE = "migration-guide", _("Migration guide")
        TRAINING = "training", _("Training material")
        USER_GUIDE = "user-guide", _("User guide")
        DELIBERATION = "deliberation", _("Deliberation template")
        EXTERNAL_TRAINING = "external-training", _("Training elsewhere (online course, MOOC)")

    class Language(models.TextChoices):
        FR = "fr", _("French")
        EN = "en", _("English")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired by a curator")

    software = models.ForeignKey(
        Software, verbose_name=_("software"), on_delete=models.CASCADE, related_name="resources"
    )
    version = models.CharField(_("version covered"), max_length=50, blank=True)
    module = models.CharField(_("module"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_vehicle = models.CharField(
        _("legal vehicle"),
        max_length=12,
        choices=LegalVehicle.choices,
        blank=True,
        help_text=_("For a deliberation template: the vehicle it is written for."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(3000)]
    )
    licence = models.CharField(
        _("licence"), max_length=100, help_text=_("For example CC-BY-4.0 or Etalab-2.0.")
    )
    author_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("author organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    published_on = models.DateField(_("date of the document"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(
        _("file"), storage=ResourceStorage(), upload_to=stored_name, blank=True, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=120, blank=True)
    content_type = models.CharField(_("type of the file"), max_length=80, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    external_url = models.URLField(
        _("address of the course or document"),
        blank=True,
        help_text=_("For training elsewhere: a Moodle course, a MOOC."),
    )
    experiences = models.ManyToManyField(
        Experience,
        verbose_name=_("experiences that cite it"),
        blank=True,
        related_name="cited_resources",
    )
    # The text extracted from the file, and the folded words searched (catalog.search.words).
    text = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    featured = models.BooleanField(_("featured by a curator"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-featured", "-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = words(f"{self.title} {self.description} {self.text}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("resource", kwargs={"pk": self.pk})  # a site-level page (web.pages)

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.EXTERNAL_TRAINING and not self.external_url:
            raise ValidationError({"external_url": _("Give the address of the course.")})
        if not self.file and not self.external_url:
            raise ValidationError(_("Upload a file or give the address of the document."))
        if self.legal_vehicle and self.kind != self.Kind.DELIBERATION:
            raise ValidationError(
                {"legal_vehicle": _("Only a deliberation template has a legal vehicle.")}
            )


class Usefulness(models.Model):
    """A member found the resource useful; one mark per person."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("useful mark")
        verbose_name_plural = _("useful marks")
        constraints = [
            models.UniqueConstraint(fields=["resource", "user"], name="one_useful_mark_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.resource}"
