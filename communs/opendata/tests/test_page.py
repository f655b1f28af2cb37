import pytest

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


def test_a_file_is_generated_on_demand_when_there_is_no_dump(client, world, settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "opendata"
    response = client.get("/opendata/files/software.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert b"qgis" in b"".join(response.streaming_content)
    assert (tmp_path / "opendata" / "dcat.ttl").is_file()
    publiccode = client.get("/opendata/files/publiccode/qgis.yml")
    assert publiccode.status_code in (200, 404)


def test_nothing_outside_the_dump_is_served(client, world, settings, tmp_path):
    settings.OPENDATA_DIR = tmp_path / "opendata"
    (tmp_path / "secret.txt").write_text("secret")
    assert client.get("/opendata/files/../secret.txt").status_code == 404
    assert client.get("/opendata/files/%2e%2e/secret.txt").status_code == 404
    assert client.get("/opendata/files/nothing.csv").status_code == 404


def test_the_outcome_benchmarks_columns_are_described_in_the_pages_language(client, world):
    french = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Tranche de population" in french and "Population band" not in french
    client.cookies["django_language"] = "en"
    english = client.get("/opendata/").content.decode()
    assert "Population band" in english
