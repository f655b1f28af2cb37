"""The alerts and the nightly dump are jobs of both modes: Celery beat names their tasks."""

import pytest
from django.conf import settings
from django.core.management import call_command

from communs.alerts.models import Event
from communs.celery import app

pytestmark = pytest.mark.django_db


def test_celery_beat_schedules_registered_tasks():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"communs.alerts.run", "communs.opendata.export_if_due"} <= scheduled
    assert scheduled <= set(app.tasks)


def test_the_celery_task_runs_the_same_idempotent_job(alerts_world):
    app.loader.import_default_modules()
    task = app.tasks["communs.alerts.run"]
    assert task.run()["events"] == 4
    assert task.run()["events"] == 0
    assert Event.objects.count() == 4


def test_the_command_runs_the_job_once(alerts_world, capsys):
    call_command("alerts", "run")
    assert "4 new events" in capsys.readouterr().out
