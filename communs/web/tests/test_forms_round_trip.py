"""Editing and saving without touching anything keeps every field, in French and in English.

The form is read back from the page as a browser would submit it: a date the browser
cannot show (15/03/2021 in a date input) or a number it cannot parse would be lost.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from communs.catalog.tests.factories import SoftwareFactory
from communs.territories.models import Membership, Organisation
from communs.territories.services import territories_import
from communs.usage.models import Experience, UsageDeclaration
from communs.web.tests.formdata import form_data

pytestmark = pytest.mark.django_db
EXTRACT = Path(__file__).resolve().parents[2] / "territories" / "tests" / "data"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def member(db):
    territories_import(source=EXTRACT, edition="2026")
    commune = Organisation.objects.get(kind="commune", insee_code="74042")
    agent = User.objects.create_user("anne.agent", "anne@bonneville.example.fr", "x-42-secret")
    Membership.objects.create(organisation=commune, user=agent, status="approved")
    software = SoftwareFactory(slug="qgis", name="QGIS")
    return {"commune": commune, "agent": agent, "software": software}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_saving_a_declaration_unchanged_keeps_every_field(client, member, language):
    declaration = UsageDeclaration.objects.create(
        organisation=member["commune"],
        software=member["software"],
        status="production",
        since=datetime.date(2021, 3, 15),
        version="3.34",
        modules="Processing, Print layouts",
        users_count=1234,
        instance_url="https://sig.bonneville.example.fr/",
        instance_public=True,
        referent=member["agent"],
        referent_contactable=True,
        notes="Line one\nLine two",
    )
    before = {f.name: getattr(declaration, f.name) for f in declaration._meta.concrete_fields}
    client.force_login(member["agent"])
    client.cookies["django_language"] = language
    url = f"/organisations/{member['commune'].pk}/software/qgis/"
    data, types = form_data(client.get(url).content.decode())
    assert types["since"] == "date" and DATE.match(data["since"][0]), data["since"]
    assert types["users_count"] == "number" and data["users_count"] == ["1234"]
    response = client.post(url, data)
    assert response.status_code == 302
    declaration.refresh_from_db()
    after = {f.name: getattr(declaration, f.name) for f in declaration._meta.concrete_fields}
    before.pop("updated_at"), after.pop("updated_at")
    assert after == before


@pytest.mark.parametrize("language", ["fr", "en"])
def test_saving_an_experience_unchanged_keeps_every_field(client, member, language):
    experience = Experience.objects.create(
        kind="difficulty",
        organisation=member["commune"],
        software=member["software"],
        author=member["agent"],
        title="Printing fails",
        body="**Context**: A3 layouts.",
        version="3.34",
        workaround="Export to PDF first.",
        upstream_url="https://example.org/issues/1",
        resolution="worked-around",
    )
    before = {f.name: getattr(experience, f.name) for f in experience._meta.concrete_fields}
    client.force_login(member["agent"])
    client.cookies["django_language"] = language
    url = f"/experiences/{experience.pk}/edit/"
    data, _types = form_data(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302
    experience.refresh_from_db()
    assert {f.name: getattr(experience, f.name) for f in experience._meta.concrete_fields} == before


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_publiccode_editor_offers_its_date_in_iso_format(client, language):
    from communs.catalog.forms import PubliccodeEditorForm

    form = PubliccodeEditorForm(initial={"release_date": datetime.date(2026, 10, 1)})
    from django.utils import translation

    with translation.override(language):
        html = str(form["release_date"])
    assert 'type="date"' in html and 'value="2026-10-01"' in html
