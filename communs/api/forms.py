from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from communs.api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses it, for example “our GIS portal”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may write"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing it may write.")},
    )
