"""Every refusal of the API speaks one language, the one its other errors speak (the
reader's: French by default, English when asked), including the per-field messages of
invalid path and query parameters, which pydantic writes in English only."""

from typing import Any

import pytest

from communs.api.views import api

pytestmark = pytest.mark.django_db


def operations() -> list[tuple[str, dict[str, Any]]]:
    """Every GET operation of the document with each parameter it declares."""
    document = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, methods in document["paths"].items():
        if "get" in methods:
            found.append((path, methods["get"]))
    return found


def bad_value(parameter: dict[str, Any]) -> str | None:
    """A value the parameter refuses: text for a number, an unknown word for a choice, a
    character no pattern of the API allows."""
    schema = parameter.get("schema", {})
    choices = schema.get("anyOf", [schema])
    kinds = {c.get("type") for c in choices} | {"enum" for c in choices if "enum" in c}
    if "integer" in kinds or "number" in kinds:
        return "abc"
    if "enum" in kinds:
        return "no-such-choice"
    if any("pattern" in c for c in choices):
        return "!!!"
    return None


def requests() -> list[tuple[str, dict[str, str], str]]:
    cases = []
    for path, operation in operations():
        for parameter in operation.get("parameters", []):
            value = bad_value(parameter)
            if value is None:
                continue
            name = parameter["name"]
            url, query = path, {}
            for other in operation["parameters"]:
                if other["in"] == "path":
                    filler = value if other["name"] == name else "1"
                    url = url.replace("{" + other["name"] + "}", filler)
            if parameter["in"] == "query":
                query = {name: value}
            cases.append((url, query, name))
    return cases


CASES = requests()


def test_the_cases_cover_path_and_query_parameters_of_many_endpoints():
    assert any(url == "/api/v1/resources/abc" for url, _query, _name in CASES)
    assert len({url.split("?")[0].split("/")[3] for url, _q, _n in CASES}) >= 8
    assert sum(1 for _u, query, _n in CASES if query) >= 10


@pytest.mark.parametrize(("url", "query", "name"), CASES)
def test_an_invalid_parameter_is_refused_in_the_readers_language(client, url, query, name):
    french = client.get(url, query)
    client.cookies["django_language"] = "en"
    english = client.get(url, query)
    assert french.status_code == english.status_code == 400
    fr, en = french.json()["error"], english.json()["error"]
    assert fr["code"] == en["code"] == "invalid"
    assert set(fr) == set(en) == {"code", "message", "fields"}
    assert list(fr["fields"]) == list(en["fields"]) == [name]
    assert fr["message"] != en["message"]
    for fr_text, en_text in zip(fr["fields"][name], en["fields"][name], strict=True):
        assert fr_text != en_text, f"{url} {query}: {fr_text!r} is not translated"
        assert "Input should" not in en_text  # our own sentence, not pydantic's


def test_a_resource_id_that_is_not_a_number_is_said_in_french_then_in_english(client):
    french = client.get("/api/v1/resources/abc").json()
    assert french == {
        "error": {
            "code": "invalid",
            "message": "Certains paramètres ne sont pas valides.",
            "fields": {"resource_id": ["Saisissez un nombre entier."]},
        }
    }
    client.cookies["django_language"] = "en"
    english = client.get("/api/v1/resources/0").json()["error"]
    assert english["fields"] == {"resource_id": ["Enter a number of at least 1."]}


def test_choices_are_listed_without_english_words(client):
    fields = client.get("/api/v1/software", {"licence": "proprietary"}).json()["error"]["fields"]
    assert fields == {
        "licence": [
            "Choisissez parmi : permissive, weak-copyleft, strong-copyleft, other.",
        ]
    }
