"""The demo resources are marked as demo, searchable by their text, and load once."""

from __future__ import annotations

import pytest

from communs.catalog.services import demo_load
from communs.resources.demo import demo_resources_load
from communs.resources.models import Resource

pytestmark = pytest.mark.django_db


def test_the_demo_resources_are_marked_searchable_and_load_once(settings, tmp_path):
    settings.RESOURCES_ROOT = tmp_path
    demo_load(path=None)
    assert demo_resources_load() == 3
    assert demo_resources_load() == 0
    assert all(resource.demo for resource in Resource.objects.all())
    found = Resource.objects.published().search("geomaticiens")
    assert [r.title for r in found] == ["Démo – Guide de migration vers QGIS"]
