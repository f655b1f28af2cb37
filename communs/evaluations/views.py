"""Evaluation pages and actions: evaluate now, reply to a check, compare, methodology."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog.models import Software
from communs.evaluation import CHECKS, Criterion
from communs.evaluation.registry import METHOD_HISTORY, METHOD_VERSION
from communs.evaluation.report import SCHEMA_VERSION
from communs.evaluations.methodology import documented
from communs.evaluations.models import Evaluation
from communs.evaluations.presentation import CRITERION_LABELS, level
from communs.evaluations.services import (
    NotEvaluable,
    ReplyRefused,
    comment_create,
    job_request,
)
from communs.evaluations.templatetags.evaluations import out_of_ten
from communs.evaluations.wording import possible_results

MIN_COMPARED, MAX_COMPARED = 2, 4
PICKER_SIZE = 60


@require_POST
def evaluate_now(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_staff:
        return HttpResponseForbidden(_("Only curators can start an evaluation."))
    software = get_object_or_404(Software, slug=slug)
    try:
        job = job_request(software=software, by=request.user)
    except NotEvaluable as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Evaluation requested (%(status)s).") % {"status": job.get_status_display()}
        )
    return redirect(software.get_absolute_url() + "#evaluation")


@login_required
@require_POST
def reply(request: HttpRequest, slug: str, check_id: str) -> HttpResponse:
    software = get_object_or_404(Software.objects.published(), slug=slug)
    try:
        comment_create(
            software=software,
            check_id=check_id,
            author=request.user,
            body=request.POST.get("body", ""),
        )
    except ReplyRefused as refused:
        return render(request, "403.html", {"reason": str(refused)}, status=403)
    except ValidationError as error:  # a reply longer than the limit
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("Your reply is published."))
    return redirect(f"{software.get_absolute_url()}#check-{check_id}")


def _latest(software: Software) -> Any:
    return software.evaluations.order_by("-as_of", "-pk").first()


def compare(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/compare.html", compare_context(request))


def compare_context(request: HttpRequest) -> dict[str, Any]:
    """The chosen software side by side, and the picker (the web layer may keep it rendered)."""
    slugs = list(dict.fromkeys(request.GET.getlist("s")))[:10]
    found = {
        s.slug: s
        for s in Software.objects.published().filter(slug__in=slugs).prefetch_related("providers")
    }
    notices = []
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        notices.append(
            _("Unknown software ignored: %(names)s.") % {"names": ", ".join(unknown)[:200]}
        )
    chosen = [found[slug] for slug in slugs if slug in found][:MAX_COMPARED]
    if len([slug for slug in slugs if slug in found]) > MAX_COMPARED:
        notices.append(
            _("At most %(max)d software can be compared; the first ones are shown.")
            % {"max": MAX_COMPARED}
        )
    if len(chosen) < MIN_COMPARED:
        notices.append(_("Choose between 2 and 4 software to compare."))
    columns = []
    for software in chosen if len(chosen) >= MIN_COMPARED else []:
        evaluation = _latest(software)
        facts = evaluation.reading.facts if evaluation else None
        columns.append(
            {
                "software": software,
                "evaluation": evaluation,
                "facts": facts,
                "last_release": (
                    parse_datetime(facts.last_release_at)
                    if facts and facts.last_release_at
                    else None
                ),
            }
        )
    rows = [
        (
            CRITERION_LABELS[criterion],
            [_score_cell(column["evaluation"], criterion) for column in columns],
        )
        for criterion in Criterion
    ]
    return {
        "columns": columns,
        "rows": rows,
        "notices": notices,
        "all_software": picker(chosen),
        "chosen": [s.slug for s in chosen],
    }


def picker(chosen: list[Software]) -> list[Software]:
    """What the picker offers: the chosen software and the PICKER_SIZE evaluated last, by
    name; others are compared from their category's page or by address."""
    recent = Evaluation.objects.filter(software__status=Software.Status.PUBLISHED).newest_software(
        PICKER_SIZE
    )
    ids = set(recent) | {software.pk for software in chosen}
    return list(Software.objects.filter(pk__in=ids).only("slug", "name").order_by("search_name"))


def _score_cell(evaluation: Any, criterion: Criterion) -> str:
    if evaluation is None:
        return _("Not evaluated")
    score = evaluation.score(criterion)
    if score is None:
        return level(None)
    return f"{out_of_ten(score)} ({level(score)})"


def methodology(request: HttpRequest) -> HttpResponse:
    criteria = []
    for criterion in Criterion:
        members = [check for check in CHECKS if check.criterion is criterion]
        total = sum(check.weight for check in members)
        criteria.append(
            {
                "id": criterion.value,
                "label": CRITERION_LABELS[criterion],
                "checks": [
                    {
                        "id": check.id,
                        "weight": check.weight,
                        "share": round(100 * check.weight / total),
                        "messages": possible_results(check),
                        **documented(check.documentation),
                    }
                    for check in members
                ],
            }
        )
    return render(
        request,
        "evaluations/methodology.html",
        {
            "criteria": criteria,
            "method_version": METHOD_VERSION,
            "history": [
                {"version": v, "date": date.fromisoformat(d), "change": _(c)}
                for v, d, _fp, c in METHOD_HISTORY
            ],
            "schema_version": SCHEMA_VERSION,
        },
    )
