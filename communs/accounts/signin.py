"""Signing in, and what to do when the address is not confirmed yet.

Django refuses an inactive account with the same words as a wrong password. A person who
gives the right password of an account that waits for its confirmation is told what is
missing, and may ask for the link again; nobody else learns that the account exists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from communs.accounts.models import AccountConfirmation
from communs.accounts.services import confirmation_send

# The session remembers which account proved its password but is not confirmed yet.
UNCONFIRMED = "accounts.unconfirmed_user"


def account_typed(given: str) -> str:
    """The username of the account a person typed: an email address stands for the one
    account registered with it (in any case); anything else is taken as typed. An address
    that is nobody's, or several accounts', is kept, in lower case, so that its spellings
    are one identifier for the sign-in limits too."""
    given = given.strip()
    if "@" not in given:
        return given
    user_model = get_user_model()
    matches = list(
        user_model._default_manager.filter(email__iexact=given).values_list(
            user_model.USERNAME_FIELD, flat=True
        )[:2]
    )
    return str(matches[0]) if len(matches) == 1 else given.lower()


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "unconfirmed": gettext_lazy(
            "Your address is not confirmed yet: open the link we sent by email to confirm it."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = gettext_lazy("Username or email address")

    def clean_username(self) -> str:
        return account_typed(str(self.cleaned_data.get("username") or ""))

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise  # a locked-out account or address tests no password, not even here
            user = self._unconfirmed_with_right_password()
            if user is None:
                raise
            if self.request is not None:
                self.request.session[UNCONFIRMED] = user.pk
            raise forms.ValidationError(
                self.error_messages["unconfirmed"], code="unconfirmed"
            ) from None

    def _unconfirmed_with_right_password(self) -> Any:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return None
        user_model = get_user_model()
        # Only accounts waiting for their confirmation: not those a curator deactivated.
        user = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: username},
            is_active=False,
            confirmation__in=AccountConfirmation.objects.pending(),
        ).first()
        if user is None or not user.check_password(password):
            return None
        return user


class SignInView(LoginView):
    authentication_form = SignInForm

    def form_invalid(self, form: Any) -> HttpResponse:
        unconfirmed = any(error.code == "unconfirmed" for error in form.non_field_errors().data)
        context = self.get_context_data(form=form, unconfirmed=unconfirmed)
        return self.render_to_response(context)


@require_POST
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again to the account that just proved its password."""
    user_pk = request.session.pop(UNCONFIRMED, None)
    user = (
        get_user_model()
        ._default_manager.filter(
            pk=user_pk,
            is_active=False,
            confirmation__in=AccountConfirmation.objects.pending(),
        )
        .first()
        if user_pk
        else None
    )
    if user is None:
        return redirect("login")
    # The same link as at sign-up; resending never extends the account's time to confirm.
    confirmation_send(user=user, absolute=request.build_absolute_uri)
    return render(
        request,
        "accounts/check_email.html",
        {"email": user.email, "confirmation_days": settings.ACCOUNT_CONFIRMATION_DAYS},
    )
