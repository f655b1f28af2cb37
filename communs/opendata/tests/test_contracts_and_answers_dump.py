"""The dumps hold the contracts of declarations and the published answers to
difficulties; hidden answers are in no file."""

import json

import pytest

from communs.opendata.services import opendata_export
from communs.usage.models import Answer, Experience

pytestmark = pytest.mark.django_db


@pytest.fixture
def difficulty(world):
    return Experience.objects.create(
        kind="difficulty",
        organisation=world["commune"],
        software=world["qgis"],
        title="Impression A0",
        body="Le composeur plante.",
        resolution="open",
    )


def test_the_dumps_hold_the_contracts_and_the_published_answers(tmp_path, world, difficulty):
    declaration = world["public_declaration"]
    declaration.contractor_name = "Atelier SIG"
    declaration.contract_ends_on = "2027-01-31"
    declaration.save()
    Answer.objects.create(experience=difficulty, organisation=world["commune"], body="Voilà.")
    Answer.objects.create(
        experience=difficulty,
        organisation=world["commune"],
        body="Hidden-secret-answer",
        moderation="hidden",
    )
    opendata_export(directory=tmp_path)
    everything = json.loads((tmp_path / "communs.json").read_text())
    declarations = {row["id"]: row for row in everything["declarations"]}
    row = declarations[declaration.pk]
    assert (row["contractor"], row["contractor_name"], row["contract_ends_on"]) == (
        None,
        "Atelier SIG",
        "2027-01-31",
    )
    assert [a["body"] for a in everything["answers"]] == ["Voilà."]
    assert "Atelier SIG" in (tmp_path / "declarations.csv").read_text()
    assert "Voilà." in (tmp_path / "answers.csv").read_text()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert "Hidden-secret-answer" not in path.read_text(errors="ignore"), path
