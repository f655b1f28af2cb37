from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from communs.catalog.admin import SoftwareAdmin
from communs.evaluations.models import (
    CRITERIA,
    CheckComment,
    Evaluation,
    EvaluationJob,
    SoftwareAccount,
    announce_written,
)
from communs.evaluations.services import NotEvaluable, job_cancel, job_request


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "software",
        "as_of",
        "method_version",
        *CRITERIA,
    ]
    list_filter = ["method_version"]
    search_fields = ["software__name", "head"]
    readonly_fields = [
        "software",
        "target",
        "head",
        "as_of",
        "method_version",
        "report",
        *CRITERIA,
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # evaluations come from the engine only


@admin.action(description=_("Cancel the selected jobs"))
def cancel_jobs(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    cancelled = sum(job_cancel(job=job, by=request.user) for job in queryset)
    messages.success(request, _("%(count)d jobs cancelled.") % {"count": cancelled})


@admin.action(description=_("Retry the selected jobs"))
def retry_jobs(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    """A new job for each software whose selected job failed or was cancelled."""
    retried, refused = 0, []
    for job in queryset.filter(status__in=["failed", "cancelled"]).select_related("software"):
        try:
            job_request(software=job.software, by=request.user)
            retried += 1
        except NotEvaluable:
            refused.append(job.software.name)
    messages.success(request, _("%(count)d evaluations requested.") % {"count": retried})
    if refused:
        messages.warning(
            request, _("Without a repository: %(names)s") % {"names": ", ".join(refused)}
        )


@admin.register(EvaluationJob)
class EvaluationJobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "software",
        "status",
        "failure",
        "attempts",
        "created_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
    ]
    list_filter = ["status", "failure"]
    search_fields = ["software__name", "error"]
    actions = [cancel_jobs, retry_jobs]
    readonly_fields = [
        "software",
        "status",
        "failure",
        "error",
        "requested_by",
        "evaluation",
        "created_at",
        "started_at",
        "heartbeat_at",
        "attempts",
        "finished_at",
    ]
    exclude = ["lease"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.action(description=_("Evaluate now"))
def evaluate_now(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    queued, refused = 0, []
    for software in queryset:
        try:
            job_request(software=software, by=request.user)
            queued += 1
        except NotEvaluable:
            refused.append(software.name)
    messages.success(request, _("%(count)d evaluations requested.") % {"count": queued})
    if refused:
        messages.warning(
            request, _("Without a repository: %(names)s") % {"names": ", ".join(refused)}
        )


# The catalogue's admin knows nothing of evaluations (a higher layer): the action is added here.
SoftwareAdmin.actions = [*(SoftwareAdmin.actions or ()), evaluate_now]  # type: ignore[misc]


@admin.action(description=_("Hide the selected replies"))
def hide(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    software_ids = list(queryset.values_list("software_id", flat=True))
    queryset.update(status=CheckComment.Status.HIDDEN)
    announce_written(software_ids)


@admin.register(CheckComment)
class CheckCommentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["software", "check_id", "author", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["software__name", "body", "author__username"]
    fields = ["software", "check_id", "author", "body", "created_at", "status", "moderation_reason"]
    readonly_fields = ["software", "check_id", "author", "body", "created_at"]
    actions = [hide]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SoftwareAccount)
class SoftwareAccountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "software", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "software__name"]
    autocomplete_fields = ["software", "user"]
