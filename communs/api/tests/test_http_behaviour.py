"""What every answer under /api/ gets: JSON errors, ETags, CORS, rate limits."""

import pytest

pytestmark = pytest.mark.django_db


def test_invalid_parameters_get_a_400_naming_the_field(client, world):
    response = client.get("/api/v1/software", {"licence": "proprietary", "limit": 0})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"licence", "limit"}


def test_a_malformed_cursor_gets_a_400_and_one_past_the_end_an_empty_page(client, world):
    response = client.get("/api/v1/organisations", {"cursor": "not-a-number"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"cursor"}
    past = client.get("/api/v1/software", {"cursor": "zzz"}).json()
    assert past == {"results": [], "next": None}


def test_an_unknown_address_gets_a_json_404(client, world):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_write_gets_a_json_405(client, world):
    response = client.post("/api/v1/software", {})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_an_unchanged_answer_is_a_304_on_if_none_match(client, world):
    first = client.get("/api/v1/software/qgis")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/v1/software/qgis", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    world["qgis"].name = "QGIS Desktop"
    world["qgis"].save()
    changed = client.get("/api/v1/software/qgis", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["name"] == "QGIS Desktop"


def test_any_site_may_read_the_api_from_a_browser(client, world):
    response = client.get("/api/v1/categories", HTTP_ORIGIN="https://reuser.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/categories",
        HTTP_ORIGIN="https://reuser.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/catalogue/")


def test_too_many_requests_from_one_address_get_a_429_with_retry_after(client, world, settings):
    settings.API_RATE_LIMIT = "3/m"
    statuses = [client.get("/api/v1/categories").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/categories")
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    other_address = client.get("/api/v1/categories", REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 200


def test_the_documentation_with_a_trailing_slash_leads_to_it(client, db):
    response = client.get("/api/v1/docs/")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/docs")
    assert client.get("/api/v1/docs/", follow=True).status_code == 200


def test_the_documentation_is_served_from_this_site(client, world):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/organisations/siren/{siren}" in document["paths"]


def test_the_apis_root_shows_where_to_start_and_every_address_it_gives_answers(client, world):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["documentation"] == "/api/v1/docs" and index["openapi"] == "/api/v1/openapi.json"
    assert index["licence"] == "etalab-2.0" and index["lists"]["software"] == "/api/v1/software"
    for address in [index["documentation"], index["openapi"], index["opendata"]]:
        assert client.get(address).status_code == 200
    for address in index["lists"].values():
        assert client.get(address).status_code == 200, address
