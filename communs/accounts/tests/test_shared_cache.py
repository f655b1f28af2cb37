"""Rate limits hold across processes when CACHE_URL names a shared Redis cache."""

import os
import socket
import subprocess
import sys
import uuid

import pytest

REDIS = ("127.0.0.1", 6379)


def redis_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def probe(group: str, tmp_path, **env: str) -> int:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CACHE_URL")}
    environment.update(
        COMMUNS_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="communs.settings", **env
    )
    result = subprocess.run(
        [sys.executable, "-m", "communs.accounts.tests.rate_probe", group],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return int(result.stdout.strip().splitlines()[-1])


def test_with_a_shared_cache_four_processes_share_one_limit_of_three(tmp_path):
    if not redis_running():
        pytest.skip("Redis is not running on loopback (127.0.0.1:6379)")
    group = f"probe-{uuid.uuid4()}"
    url = f"redis://{REDIS[0]}:{REDIS[1]}/13"
    assert [probe(group, tmp_path, CACHE_URL=url) for _ in range(4)] == [200, 200, 200, 429]


def test_a_cache_url_that_is_not_redis_is_refused(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(COMMUNS_DATA_DIR=str(tmp_path), CACHE_URL="memcached://127.0.0.1:11211")
    result = subprocess.run(
        [sys.executable, "-m", "communs", "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "CACHE_URL must be a redis://" in result.stderr and "Traceback" not in result.stderr
