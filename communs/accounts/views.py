"""Sign-up with a verified email address, and a password reset that cannot be flooded."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext_lazy

from communs.accounts.models import AccountConfirmation
from communs.accounts.services import account_confirm, account_signup, accounts_expire_unconfirmed
from communs.accounts.throttling import PASSWORD_RESET_LIMITS, SIGNUP_LIMITS, rate_limited
from communs.accounts.tokens import address_confirmation_token


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    # Whether the address is taken is never said here: the address's owner is told by email.
    # autocomplete tokens let browsers and assistive tools fill the field (WCAG 1.3.5).
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}


@rate_limited(group="signup", limits=SIGNUP_LIMITS)
def signup(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        accounts_expire_unconfirmed()  # frees the usernames of expired accounts
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        account_signup(
            username=form.cleaned_data["username"],
            email=email,
            password=form.cleaned_data["password1"],
            absolute=request.build_absolute_uri,
        )
        return render(
            request,
            "accounts/check_email.html",
            {"email": email.lower(), "confirmation_days": settings.ACCOUNT_CONFIRMATION_DAYS},
        )
    return render(request, "accounts/signup.html", {"form": form})


def verify(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uid).decode()))
    except (ValueError, User.DoesNotExist, UnicodeDecodeError):
        user = None
    confirmation = AccountConfirmation.objects.filter(user=user).first() if user else None
    if (
        user is None
        or confirmation is None
        or confirmation.is_expired()
        or not address_confirmation_token.check_token(user, token)
    ):
        return render(request, "accounts/verify.html", {"ok": False}, status=400)
    account_confirm(user=user)
    # The link proves the address: the person is signed in, as if they had just signed up.
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # Where signing in leads (the person's space), named by the settings, not by this layer.
    next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/verify.html", {"ok": True, "next_url": next_url})


password_reset = rate_limited(group="password-reset", limits=PASSWORD_RESET_LIMITS)(
    auth_views.PasswordResetView.as_view()
)
