"""The embedded scheduler runs each periodic job when its interval has passed."""

from datetime import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from communs.opendata.services import opendata_export_due
from communs.web import scheduler


def test_each_job_runs_at_start_then_once_its_interval_has_passed(monkeypatch, settings):
    settings.ALERTS_EVERY_SECONDS = 300
    calls = []
    monkeypatch.setattr(scheduler, "alerts_run", lambda: calls.append("alerts"))
    monkeypatch.setattr(scheduler, "opendata_export_if_due", lambda: calls.append("opendata"))
    now = [1000.0]
    last: dict[str, float] = {}
    assert scheduler.run_due(last, clock=lambda: now[0]) == ["alerts", "opendata"]
    now[0] += 299
    assert scheduler.run_due(last, clock=lambda: now[0]) == []
    now[0] += 1
    assert scheduler.run_due(last, clock=lambda: now[0]) == ["alerts"]
    now[0] += 900
    assert scheduler.run_due(last, clock=lambda: now[0]) == ["alerts", "opendata"]
    assert calls == ["alerts", "opendata", "alerts", "alerts", "opendata"]


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    def broken():
        raise RuntimeError("boom")

    ran = []
    monkeypatch.setattr(scheduler, "alerts_run", broken)
    monkeypatch.setattr(scheduler, "opendata_export_if_due", lambda: ran.append(1))
    assert scheduler.run_due({}) == ["alerts", "opendata"]
    assert ran == [1]


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
        import os

        os.utime(marker, (stamp, stamp))
    assert opendata_export_due(now=now, directory=tmp_path) is expected


def test_the_nightly_dump_can_be_turned_off(tmp_path, settings):
    settings.OPENDATA_EXPORT_HOUR = -1
    assert opendata_export_due(now=timezone.now(), directory=tmp_path) is False
