"""Usage declarations: an organisation says that it uses a software, and how."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communs.catalog.models import Software
from communs.territories.models import Organisation


class UsageDeclaration(models.Model):
    class Status(models.TextChoices):
        PRODUCTION = "production", _("In production")
        EVALUATING = "evaluating", _("Being evaluated")
        ABANDONED = "abandoned", _("Abandoned")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="usage_declarations"
    )
    software = models.ForeignKey(
        Software, on_delete=models.CASCADE, related_name="usage_declarations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    abandon_reason = models.TextField(
        _("why it was abandoned"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    since = models.DateField(_("in use since"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    modules = models.CharField(_("modules used"), max_length=300, blank=True)
    users_count = models.PositiveIntegerField(_("number of agents or users"), null=True, blank=True)
    instance_url = models.URLField(_("address of the instance"), blank=True)
    instance_public = models.BooleanField(_("the instance is public"), default=False)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referent_for",
    )
    notes = models.TextField(_("notes"), blank=True, validators=[MaxLengthValidator(5000)])
    created_at = models.DateTimeField(_("declared on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("usage declaration")
        verbose_name_plural = _("usage declarations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "software"], name="one_declaration_per_software"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.software}"

    def can_be_edited_by(self, user: object) -> bool:
        return self.organisation.is_member(user)
