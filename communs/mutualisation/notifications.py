"""Pooling emails: each person gets them in their language, only of the kinds they want,
with a link that unsubscribes them in one click (a token signed with django.core.signing,
so the link works without signing in and cannot be forged for someone else)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from communs.mutualisation.models import NotificationKind, NotificationPreference

SALT = "communs.mutualisation.unsubscribe"


def email_language(user: Any) -> str:
    """The language a person chose for the emails of Communs (on the notifications page),
    else the site's."""
    chosen = (
        NotificationPreference.objects.filter(user=user).values_list("language", flat=True).first()
    )
    return chosen or settings.LANGUAGE_CODE


def unsubscribe_token(user: Any, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The person and kind a token names, or None when it was altered or is not one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in NotificationKind.values:
        return None
    if not isinstance(data.get("u"), int):
        return None
    return data["u"], data["k"]


def _base(page_url: str) -> str:
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def send(
    *,
    kind: str,
    recipients: Iterable[Any],
    subject: Any,
    body: Any,
    params: Mapping[str, Any],
    page_url: str,
) -> int:
    """Send one email per person who wants this kind, in their language.

    `subject` and `body` are lazy translations formatted with `params` (lazy values too)
    once the person's language is active. Returns how many emails went out.
    """
    people = {user.pk: user for user in recipients if user is not None and user.email}
    preferences = {
        p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=list(people))
    }
    base = _base(page_url)
    sent = 0
    for pk in sorted(people):
        user = people[pk]
        preference = preferences.get(pk)
        if preference is not None and not preference.wants(kind):
            continue
        language = (preference.language if preference is not None else "") or (
            settings.LANGUAGE_CODE
        )
        unsubscribe = base + reverse(
            "mutualisation:unsubscribe", kwargs={"token": unsubscribe_token(user, kind)}
        )
        with translation.override(language):
            values = {name: str(value) for name, value in params.items()}
            text = "\n\n".join(
                [
                    str(body) % values,
                    page_url,
                    "-- ",
                    _("Stop these emails in one click: %(url)s") % {"url": unsubscribe},
                    _("Choose which emails you receive: %(url)s")
                    % {"url": base + reverse("mutualisation:notification_preferences")},
                ]
            )
            message = EmailMessage(
                str(subject) % values,
                text,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        message.send()
        sent += 1
    return sent
