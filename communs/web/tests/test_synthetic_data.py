"""`communs generate`: synthetic data on the real models, the same rows for the same seed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from communs.catalog.models import Software
from communs.evaluations.models import Evaluation
from communs.mutualisation.models import Campaign, Need, Pledge
from communs.territories.models import InseeAlias, Organisation
from communs.usage.models import Experience, UsageDeclaration
from communs.web.synthetic import GenerationError, synthetic_generate

pytestmark = pytest.mark.django_db

SCALE = 0.01


def snapshot() -> dict[str, list[Any]]:
    """What the generated rows hold, leaving out the `auto_now` timestamps."""
    history = UsageDeclaration.history.model
    first_declaration = UsageDeclaration.objects.order_by("pk").values_list("pk", flat=True)[0]
    return {
        "organisations": list(
            Organisation.objects.order_by("pk").values_list(
                "kind",
                "name",
                "insee_code",
                "siren",
                "population",
                "postcodes",
                "epci__name",
                "departement__insee_code",
                "region__insee_code",
                "latitude",
            )
        ),
        "aliases": list(
            InseeAlias.objects.order_by("code").values_list("code", "organisation__name")
        ),
        "software": list(
            Software.objects.order_by("slug").values_list(
                "slug",
                "name",
                "status",
                "short_description_fr",
                "long_description_fr",
                "licence",
                "search_text",
            )
        ),
        "categories": list(
            Software.categories.through.objects.order_by("pk").values_list(
                "software__slug", "category__slug"
            )
        ),
        "declarations": list(
            UsageDeclaration.objects.order_by("pk").values_list(
                "organisation__name", "software__slug", "status", "since", "users_count"
            )
        ),
        "history": [
            (declaration - first_declaration, *rest)
            for declaration, *rest in history.objects.order_by("history_id").values_list(
                "id", "status", "history_date", "history_type"
            )
        ],
        "experiences": list(
            Experience.objects.order_by("pk").values_list("software__slug", "kind", "title", "body")
        ),
        "evaluations": list(
            Evaluation.objects.order_by("pk").values_list(
                "software__slug", "head", "as_of", "community", "security"
            )
        ),
        "needs": list(
            Need.objects.order_by("pk").values_list("title", "status", "raised_by__name")
        ),
        "campaigns": list(Campaign.objects.order_by("pk").values_list("title", "target", "state")),
        "pledges": list(Pledge.objects.order_by("pk").values_list("organisation__name", "amount")),
    }


def wipe() -> None:
    for model in (Pledge, Campaign, Need, Evaluation, Experience, UsageDeclaration, Software):
        model.objects.all().delete()
    UsageDeclaration.history.model.objects.all().delete()
    Organisation.objects.all().delete()


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    synthetic_generate(scale=SCALE, seed=7)
    first = snapshot()
    wipe()
    synthetic_generate(scale=SCALE, seed=7)
    assert snapshot() == first
    wipe()
    synthetic_generate(scale=SCALE, seed=8)
    assert snapshot()["organisations"] != first["organisations"]


def test_it_builds_every_kind_of_row_with_a_hierarchy_and_histories():
    summary = synthetic_generate(scale=SCALE, seed=1)
    assert summary.counts["organisations"] == Organisation.objects.count() > 350
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"region", "departement", "epci", "commune", "public-body"} <= kinds
    commune = Organisation.objects.filter(kind="commune").exclude(epci=None).first()
    assert commune.departement.kind == "departement"
    assert commune.region == commune.departement.region
    assert commune.epci.departement == commune.departement
    assert commune.insee_code.startswith(commune.departement.insee_code)
    assert InseeAlias.objects.exists()
    assert UsageDeclaration.objects.count() == 500
    # Each declaration has its history, some with a change of status.
    history = UsageDeclaration.history.model.objects
    assert history.filter(history_type="+").count() == 500
    assert history.filter(history_type="~").exists()
    # A few software are used widely, most by a few: the pages must cope with both.
    per_software = (
        UsageDeclaration.objects.values("software").annotate(n=Count("pk")).order_by("-n")
    )
    assert per_software[0]["n"] > 5 * per_software[len(per_software) // 2]["n"]
    # Evaluations are real reports with their history: two dates per evaluated software.
    evaluation = Evaluation.objects.select_related("software").first()
    assert evaluation.report["target"] == evaluation.software.repository_url
    assert evaluation.reading.score  # the stored report reads as the site reads any
    assert Evaluation.objects.filter(software=evaluation.software).count() == 2
    assert Software.objects.published().search("logiciel").exists()
    assert Need.objects.exists() and Campaign.objects.exists() and Pledge.objects.exists()


def test_it_refuses_a_database_that_already_holds_data():
    Organisation.objects.create(kind="commune", name="Existante")
    with pytest.raises(GenerationError):
        synthetic_generate(scale=SCALE, seed=1)
    assert Organisation.objects.count() == 1
    with pytest.raises(CommandError) as refused:
        call_command("generate", "--scale", "0.01")
    assert refused.value.returncode == 2


def test_the_command_reports_its_time_and_the_database_size(capsys):
    call_command("generate", "--scale", "0.01", "--seed", "2")
    out = capsys.readouterr().out
    assert "500 declarations" in out
    assert " s; database size " in out and " MB." in out
