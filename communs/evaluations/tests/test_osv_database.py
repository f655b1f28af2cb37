"""The platform's OSV database: refreshed by `communs osv_refresh` (the download faked here:
tests never touch the network) and given to every evaluation while its folder exists."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from communs.evaluation.dependencies.osv import read_index
from communs.evaluations import services
from communs.evaluations.models import Evaluation
from communs.evaluations.services import (
    OsvRefreshFailed,
    job_claim,
    job_request,
    job_run,
    osv_database_refresh,
)

URL = "https://osv.example/{ecosystem}/all.zip"


def record(identifier: str, name: str, fixed: str) -> bytes:
    return json.dumps(
        {
            "id": identifier,
            "modified": "2026-01-01T00:00:00Z",
            "published": "2026-01-01T00:00:00Z",
            "affected": [
                {
                    "package": {"ecosystem": "PyPI", "name": name},
                    "ranges": [
                        {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}
                    ],
                }
            ],
        }
    ).encode()


def fake_export(members: dict[str, bytes], asked: list[str]):
    def download(url, target):
        asked.append(url)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        target.write_bytes(buffer.getvalue())

    return download


def test_a_refresh_replaces_the_ecosystem_folder_with_the_export_s_records(tmp_path):
    folder = tmp_path / "osv"
    (folder / "PyPI").mkdir(parents=True)
    (folder / "PyPI" / "OLD-1.json").write_text("{}")
    asked: list[str] = []
    members = {
        "TEST-1.json": record("TEST-1", "example-lib", "2.0"),
        "TEST-2.json": record("TEST-2", "other-lib", "1.0"),
        "../escape.json": b"{}",
        "nested/TEST-3.json": b"{}",
    }
    counts = osv_database_refresh(
        folder=folder, ecosystems=["PyPI"], url=URL, download=fake_export(members, asked)
    )
    assert counts == {"PyPI": 2}
    assert asked == ["https://osv.example/PyPI/all.zip"]
    assert sorted(p.name for p in (folder / "PyPI").iterdir()) == [
        ".communs-index.json",
        "TEST-1.json",
        "TEST-2.json",
    ]
    assert read_index(folder / "PyPI") == {
        "PyPI": {"example-lib": ["TEST-1.json"], "other-lib": ["TEST-2.json"]}
    }
    assert not (tmp_path / "escape.json").exists()
    assert [p.name for p in folder.iterdir()] == ["PyPI"]  # no work folder left behind


def test_a_failed_download_keeps_the_folder_it_had(tmp_path):
    folder = tmp_path / "osv"
    (folder / "PyPI").mkdir(parents=True)
    (folder / "PyPI" / "KEPT-1.json").write_text("{}")

    def offline(url, target):
        raise OsvRefreshFailed("no network")

    with pytest.raises(OsvRefreshFailed):
        osv_database_refresh(folder=folder, ecosystems=["PyPI"], url=URL, download=offline)
    assert [p.name for p in (folder / "PyPI").iterdir()] == ["KEPT-1.json"]


def test_a_corrupt_export_is_refused_and_changes_nothing(tmp_path):
    folder = tmp_path / "osv"

    def corrupt(url, target):
        target.write_bytes(b"not a zip")

    with pytest.raises(OsvRefreshFailed, match="could not be read"):
        osv_database_refresh(folder=folder, ecosystems=["npm"], url=URL, download=corrupt)
    assert not (folder / "npm").exists()


def test_an_unknown_ecosystem_is_refused_before_any_download(tmp_path):
    with pytest.raises(OsvRefreshFailed, match="unknown ecosystem"):
        osv_database_refresh(folder=tmp_path, ecosystems=["../etc"], url=URL, download=None)


def test_only_https_exports_are_downloaded(tmp_path):
    with pytest.raises(OsvRefreshFailed, match="only https"):
        services.osv_export_download("http://osv.example/all.zip", tmp_path / "x.zip")


def test_the_command_refreshes_the_configured_folder_and_says_what_it_did(
    settings, tmp_path, monkeypatch, capsys
):
    settings.OSV_DIR = tmp_path / "osv"
    settings.OSV_EXPORT_URL = URL
    asked: list[str] = []
    members = {"TEST-1.json": record("TEST-1", "example-lib", "2.0")}
    monkeypatch.setattr(services, "osv_export_download", fake_export(members, asked))
    call_command("osv_refresh", "--ecosystem", "PyPI")
    assert "PyPI: 1 records" in capsys.readouterr().out
    assert (tmp_path / "osv" / "PyPI" / "TEST-1.json").is_file()


def test_the_command_fails_with_one_line_when_offline(settings, tmp_path, monkeypatch):
    settings.OSV_DIR = tmp_path / "osv"

    def offline(url, target):
        raise OsvRefreshFailed("no network")

    monkeypatch.setattr(services, "osv_export_download", offline)
    with pytest.raises(CommandError, match="OSV database not refreshed: no network"):
        call_command("osv_refresh", "--ecosystem", "PyPI")


@pytest.mark.django_db
def test_without_the_folder_evaluations_say_no_database_was_given(
    settings, software, project, tmp_path
):
    project.commit("2026-04-01T10:00:00Z", files={"requirements.txt": "example-lib==1.9.0\n"})
    settings.OSV_DIR = tmp_path / "absent"
    job_request(software=software)
    job_run(job_claim())
    result = _vulnerabilities(Evaluation.objects.get(software=software).report)
    assert result["code"] == "security.vulnerabilities.no_database"
    assert result["outcome"] == "inconclusive"


@pytest.mark.django_db
def test_evaluations_read_the_platform_s_osv_database_when_it_exists(
    settings, software, project, tmp_path
):
    project.commit("2026-04-01T10:00:00Z", files={"requirements.txt": "example-lib==1.9.0\n"})
    (tmp_path / "osv" / "PyPI").mkdir(parents=True)
    (tmp_path / "osv" / "PyPI" / "TEST-1.json").write_bytes(record("TEST-1", "Example_Lib", "2.0"))
    settings.OSV_DIR = tmp_path / "osv"
    job_request(software=software)
    job_run(job_claim())
    result = _vulnerabilities(Evaluation.objects.get(software=software).report)
    assert result["code"] == "security.vulnerabilities.found"
    assert result["params"]["ids"] == ["TEST-1"]


def _vulnerabilities(report):
    return next(c for c in report["checks"] if c["id"] == "security.vulnerabilities")
