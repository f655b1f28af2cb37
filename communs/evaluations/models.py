"""Evaluations of catalogue software: the engine's reports, the jobs that compute them, and
the right of reply of maintainers and providers."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Software
from communs.evaluation import METHOD_VERSION, Criterion
from communs.evaluations.querysets import EvaluationQuerySet, JobQuerySet
from communs.evaluations.reading import ReportReading, read_report

# Sent (with ``software_ids``) after writes of jobs or replies made by an UPDATE, which sends
# no post_save: what keeps a software's page in a cache (web/fragments.py) drops it.
evaluations_written = Signal()


def announce_written(software_ids: list[int]) -> None:
    """Tell the caches that these software's jobs or replies changed without post_save."""
    if software_ids:
        evaluations_written.send(sender=EvaluationJob, software_ids=sorted(set(software_ids)))


# Each criterion has a column (for lists and ranks); a test fails when one lacks its column.
CRITERIA = [criterion.value for criterion in Criterion]


class Evaluation(models.Model):
    """One report of the engine, stored whole, with its criterion scores copied for lists."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="evaluations")
    target = models.CharField(_("repository"), max_length=500)
    head = models.CharField(_("evaluated commit"), max_length=64, blank=True)
    as_of = models.DateTimeField(_("evaluated as of"))
    method_version = models.CharField(_("method version"), max_length=20)
    report = models.JSONField(_("report"))
    community = models.FloatField(_("community"), null=True, blank=True)
    practices = models.FloatField(_("practices"), null=True, blank=True)
    security = models.FloatField(_("security"), null=True, blank=True)
    integration = models.FloatField(_("integration"), null=True, blank=True)
    created_at = models.DateTimeField(_("stored on"), auto_now_add=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-as_of", "-pk"]
        indexes = [
            models.Index(fields=["software", "-as_of"]),
            # The home page and the compare picker read the newest evaluations first.
            models.Index(fields=["-as_of", "-id"], name="evaluation_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.software} @ {self.head[:10]} ({self.as_of:%Y-%m-%d})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        reading = read_report(self.report)
        for criterion in Criterion:
            setattr(self, criterion.value, reading.score(criterion))
        super().save(*args, **kwargs)

    @cached_property
    def reading(self) -> ReportReading:
        """The stored report, typed (the only way pages read it)."""
        return read_report(self.report)

    def is_current_method(self) -> bool:
        return self.method_version == METHOD_VERSION

    def score(self, criterion: Criterion) -> float | None:
        return getattr(self, criterion.value)  # type: ignore[no-any-return]

    def scores(self) -> list[tuple[Criterion, float | None]]:
        return [(criterion, self.score(criterion)) for criterion in Criterion]


class EvaluationJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="evaluation_jobs")

    class Failure(models.TextChoices):
        """Why a job failed; the page says it in the reader's language (see failure_reason)."""

        UNREACHABLE = "unreachable", _("Repository host unreachable")
        TIMEOUT = "timeout", _("Download too slow")
        TOO_LARGE = "too_large", _("Repository too large")
        DOWNLOAD_FAILED = "download_failed", _("Download refused")
        INVALID = "invalid", _("Repository address or folder not usable")
        GIT = "git", _("git failed")
        NOT_EVALUABLE = "not_evaluable", _("No repository")
        INTERRUPTED = "interrupted", _("Worker stopped")
        UNEXPECTED = "unexpected", _("Unexpected error")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    failure = models.CharField(_("failure"), max_length=20, choices=Failure.choices, blank=True)
    # The technical detail, in English as git and the engine say it, for curators.
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evaluation = models.ForeignKey(Evaluation, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    started_at = models.DateTimeField(_("started on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    # The lease of a running job: the worker that holds it renews heartbeat_at; a job whose
    # heartbeat is older than EVALUATION_JOB_LEASE_SECONDS lost its worker and is requeued.
    lease = models.CharField(_("lease"), max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation job")
        verbose_name_plural = _("evaluation jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Two requests for the same software while one is pending give one job.
            models.UniqueConstraint(
                fields=["software"],
                condition=Q(status__in=["queued", "running"]),
                name="one_pending_job_per_software",
            )
        ]

    def __str__(self) -> str:
        return f"{self.software} – {self.get_status_display()}"

    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def failure_reason(self) -> str:
        """Why the job failed, in the reader's language."""
        return failure_reason(self)

    def duration(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class CheckComment(models.Model):
    """A maintainer's or provider's public reply to a check result ("right of reply")."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by a curator")

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="check_comments")
    check_id = models.CharField(_("check"), max_length=80)
    # Kept when the account is deleted, shown as written by a former member.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="check_comments",
    )
    body = models.TextField(_("comment"), validators=[MaxLengthValidator(2000)])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    moderation_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written on"), default=timezone.now)

    class Meta:
        verbose_name = _("reply to a check")
        verbose_name_plural = _("replies to checks")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.software} / {self.check_id} by {self.author}"


class SoftwareAccount(models.Model):
    """An account linked to a software as its maintainer or as a provider, which may reply."""

    class Role(models.TextChoices):
        MAINTAINER = "maintainer", _("Maintainer")
        PROVIDER = "provider", _("Provider")

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="accounts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="software_links"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("account linked to a software")
        verbose_name_plural = _("accounts linked to software")
        constraints = [
            models.UniqueConstraint(fields=["software", "user"], name="one_link_per_account")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.software} ({self.get_role_display()})"


def failure_reason(job: EvaluationJob) -> str:
    host = _host(job.software.repository_url) if job.software.repository_url else ""
    reasons = {
        EvaluationJob.Failure.UNREACHABLE: _(
            "This server cannot reach %(host)s; evaluations of remote repositories resume "
            "when it can."
        ),
        EvaluationJob.Failure.TIMEOUT: _(
            "The repository took too long to download; it will be tried again later."
        ),
        EvaluationJob.Failure.TOO_LARGE: _(
            "The repository is larger than this server accepts to download."
        ),
        EvaluationJob.Failure.DOWNLOAD_FAILED: _(
            "%(host)s refused to give the repository: check the address in the entry."
        ),
        EvaluationJob.Failure.INVALID: _(
            "The repository address or folder of this entry cannot be evaluated: check it."
        ),
        EvaluationJob.Failure.GIT: _("git could not read the repository."),
        EvaluationJob.Failure.NOT_EVALUABLE: _(
            "This software has no source code repository to evaluate."
        ),
        EvaluationJob.Failure.INTERRUPTED: _(
            "The worker stopped before the evaluation finished; it can be requested again."
        ),
        EvaluationJob.Failure.UNEXPECTED: _(
            "An unexpected error stopped the evaluation; the administrators can read it in the log."
        ),
    }
    reason = reasons.get(job.failure, reasons[EvaluationJob.Failure.UNEXPECTED])  # type: ignore[call-overload]
    return str(reason) % {"host": host or _("the repository's host")}


def _host(url: str) -> str:
    from communs.evaluation.targets import TargetError, parse_url

    try:
        return parse_url(url).host
    except TargetError:
        return ""
