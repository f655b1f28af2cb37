"""Notification preferences, and the unsubscribe link every pooling email carries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from communs.mutualisation import services
from communs.mutualisation.forms import NotificationPreferenceForm
from communs.mutualisation.models import NotificationKind, NotificationPreference
from communs.mutualisation.notifications import read_unsubscribe_token


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    preference = NotificationPreference.objects.filter(user_id=request.user.pk or 0).first()
    initial = {
        "kinds": [k for k in NotificationKind.values if preference is None or preference.wants(k)],
        "none": preference.none if preference else False,
        "language": preference.language if preference else "fr",
    }
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.notification_preference_save(
            user=request.user,
            wanted=form.cleaned_data["kinds"],
            none=form.cleaned_data["none"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your email preferences are saved."))
        return redirect("mutualisation:notification_preferences")
    return render(
        request,
        "mutualisation/notification_preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# The token is the credential (signed, naming one person and one kind): the link works
# without signing in, and mail clients post to it for RFC 8058 one-click unsubscribe, which
# carries no CSRF token. A plain GET only shows the button, so that link scanners that
# open every address in a message unsubscribe nobody.
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if found is None or user is None:
        return render(
            request,
            "mutualisation/unsubscribe.html",
            {"invalid": True},
            status=400,
        )
    kind = found[1]
    done = ""
    if request.method == "POST":
        every = request.POST.get("scope") == "all"
        services.notification_unsubscribe(user=user, kind=None if every else kind)
        done = "all" if every else "kind"
    return render(
        request,
        "mutualisation/unsubscribe.html",
        {"kind_label": NotificationKind(kind).label, "done": done, "token": token},
    )
