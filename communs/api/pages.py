"""The HTML pages of the api app: an organisation's administrators manage its tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.api.forms import TokenForm
from communs.api.models import ApiToken
from communs.api.services import token_create, token_revoke
from communs.territories.models import Organisation


def _organisation_for_admin(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.is_admin(request.user):
        raise PermissionDenied
    return organisation


@login_required
def token_list(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_for_admin(request, pk)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, secret = token_create(
            organisation=organisation,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            by=request.user,
        )
        # Shown on this answer only: it is not stored, so it cannot be shown again.
        created = {"token": token, "secret": secret}
        form = TokenForm()
    return render(
        request,
        "api/token_list.html",
        {
            "organisation": organisation,
            "tokens": organisation.api_tokens.select_related("created_by", "revoked_by"),
            "form": form,
            "created": created,
        },
        status=400 if request.method == "POST" and created is None else 200,
    )


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int, token_id: int) -> HttpResponse:
    organisation = _organisation_for_admin(request, pk)
    token = get_object_or_404(ApiToken, pk=token_id, organisation=organisation)
    token_revoke(token=token, by=request.user)
    messages.success(
        request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("api_tokens:list", pk=organisation.pk)
