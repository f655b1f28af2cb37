"""Outcomes of a deployment: dated figures that an organisation's members record on its
usage declaration (costs, time to deploy, citizen interactions, satisfaction, training)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from communs.usage.models import UsageDeclaration


class Metric(models.TextChoices):
    COST_LICENCES = "cost_licences", _("Licences, per year (€)")
    COST_DEVELOPMENT = "cost_development", _("Development, per year (€)")
    COST_HOSTING = "cost_hosting", _("Hosting, per year (€)")
    COST_SUPPORT = "cost_support", _("Support, per year (€)")
    COST_TRAINING = "cost_training", _("Training, per year (€)")
    INVESTMENT = "investment", _("One-off cost of the move (€)")
    DEPLOY_DAYS = "deploy_days", _("Time to deploy (days)")
    ONLINE_PROCEDURES = "online_procedures", _("Online procedures completed")
    FORMS = "forms", _("Forms submitted")
    VISITS = "visits", _("Visits")
    SATISFACTION = "satisfaction", _("Users or citizens satisfied (%)")
    STAFF_TRAINED = "staff_trained", _("Staff trained (people)")


# Yearly costs, compared before and after the move.
COST_METRICS = (
    Metric.COST_LICENCES,
    Metric.COST_DEVELOPMENT,
    Metric.COST_HOSTING,
    Metric.COST_SUPPORT,
    Metric.COST_TRAINING,
)
# Citizen interactions, counted over a period before and over a comparable period after.
INTERACTION_METRICS = (Metric.ONLINE_PROCEDURES, Metric.FORMS, Metric.VISITS)
# Figures that only mean something as a before/after pair.
PAIRED_METRICS = COST_METRICS + INTERACTION_METRICS


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the move")
    AFTER = "after", _("After the move")
    NONE = "", _("Not applicable")


class Measurement(models.Model):
    """One figure, with the period it covers and where it comes from."""

    declaration = models.ForeignKey(
        UsageDeclaration,
        verbose_name=_("usage declaration"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    metric = models.CharField(_("what is measured"), max_length=20, choices=Metric.choices)
    phase = models.CharField(_("before or after"), max_length=6, choices=Phase.choices, blank=True)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where the figure comes from: a budget line, a statistics tool, a survey."),
    )
    survey_size = models.PositiveIntegerField(_("people surveyed"), null=True, blank=True)
    survey_method = models.CharField(_("survey method"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["metric", "phase", "-period_end", "-recorded_at"]
        indexes = [models.Index(fields=["declaration", "metric"])]

    def __str__(self) -> str:
        return f"{self.declaration} – {self.metric} {self.phase} {self.value}"

    @property
    def period_days(self) -> int:
        return (self.period_end - self.period_start).days + 1

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = str(_("The period ends before it starts."))
        if self.metric in PAIRED_METRICS and not self.phase:
            errors["phase"] = str(_("Say whether this figure is from before or after the move."))
        if self.metric not in PAIRED_METRICS and self.phase:
            errors["phase"] = str(
                _("This figure is not compared before and after: leave it empty.")
            )
        if self.metric == Metric.SATISFACTION:
            if self.value is not None and self.value > 100:
                errors["value"] = str(_("A share of satisfied people is at most 100 %."))
            if not self.survey_size:
                errors["survey_size"] = str(_("Say how many people answered the survey."))
            if not self.survey_method.strip():
                errors["survey_method"] = str(_("Say how the survey was made."))
        if errors:
            raise ValidationError(errors)
