"""A curator asks for an evaluation from a software page and sees the job end."""

from __future__ import annotations

import re
import subprocess
import time

from playwright.sync_api import expect

from communs.e2e.server import CHECKOUT, CURATOR
from communs.e2e.steps import sign_in

JOB_QUERY = (
    "select j.id, j.status, j.error, e.head, u.username as requested_by"
    " from evaluations_evaluationjob j join catalog_software s on s.id = j.software_id"
    " left join evaluations_evaluation e on e.id = j.evaluation_id"
    " left join auth_user u on u.id = j.requested_by_id"
    " where s.slug = 'communs' order by j.id desc"
)


def wait_until_no_job_is_pending(server, timeout=120.0):
    """`communs run` evaluates Communs itself at startup: that job ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(job["status"] in ("queued", "running") for job in server.rows(JOB_QUERY)):
            return
        time.sleep(0.5)
    raise AssertionError(f"jobs still pending: {[dict(job) for job in server.rows(JOB_QUERY)]}")


def test_a_curator_evaluates_a_software_and_sees_the_job_end(journey, visitor):
    server = journey.server
    curator = visitor("curator")
    t = curator.t
    page = curator.goto("/catalogue/communs/", "software page")
    sign_in(curator, CURATOR[0], CURATOR[2], "curator signed in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Communs")
    wait_until_no_job_is_pending(server)
    jobs_before = len(server.rows(JOB_QUERY))

    page.get_by_role("button", name=t("Evaluate now")).click()
    curator.step("evaluation requested")
    requested = [
        t("Evaluation requested (%(status)s).", status=t(status))
        for status in ("Queued", "Running")
    ]
    expect(page.locator("main .notices")).to_contain_text(
        re.compile("|".join(re.escape(text) for text in requested))
    )
    job = server.rows(JOB_QUERY)[0]
    assert len(server.rows(JOB_QUERY)) == jobs_before + 1
    assert job["requested_by"] == CURATOR[0]

    # The page says the job is pending until the worker of `communs run` has finished it.
    deadline = time.monotonic() + 120
    while server.one("select status from evaluations_evaluationjob where id = ?", job["id"])[
        "status"
    ] in ("queued", "running"):
        assert time.monotonic() < deadline, "the evaluation did not end in 2 minutes"
        time.sleep(0.5)
    page.reload()
    curator.step("evaluation done")
    done = server.rows(JOB_QUERY)[0]
    assert (done["id"], done["status"], done["error"]) == (job["id"], "done", "")
    head = subprocess.run(
        ["git", "-C", str(CHECKOUT), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert done["head"] == head
    panel = page.locator("#evaluation")
    expect(panel.get_by_role("status")).to_have_count(0)  # nothing queued or running any more
    expect(panel).to_contain_text(head[:12])
    # Its locked dependencies were compared with the OSV database the server was given.
    vulnerabilities = panel.locator('[id="check-security.vulnerabilities"]')
    expect(vulnerabilities).to_contain_text(t("Known vulnerabilities"))
    expect(vulnerabilities).to_contain_text("(PyPI)")
    expect(vulnerabilities).to_contain_text(t("Pass"))
