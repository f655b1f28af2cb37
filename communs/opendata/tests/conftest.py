import pytest

from communs.api.tests.world import build_world


@pytest.fixture
def world(db):
    return build_world()
