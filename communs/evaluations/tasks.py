"""Celery tasks, used in scale mode (a broker URL is set)."""

from __future__ import annotations

from celery import shared_task

from communs.evaluations.services import job_claim, job_run, jobs_schedule_due


@shared_task(name="communs.evaluations.run_evaluation_job", acks_late=True)
def run_evaluation_job(job_id: int) -> str:
    job = job_claim(job_id)
    if job is None:
        return "already taken"
    return str(job_run(job).status)


@shared_task(name="communs.evaluations.schedule_due_evaluations")
def schedule_due_evaluations() -> int:
    return len(jobs_schedule_due())
