"""An organisation someone asked to add is flagged until a curator confirms it."""

import pytest

from communs.territories.models import Organisation

pytestmark = pytest.mark.django_db


FLAGS = {
    "en": ("Not confirmed by a curator", "This organisation waits for a curator's confirmation."),
    "fr": ("Non confirmée par un modérateur", "Cette organisation attend la confirmation"),
}


@pytest.mark.parametrize("language", sorted(FLAGS))
def test_an_unconfirmed_organisation_is_flagged_in_search_results_and_on_its_page(client, language):
    flag, notice = FLAGS[language]
    client.cookies["django_language"] = language
    waiting = Organisation.objects.create(
        kind="foreign", name="Borough of Example", confirmed=False
    )
    Organisation.objects.create(kind="foreign", name="Borough of Sample")
    results = client.get("/organisations/", {"q": "Borough"}).content.decode()
    cards = results.split('<li class="card">')[1:]
    assert [flag in card for card in cards] == ["Borough of Example" in card for card in cards]
    assert any("Borough of Example" in card for card in cards)
    page = client.get(f"/organisations/{waiting.pk}/").content.decode()
    assert notice in page.replace("&#x27;", "'")
    waiting.confirmed = True
    waiting.save()
    assert flag not in client.get("/organisations/", {"q": "Borough"}).content.decode()
