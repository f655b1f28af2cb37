"""Scheduled work of pooling: in scale mode a Celery task that beat sends every hour
(CELERY_BEAT_SCHEDULE); in the embedded mode the evaluation worker runs the same function."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from communs.mutualisation.services import campaigns_expire


def expire_overdue_campaigns() -> int:
    """Expire the open campaigns whose deadline has passed; emails link to SITE_URL."""
    return campaigns_expire(
        today=timezone.localdate(), absolute=lambda path: settings.SITE_URL + path
    )


@shared_task(name="communs.mutualisation.expire_campaigns")
def expire_campaigns() -> int:
    return expire_overdue_campaigns()
