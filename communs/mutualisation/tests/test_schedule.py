"""Overdue campaigns expire on their own: the embedded worker runs the expiry between jobs,
and Celery beat sends the same task in scale mode."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from communs.celery import app
from communs.evaluations import worker
from communs.mutualisation.models import Campaign, Pledge
from communs.mutualisation.tasks import expire_campaigns
from communs.mutualisation.tests.conftest import make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(world, need):
    campaign = make_campaign(world, need, deadline=timezone.localdate() - timedelta(days=1))
    Pledge.objects.create(
        campaign=campaign,
        organisation=world["neighbour"],
        amount=Decimal("10"),
        by=world["neighbour_agent"],
    )
    return campaign


def test_the_embedded_worker_expires_overdue_campaigns_once_per_interval(
    overdue, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://communs.example"
    last_runs: dict[str, float] = {}
    with django_capture_on_commit_callbacks(execute=True):
        assert "expire-campaigns" in worker.run_due_periodic(last_runs, now=1000.0)
    assert Campaign.objects.get().state == "expired"
    assert Pledge.objects.get().state == "released"
    assert f"https://communs.example/campaigns/{overdue.pk}/" in mailoutbox[0].body
    assert "expire-campaigns" not in worker.run_due_periodic(last_runs, now=1000.0 + 60)
    assert "expire-campaigns" in worker.run_due_periodic(last_runs, now=1000.0 + 3601)


def test_a_failing_periodic_task_is_logged_and_the_others_still_run(overdue, monkeypatch, caplog):
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(worker.PERIODIC, "aaa-broken", (60.0, broken))
    ran = worker.run_due_periodic({}, now=0.0)
    assert ran[:1] == ["aaa-broken"] and "expire-campaigns" in ran
    assert Campaign.objects.get().state == "expired"
    assert "aaa-broken met an error" in caplog.text


def test_celery_beat_sends_the_expiry_task_which_expires_overdue_campaigns(overdue):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-campaigns"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
    assert expire_campaigns.apply().get() == 1
    assert Campaign.objects.get().state == "expired"
