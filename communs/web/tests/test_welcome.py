"""The console's welcome block says where the site is, who curates it and where emails go."""

import pytest

from communs.catalog.tests.factories import SoftwareFactory
from communs.web.welcome import welcome_message

pytestmark = pytest.mark.django_db


def test_without_a_curator_it_says_how_to_create_one(settings):
    settings.EMAIL_HOST = ""
    SoftwareFactory(slug="qgis", name="QGIS")
    block = welcome_message("127.0.0.1:8107")
    assert "Communs is ready: http://127.0.0.1:8107/" in block
    assert "1 published software, 0 with an evaluation" in block
    assert ".venv/bin/communs createsuperuser" in block and "http://127.0.0.1:8107/admin/" in block
    assert "printed in this console" in block
    assert "needs internet" in block


def test_with_a_curator_it_names_the_account_and_never_a_password(curator, settings):
    settings.EMAIL_HOST = "smtp.example.org"
    block = welcome_message("127.0.0.1:8000")
    assert "claire.curator" in block and "createsuperuser" not in block
    assert "not-a-secret-42" not in block
    assert "sent through smtp.example.org" in block
    lines = block.splitlines()
    assert lines[0] == lines[-1] and set(lines[0]) == {"="}


def test_it_says_when_the_territories_load_in_the_background(settings):
    block = welcome_message("127.0.0.1:8000", territories_log="var/territories.log")
    assert "loading in the background (progress in var/territories.log)" in block
    assert "none loaded yet" in welcome_message("127.0.0.1:8000")


def test_it_counts_the_communes_once_they_are_loaded():
    from communs.territories.models import Organisation

    Organisation.objects.create(kind="commune", name="Annecy", insee_code="74010")
    block = welcome_message("127.0.0.1:8000", territories_log="var/territories.log")
    assert "Territories: 1 communes" in block and "background" not in block
