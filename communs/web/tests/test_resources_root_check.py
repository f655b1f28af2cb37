"""The resource library's folder is never one that a web server serves as it is."""

from communs.web.checks import resources_outside_the_web_root


def test_resources_inside_media_root_are_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RESOURCES_ROOT = tmp_path / "media" / "resources"
    assert [e.id for e in resources_outside_the_web_root(None)] == ["communs.E010"]


def test_resources_beside_media_root_are_accepted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.RESOURCES_ROOT = tmp_path / "resources"
    assert resources_outside_the_web_root(None) == []


def test_the_legal_vehicles_of_templates_are_those_of_campaigns():
    from communs.mutualisation.models import Vehicle
    from communs.resources.models import LegalVehicle

    assert LegalVehicle.choices == Vehicle.choices
