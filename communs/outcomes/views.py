from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog.models import Category, Software
from communs.catalog.vocabulary import CATEGORY_LABELS
from communs.french import with_prepositions
from communs.outcomes import selectors
from communs.outcomes.benchmarks import MIN_ORGANISATIONS
from communs.outcomes.forms import MeasurementForm
from communs.outcomes.models import Measurement
from communs.outcomes.services import measurement_delete, measurement_record
from communs.territories.services import NotAllowed
from communs.usage.models import UsageDeclaration


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


@login_required
def declaration_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    """A declaration's figures and indicators, for its organisation's members only: one
    organisation's figures are published only inside a benchmark of five or more."""
    declaration = get_object_or_404(
        UsageDeclaration.objects.select_related("organisation", "software"), pk=pk
    )
    if not declaration.can_be_edited_by(request.user):
        return refused(
            request,
            with_prepositions(
                _("Only members of %(name)s see and record its outcomes.")
                % {"name": declaration.organisation.name},
                declaration.organisation,
            ),
        )
    form = MeasurementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            measurement_record(declaration=declaration, values=form.cleaned_data, by=request.user)
        except NotAllowed as error:
            return refused(request, str(error))
        messages.success(request, _("The figure is recorded."))
        return redirect("outcomes:declaration", pk=declaration.pk)
    return render(
        request,
        "outcomes/declaration.html",
        {
            "declaration": declaration,
            "measurements": declaration.measurements.select_related("recorded_by"),
            "indicators": selectors.declaration_indicators(declaration),
            "form": form,
        },
    )


@login_required
@require_POST
def measurement_remove(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = get_object_or_404(
        Measurement.objects.select_related("declaration__organisation"), pk=pk
    )
    try:
        measurement_delete(measurement=measurement, by=request.user)
    except NotAllowed as error:
        return refused(request, str(error))
    messages.success(request, _("The figure is removed."))
    return redirect("outcomes:declaration", pk=measurement.declaration_id)


def software_benchmark(request: HttpRequest, slug: str) -> HttpResponse:
    software = get_object_or_404(Software.objects.published(), slug=slug)
    return render(
        request,
        "outcomes/benchmark.html",
        {
            "subject": software.name,
            "back_url": software.get_absolute_url(),
            "minimum": MIN_ORGANISATIONS,
            **selectors.benchmark_page(selectors.software_benchmark(software)),
        },
    )


def category_benchmark(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in CATEGORY_LABELS:
        raise Http404(_("There is no such category."))
    category = get_object_or_404(Category, slug=slug)
    return render(
        request,
        "outcomes/benchmark.html",
        {
            "subject": category.label,
            "back_url": category.get_absolute_url(),
            "minimum": MIN_ORGANISATIONS,
            **selectors.benchmark_page(selectors.category_benchmark(slug)),
        },
    )


def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outcome-benchmarks.csv"'
    names = [name for name, _type, _description in selectors.EXPORT_COLUMNS]
    writer = csv.DictWriter(response, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in selectors.export_rows():
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return response


def export_schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        json.dumps(selectors.export_schema(), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
