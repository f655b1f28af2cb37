"""Sign-up with a verified email address."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    email = forms.EmailField(label=gettext_lazy("Email address"))

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account already uses this address."))
        return str(email)


def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.is_active = False  # until the address is verified
        user.save()
        link = request.build_absolute_uri(
            reverse(
                "accounts:verify",
                kwargs={
                    "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        )
        send_mail(
            _("Confirm your Communs account"),
            _("Open this link to confirm your address: %(link)s") % {"link": link},
            None,
            [user.email],
        )
        return render(request, "accounts/check_email.html", {"email": user.email})
    return render(request, "accounts/signup.html", {"form": form})


def verify(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uid).decode()))
    except (ValueError, User.DoesNotExist, UnicodeDecodeError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/verify.html", {"ok": False}, status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return render(request, "accounts/verify.html", {"ok": True})
