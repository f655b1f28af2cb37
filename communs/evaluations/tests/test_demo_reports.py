"""The shipped demo reports are what the engine says of the same commit and date, with tags."""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from communs.evaluation import METHOD_VERSION, evaluate
from communs.evaluation.tests.gitrepo import GitRepo
from communs.evaluations.management.commands.demo_evaluations import find_clone
from communs.evaluations.services import DEMO_DIR

OSM = "https://github.com/openstreetmap/openstreetmap-website"


def moment(as_of: str) -> datetime:
    return datetime.strptime(as_of, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def test_the_demo_command_writes_faithful_reports_with_tags(tmp_path):
    clone = GitRepo(tmp_path / "clones" / "openstreetmap+openstreetmap-website")
    clone.commit("2026-01-10T10:00:00Z", files={"README.md": "# Carte\n"})
    clone.tag("v1.0.0", when="2026-02-01T10:00:00Z")
    clone.commit("2026-06-10T10:00:00Z", author="Bob", email="bob@example.org")
    clone.tag("v1.1.0", when="2026-06-11T10:00:00Z")
    out = tmp_path / "out"
    call_command(
        "demo_evaluations",
        str(tmp_path / "clones"),
        "--as-of=2026-03-01",
        "--as-of=2026-11-01",
        f"--output={out}",
    )
    written = json.loads((out / "openstreetmap.json").read_text(encoding="utf-8"))
    assert [record["report"]["facts"]["tags_total"] for record in written["evaluations"]] == [1, 2]
    for record in written["evaluations"]:
        fresh = evaluate(clone.path, as_of=moment(record["as_of"])).as_json()
        assert record["report"] == {**fresh, "target": OSM}
        assert record["commit"] == fresh["head"]


CLONES = os.environ.get("COMMUNS_DEMO_CLONES")


@pytest.mark.skipif(
    not CLONES, reason="set COMMUNS_DEMO_CLONES to a folder of clones of the demo repositories"
)
@pytest.mark.parametrize("path", sorted(DEMO_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_a_shipped_demo_report_equals_a_fresh_evaluation_where_the_clone_is_here(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    clone = find_clone(Path(CLONES or ""), data["repository_url"])
    if clone is None:
        pytest.skip(f"no clone of {data['repository_url']} in COMMUNS_DEMO_CLONES")
    current = [r for r in data["evaluations"] if r["report"]["method_version"] == METHOD_VERSION]
    if not current:
        # A report keeps the method it was computed with; a later method may say more.
        pytest.skip(
            f"{path.name} was computed with an older method than {METHOD_VERSION}: "
            "regenerate it with `communs demo_evaluations` to compare"
        )
    for record in current:
        fresh = evaluate(clone, as_of=moment(record["as_of"])).as_json()
        assert record["report"] == {**fresh, "target": data["repository_url"]}
