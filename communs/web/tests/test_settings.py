"""The settings read the environment through typed helpers and refuse unsafe production."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from communs import settings as communs_settings


def run_communs(*args, tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"))
    }
    environment.update(COMMUNS_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "communs", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "COMMUNS_ENV": "production",
    "SECRET_KEY": "x7#kP2!qL9@vR4$mN8^tW3&zY6*bC1(dF5)gH0_jK2+sA9-eU4=",
    "ALLOWED_HOSTS": "communs.example.org",
}


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    result = run_communs(
        "check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = run_communs("check", tmp_path=tmp_path, **env)
    assert result.returncode == 2
    assert "SECRET_KEY (or SECRET_KEY_FILE) is required" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_communs("check", "--deploy", tmp_path=tmp_path, DEBUG="true", **PRODUCTION)
    assert result.returncode == 2
    assert "communs.E001" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "code"),
    [("DEBUG", "true", "communs.E001"), ("ALLOWED_HOSTS", "*", "communs.E002")],
)
def test_a_production_wsgi_server_refuses_to_load_unsafe_settings(tmp_path, variable, value, code):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"))
    }
    environment.update(COMMUNS_DATA_DIR=str(tmp_path), **{**PRODUCTION, variable: value})
    # What waitress-serve or gunicorn do first: import the WSGI application.
    result = subprocess.run(
        [sys.executable, "-c", "import communs.wsgi"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert code in result.stderr


def test_production_refuses_a_wildcard_host(tmp_path):
    env = {**PRODUCTION, "ALLOWED_HOSTS": "communs.example.org,*"}
    result = run_communs("check", tmp_path=tmp_path, **env)
    assert result.returncode == 2
    assert "communs.E002" in result.stderr and "Traceback" not in result.stderr


def test_the_secret_key_may_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(PRODUCTION["SECRET_KEY"] + "\n", encoding="utf-8")
    env = {**PRODUCTION, "SECRET_KEY": "", "SECRET_KEY_FILE": str(secret)}
    result = run_communs("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **env)
    assert result.returncode == 0, result.stderr


def test_the_embedded_mode_generates_a_secret_key_once_and_keeps_it(tmp_path):
    first = communs_settings.embedded_secret_key(tmp_path)
    assert len(first) >= 50
    assert communs_settings.embedded_secret_key(tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", True)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("COMMUNS_FLAG", raw)
    assert communs_settings.env_bool("COMMUNS_FLAG", default=True) is expected


def test_env_helpers_refuse_nonsense_with_the_variable_name(monkeypatch):
    monkeypatch.setenv("COMMUNS_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="COMMUNS_FLAG must be true or false"):
        communs_settings.env_bool("COMMUNS_FLAG", default=False)
    monkeypatch.setenv("COMMUNS_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="COMMUNS_NUMBER must be an integer"):
        communs_settings.env_int("COMMUNS_NUMBER", 10)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("COMMUNS_HOSTS", " a.example, b.example ,,")
    assert communs_settings.env_list("COMMUNS_HOSTS", []) == ["a.example", "b.example"]


def test_a_database_url_selects_postgresql(tmp_path):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    environment = {
        **os.environ,
        "COMMUNS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://communs@127.0.0.1:5432/communs",
        "DJANGO_SETTINGS_MODULE": "communs.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr
