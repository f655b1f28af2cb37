import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils.functional import Promise

from communs.evaluations.worker import PERIODIC, SOON, run_due_periodic
from communs.opendata.services import EXPORT_REQUEST_KEY, MISSING_PERIODIC, opendata_export
from communs.opendata.tables import TABLES

pytestmark = pytest.mark.django_db


def test_the_page_documents_every_field_and_the_licence(client, world):
    response = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Licence Ouverte" in page
    for table in TABLES:
        assert f"/opendata/files/{table.name}.csv" in page
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page


@pytest.fixture
def no_dump(settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "opendata"
    cache.delete(EXPORT_REQUEST_KEY)
    SOON.discard(MISSING_PERIODIC)
    yield tmp_path / "opendata"
    cache.delete(EXPORT_REQUEST_KEY)
    SOON.discard(MISSING_PERIODIC)


def test_without_a_dump_a_download_asks_the_worker_once_and_answers_503(client, world, no_dump):
    response = client.get("/opendata/files/software.csv")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "preparing"
    assert "en cours" in response.json()["error"]["message"]
    assert not no_dump.exists()  # nothing written in the request
    assert {MISSING_PERIODIC} == SOON
    # The worker's next turn writes it; a second download meanwhile asks for nothing more.
    SOON.clear()
    assert client.get("/opendata/files/dcat.ttl").status_code == 503
    assert not SOON
    ran = run_due_periodic({name: time.monotonic() for name in PERIODIC}, time.monotonic())
    assert ran == []  # not due by its interval: only a request runs it early
    SOON.add(MISSING_PERIODIC)
    ran = run_due_periodic({name: time.monotonic() for name in PERIODIC}, time.monotonic())
    assert ran == [MISSING_PERIODIC] and (no_dump / "dcat.ttl").is_file()
    served = client.get("/opendata/files/software.csv")
    assert served.status_code == 200 and served["Content-Type"].startswith("text/csv")
    assert b"qgis" in b"".join(served.streaming_content)


def test_a_browser_gets_a_page_saying_the_files_are_being_prepared(client, world, no_dump):
    response = client.get("/opendata/files/software.csv", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "en cours de préparation" in page and "software.csv" in page


def test_in_the_scale_mode_celery_writes_the_missing_dump_once(client, world, no_dump, settings):
    settings.CELERY_BROKER_URL = "redis://broker.invalid/0"
    with mock.patch("communs.opendata.tasks.export_if_missing.delay") as delay:
        for _ in range(3):
            assert client.get("/opendata/files/software.csv").status_code == 503
    assert delay.call_count == 1 and not SOON


def test_the_last_dump_written_is_served_and_nothing_is_asked(client, world, no_dump):
    opendata_export(directory=no_dump)
    response = client.get("/opendata/files/software.csv")
    assert response.status_code == 200 and not SOON
    assert cache.get(EXPORT_REQUEST_KEY) is None


def test_nothing_outside_the_dump_is_served(client, world, no_dump, tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    # Unknown names are refused even before a dump exists, and ask for nothing.
    assert client.get("/opendata/files/../secret.txt").status_code == 404
    assert client.get("/opendata/files/nothing.csv").status_code == 404
    assert not SOON
    opendata_export(directory=no_dump)
    assert client.get("/opendata/files/../secret.txt").status_code == 404
    assert client.get("/opendata/files/%2e%2e/secret.txt").status_code == 404
    assert client.get("/opendata/files/nothing.csv").status_code == 404
    assert client.get("/opendata/files/.hidden").status_code == 404


def test_the_outcome_benchmarks_columns_are_described_in_the_pages_language(client, world):
    french = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tranche de population" in french and "Population band" not in french
    client.cookies["django_language"] = "en"
    english = client.get("/opendata/").content.decode()
    assert "Population band" in english


def test_every_column_is_described_in_the_pages_language(client, world):
    """A field without a translated label (a foreign key, a creation date) is described all
    the same: the French page never shows Django's English label made from its name."""
    french = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for english in ("<td>Software</td>", "<td>Need</td>", "<td>Created at</td>"):
        assert english not in french
    assert "Identifiant (slug) du logiciel" in french
    for table in TABLES:
        for column in table.columns:
            assert isinstance(column.description, Promise), (table.name, column.name)
