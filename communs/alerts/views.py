from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from communs.alerts.forms import PreferenceForm, WebhookForm
from communs.alerts.models import AlertPreference, Webhook
from communs.alerts.services import (
    WebhookRefused,
    preference_of,
    preference_save,
    unsubscribe_user,
    webhook_create,
    webhook_deactivate,
)
from communs.territories.models import Organisation


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    preference = preference_of(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        preference_save(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your alert preferences are saved."))
        return redirect("alerts:preferences")
    return render(
        request,
        "alerts/preferences.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


# Reached from an email, signed in or not: the signed token is the proof. Mail clients that
# follow RFC 8058 post to it directly ("List-Unsubscribe-Post"), without a CSRF token.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user = unsubscribe_user(token)
    if user is None:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        preference_save(user=user, frequency=AlertPreference.Frequency.NONE)
        done = True
    return render(request, "alerts/unsubscribe.html", {"done": done, "token": token})


def _organisation_for_admin(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.is_admin(request.user):
        raise PermissionDenied
    return organisation


@login_required
def hooks(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for_admin(request, pk)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hook = webhook_create(
                organisation=organisation, url=form.cleaned_data["url"], by=request.user
            )
        except WebhookRefused as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, _("The webhook is added: its secret is on its page."))
            return redirect(hook.get_absolute_url())
    return render(
        request,
        "alerts/hooks.html",
        {"organisation": organisation, "hooks": organisation.webhooks.all(), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def hook(request: HttpRequest, pk: int, hook_id: int) -> HttpResponse:
    organisation = _organisation_for_admin(request, pk)
    found = get_object_or_404(Webhook, pk=hook_id, organisation=organisation)
    deliveries = found.deliveries.select_related("event__software").prefetch_related("log")[:100]
    return render(
        request,
        "alerts/hook.html",
        {"organisation": organisation, "hook": found, "deliveries": deliveries},
    )


@require_POST
@login_required
def hook_deactivate(request: HttpRequest, pk: int, hook_id: int) -> HttpResponse:
    organisation = _organisation_for_admin(request, pk)
    found = get_object_or_404(Webhook, pk=hook_id, organisation=organisation)
    webhook_deactivate(webhook=found, by=request.user)
    messages.success(request, _("The webhook is turned off: nothing more is sent to it."))
    return redirect("alerts:hooks", pk=organisation.pk)
