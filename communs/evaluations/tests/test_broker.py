"""The web process publishes jobs to the broker that BROKER_URL names."""

import os
import subprocess
import sys

PROBE = (
    "import django; django.setup();"
    "from communs.evaluations.tasks import run_evaluation_job;"
    "c = run_evaluation_job.app.connection_for_write();"
    "print(c.transport_cls, c.hostname, c.port, c.virtual_host)"
)


def test_a_process_that_loads_django_sends_tasks_to_the_configured_broker(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "communs.settings",
        "COMMUNS_DATA_DIR": str(tmp_path),
        "BROKER_URL": "redis://127.0.0.1:6390/7",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis", "127.0.0.1", "6390", "7"]
