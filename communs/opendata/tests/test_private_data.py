"""Private data never leaks: not in any API answer, not in any file of the dump."""

import json

import pytest
from django.core.management import call_command

from communs.api.tests.world import SECRETS

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/software",
    "/api/v1/categories",
    "/api/v1/providers",
    "/api/v1/evaluations",
    "/api/v1/organisations?limit=200",
    "/api/v1/declarations",
    "/api/v1/experiences",
    "/api/v1/needs",
    "/api/v1/campaigns",
]


def every_api_answer(client, world):
    texts = []
    for url in LISTS:
        body = client.get(url).json()
        texts.append(json.dumps(body, ensure_ascii=False))
        while isinstance(body, dict) and body.get("next"):
            body = client.get(body["next"]).json()
            texts.append(json.dumps(body, ensure_ascii=False))
    for url in (
        "/api/v1/software/qgis",
        "/api/v1/software/libreoffice",
        f"/api/v1/organisations/{world['commune'].pk}",
        "/api/v1/openapi.json",
    ):
        texts.append(client.get(url).content.decode())
    return texts


def assert_no_secret(texts, where):
    for name, secret in SECRETS.items():
        for text in texts:
            assert secret not in text, f"{name} leaks in {where}"
    assert not any('"author"' in text or "referent" in text for text in texts if "{" in text[:1])


def test_the_api_serves_no_private_data(client, world):
    texts = every_api_answer(client, world)
    assert any("Cartes des réseaux" in text for text in texts)  # the public data is there
    assert any("qgis.bonneville.example.fr" in text for text in texts)
    assert_no_secret(texts, "the API")
    unconfirmed = world["unconfirmed"].pk
    assert client.get(f"/api/v1/organisations/{unconfirmed}").status_code == 404
    declared = client.get("/api/v1/declarations", {"organisation": unconfirmed}).json()
    assert declared["results"] == []


def test_no_file_of_the_dump_holds_private_data(world, tmp_path):
    call_command("opendata", "export", "--output", str(tmp_path / "out"))
    files = [path for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert (tmp_path / "out" / "publiccode" / "qgis.yml") in files
    texts = [path.read_text(encoding="utf-8") for path in files]
    assert any("Cartes des réseaux" in text for text in texts)
    for path, text in zip(files, texts, strict=True):
        for name, secret in SECRETS.items():
            assert secret not in text, f"{name} leaks in {path.name}"
