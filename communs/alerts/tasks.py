"""Celery tasks, used in scale mode (beat runs them; see CELERY_BEAT_SCHEDULE)."""

from __future__ import annotations

from celery import shared_task

from communs.alerts.services import alerts_run


@shared_task(name="communs.alerts.run")  # type: ignore[untyped-decorator]
def run_alerts() -> dict[str, int]:
    done = alerts_run()
    return {"events": done.events, "emails": done.emails, "deliveries": done.deliveries}
