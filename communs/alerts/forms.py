from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from communs.alerts.models import AlertPreference, Webhook


class PreferenceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AlertPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {
            "frequency": _(
                "Alerts concern the software your organisations declared: a drop of the "
                "security score, a known vulnerability in a dependency, a new release, a "
                "shared need or a co-funding campaign."
            )
        }


class WebhookForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Webhook
        fields = ["url"]
        help_texts = {
            "url": _("Communs posts each event there as JSON, signed with the hook's secret.")
        }
