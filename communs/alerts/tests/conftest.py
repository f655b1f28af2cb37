from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from communs.api.tests.world import build_world, stored_evaluation
from communs.territories.models import Membership


def evaluate(software, *, security, releases, as_of):
    evaluation = stored_evaluation(
        software, {"community": 7.0, "practices": 6.0, "security": security, "integration": 7.0}
    )
    evaluation.as_of = as_of
    evaluation.report["facts"]["releases_total"] = releases
    evaluation.report["facts"]["last_release_at"] = f"2026-0{releases}-01T00:00:00Z"
    evaluation.save()
    return evaluation


@pytest.fixture
def alerts_world(db):
    """Bonneville declares QGIS; its two members; QGIS's security dropped and it released."""
    world = build_world()
    admin = User.objects.create_user("adele", "adele@bonneville.example.fr", "not-a-secret-42")
    Membership.objects.create(
        organisation=world["commune"], user=admin, status="approved", role="admin"
    )
    now = timezone.now()
    evaluate(world["qgis"], security=8.0, releases=2, as_of=now - timedelta(days=8))
    evaluate(world["qgis"], security=5.5, releases=3, as_of=now - timedelta(days=1))
    world["admin"] = admin
    world["member"] = world["referent"]
    return world
