from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from communs.catalog.models import Provider, Software
from communs.catalog.services import DemoDataError, demo_load

pytestmark = pytest.mark.django_db

REQUIRED = {
    "openstreetmap",
    "odoo",
    "moodle",
    "localgov-drupal",
    "framadate",
    "peertube",
    "mobilizon",
    "communs",
}


def snapshot():
    software = list(Software.objects.order_by("slug").values())
    categories = list(Software.categories.through.objects.order_by("pk").values())
    providers = list(Provider.objects.order_by("slug").values())
    supported = list(Provider.software.through.objects.order_by("pk").values())
    return software, categories, providers, supported


def test_the_demo_catalogue_holds_at_least_40_published_software_including_the_mission_tools():
    summary = demo_load()
    published = set(Software.objects.published().values_list("slug", flat=True))
    assert len(published) >= 40
    assert published >= REQUIRED
    assert summary.created == Software.objects.count() + Provider.objects.count()
    assert Provider.objects.count() >= 5


def test_every_demo_entry_is_valid_and_every_licence_is_a_valid_spdx_expression():
    demo_load()
    for software in Software.objects.all():
        software.full_clean()
        assert software.categories.exists(), software.slug
        assert software.short_description_en, software.slug


def test_loading_the_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_loading_again_restores_a_demo_entry_that_was_changed_and_keeps_curators_entries():
    demo_load()
    Software.objects.filter(slug="qgis").update(name="Renamed")
    Software.objects.create(slug="mine", name="Mine", short_description_fr="Le mien")
    summary = demo_load()
    assert summary.updated == 1
    assert Software.objects.get(slug="qgis").name == "QGIS"
    assert Software.objects.filter(slug="mine").exists()


def test_communs_points_at_the_checkout_it_runs_from():
    demo_load()
    communs = Software.objects.get(slug="communs")
    assert communs.licence == "EUPL-1.2"
    assert Path(communs.local_repository, "communs", "settings.py").is_file()


def test_a_broken_demo_file_is_refused_whole(tmp_path):
    path = tmp_path / "demo.yaml"
    path.write_text(
        "software:\n"
        "  - {slug: good, name: Good, short_description_fr: Bon, licence: MIT}\n"
        "  - {slug: bad, name: Bad, short_description_fr: Mauvais, licence: not-a-licence}\n",
        encoding="utf-8",
    )
    with pytest.raises(DemoDataError, match="'bad'"):
        demo_load(path=path)
    assert not Software.objects.exists()


@pytest.mark.parametrize("content", ["software: [", "software: 3", "- a", "software: [{name: x}]"])
def test_the_command_reports_a_broken_file_without_a_traceback(tmp_path, content):
    path = tmp_path / "demo.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="could not be loaded"):
        call_command("load_demo", file=path)
    assert not Software.objects.exists()
