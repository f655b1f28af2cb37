"""The nightly dump is due once a day from its hour; it and the alerts are periodic tasks
of the embedded worker (Celery beat runs them in the scale mode)."""

import os
from datetime import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from communs.evaluations.worker import PERIODIC
from communs.opendata.services import opendata_export_due


def test_the_alerts_and_the_nightly_dump_are_periodic_tasks_of_the_embedded_worker():
    assert PERIODIC["alerts"][1].__name__ == "alerts_run"
    assert PERIODIC["opendata-export"][1].__name__ == "opendata_export_if_due"


@pytest.mark.parametrize(
    ("hour", "written_today", "expected"),
    [(2, False, False), (3, False, True), (4, True, False), (23, False, True)],
)
def test_the_dump_is_due_once_a_day_from_its_hour(
    tmp_path, settings, hour, written_today, expected
):
    settings.OPENDATA_EXPORT_HOUR = 3
    now = timezone.make_aware(datetime(2026, 11, 29, hour, 30))
    if written_today:
        marker = Path(tmp_path / "datapackage.json")
        marker.write_text("{}")
        stamp = timezone.make_aware(datetime(2026, 11, 29, 3, 5)).timestamp()
        os.utime(marker, (stamp, stamp))
    assert opendata_export_due(now=now, directory=tmp_path) is expected


def test_the_nightly_dump_can_be_turned_off(tmp_path, settings):
    settings.OPENDATA_EXPORT_HOUR = -1
    assert opendata_export_due(now=timezone.now(), directory=tmp_path) is False
