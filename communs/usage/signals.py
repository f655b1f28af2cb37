"""What happens to usage data when an account is deleted: content stays, changes are recorded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from communs.usage.models import UsageDeclaration


@receiver(pre_delete, sender=get_user_model(), dispatch_uid="usage-referent-account-deleted")
def referent_account_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Remove the person as referent through save(), so the declaration's history says so.

    Without this, the database would clear the referent silently (SET_NULL) and the
    history would not show when, or why, the declaration lost its referent. Their consent
    to be contacted goes with them.
    """
    for declaration in UsageDeclaration.objects.filter(referent=instance):
        declaration.referent = None
        declaration.referent_contactable = False
        declaration._change_reason = _(  # type: ignore[attr-defined]
            "The referent's account was deleted."
        )
        declaration.save()
