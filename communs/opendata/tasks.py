"""Celery task, used in scale mode: beat asks every quarter of an hour, it exports nightly."""

from __future__ import annotations

from celery import shared_task

from communs.opendata.services import opendata_export_if_due, opendata_export_if_missing


@shared_task(name="communs.opendata.export_if_due")  # type: ignore[untyped-decorator]
def export_if_due() -> bool:
    return opendata_export_if_due() is not None


@shared_task(name="communs.opendata.export_if_missing")  # type: ignore[untyped-decorator]
def export_if_missing() -> bool:
    return opendata_export_if_missing() is not None
