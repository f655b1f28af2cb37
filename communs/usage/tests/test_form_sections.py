"""Long forms are grouped in sections, and every field of the form is still in one of them."""

import re

import pytest

from communs.usage.forms import ExperienceForm, UsageDeclarationForm
from communs.usage.tests.test_usage import declare_url, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def fields_in_sections(html: str) -> list[str]:
    sections = re.findall(r"<fieldset><legend>.*?</fieldset>", html, re.DOTALL)
    assert len(sections) >= 2
    return [name for section in sections for name in re.findall(r'name="([a-z_]+)"', section)]


def test_the_declaration_form_has_sections_holding_every_field(client, world):  # noqa: F811
    client.cookies["django_language"] = "en"
    client.force_login(world["agent"])
    html = client.get(declare_url(world["commune"])).content.decode()
    assert "<legend>Use</legend>" in html and "<legend>Installation</legend>" in html
    assert sorted(set(fields_in_sections(html))) == sorted(UsageDeclarationForm.base_fields)


def test_the_experience_form_has_sections_holding_every_field(client, world):  # noqa: F811
    client.cookies["django_language"] = "en"
    client.force_login(world["agent"])
    url = f"/organisations/{world['commune'].pk}/software/qgis/experience/"
    html = client.get(url).content.decode()
    assert "<legend>For a difficulty</legend>" in html
    assert sorted(set(fields_in_sections(html))) == sorted(ExperienceForm.base_fields)
