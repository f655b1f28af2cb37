"""Curators cancel or retry evaluation jobs in the admin."""

import pytest
from django.urls import reverse

from communs.evaluations.models import EvaluationJob
from communs.evaluations.services import job_claim, job_request

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:evaluations_evaluationjob_changelist")


def act(client, action: str, job: EvaluationJob):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [job.pk]}, follow=True)


def test_a_curator_cancels_a_running_job_and_the_software_can_be_evaluated_again(
    client, curator, software
):
    job_request(software=software)
    job = job_claim()
    client.force_login(curator)
    response = act(client, "cancel_jobs", job)
    assert response.status_code == 200
    job.refresh_from_db()
    assert job.status == "cancelled" and "claire.curator" in job.error
    assert job_request(software=software).pk != job.pk


def test_a_curator_retries_a_failed_job_as_a_new_job(client, curator, software):
    job = job_request(software=software)
    EvaluationJob.objects.filter(pk=job.pk).update(status="failed", error="boom")
    client.force_login(curator)
    response = act(client, "retry_jobs", job)
    assert response.status_code == 200
    retried = EvaluationJob.objects.exclude(pk=job.pk).get()
    assert retried.status == "queued" and retried.requested_by == curator


def test_retrying_a_job_that_is_still_pending_adds_nothing(client, curator, software):
    job = job_request(software=software)
    client.force_login(curator)
    act(client, "retry_jobs", job)
    assert EvaluationJob.objects.count() == 1


def test_an_outsider_cannot_cancel_a_job(client, outsider, software):
    job = job_request(software=software)
    client.force_login(outsider)
    act(client, "cancel_jobs", job)
    job.refresh_from_db()
    assert job.status == "queued"
