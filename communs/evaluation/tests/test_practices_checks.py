import pytest

from communs.evaluation.checks.practices import (
    changelog,
    code_style,
    continuous_integration,
    contribution_guide,
    documentation,
    licence,
    tests,
)
from communs.evaluation.results import Outcome
from communs.evaluation.tests.snapshots import run, snapshot, tag

LONG_README = "# Projet\n\n" + "\n".join(f"## Section {i}\n\n" + "text " * 150 for i in range(3))
FRENCH = (
    "Le logiciel est libre. Les collectivités utilisent le logiciel pour la gestion des "
    "données avec une équipe dans la mairie. Vous pouvez contribuer sur le dépôt. " * 4
)
GPL3_TEXT = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n..."
AGPL3_TEXT = "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n"
MIT_TEXT = "MIT License\n\nPermission is hereby granted, free of charge, to any person..."


def test_documentation_passes_with_a_substantial_readme_docs_and_french():
    snap = snapshot({"README.md": LONG_README, "README.fr.md": FRENCH}, paths=["docs/index.md"])
    finding = run(documentation.CHECK, snap)
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)


def test_documentation_recognises_a_readme_written_in_french():
    finding = run(documentation.CHECK, snapshot({"README.md": FRENCH}))
    assert finding.evidence["french"] is True
    assert finding.score == 3 + 2


def test_documentation_is_partial_with_a_short_readme_only():
    finding = run(documentation.CHECK, snapshot({"README": "A tool."}))
    assert (finding.score, finding.outcome) == (1, Outcome.PARTIAL)


def test_documentation_fails_without_readme():
    assert run(documentation.CHECK, snapshot({"main.py": "print()"})).outcome is Outcome.FAIL


def test_tests_pass_with_enough_test_files():
    paths = ["app/models.py", "app/views.py", "tests/test_models.py"]
    finding = run(tests.CHECK, snapshot(paths=paths))
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)
    assert finding.evidence["test_files"] == 1


def test_tests_are_partial_when_few_and_fail_when_none():
    sources = [f"src/module{i}.js" for i in range(30)]
    assert run(tests.CHECK, snapshot(paths=[*sources, "src/a.test.js"])).score == 4
    assert run(tests.CHECK, snapshot(paths=sources)).outcome is Outcome.FAIL


def test_tests_are_not_applicable_without_code():
    assert run(tests.CHECK, snapshot({"README.md": "x"})).outcome is Outcome.NOT_APPLICABLE


def test_vendored_tests_do_not_count():
    paths = ["app.py", "vendor/lib/tests/test_lib.py", "node_modules/x/test/a.js"]
    assert run(tests.CHECK, snapshot(paths=paths)).outcome is Outcome.FAIL


def test_ci_passes_when_a_pipeline_runs_tests():
    snap = snapshot({".gitlab-ci.yml": "test:\n  script: pytest\n"})
    finding = run(continuous_integration.CHECK, snap)
    assert finding.outcome is Outcome.PASS and finding.evidence["running_tests"] == [
        ".gitlab-ci.yml"
    ]


def test_ci_is_partial_when_no_pipeline_runs_tests_and_fails_without_pipeline():
    snap = snapshot({".github/workflows/deploy.yml": "on: push\njobs: {}\n"})
    assert run(continuous_integration.CHECK, snap).outcome is Outcome.PARTIAL
    assert run(continuous_integration.CHECK, snapshot({"a.py": ""})).outcome is Outcome.FAIL


@pytest.mark.parametrize(
    ("files", "score", "outcome"),
    [
        ({"CONTRIBUTING.md": "x", "CODE_OF_CONDUCT.md": "x"}, 10, Outcome.PASS),
        ({".github/CONTRIBUTING.md": "x"}, 5, Outcome.PARTIAL),
        ({"CODE_OF_CONDUCT.md": "x"}, 5, Outcome.PARTIAL),
        ({"README.md": "x"}, 0, Outcome.FAIL),
    ],
)
def test_contribution_guide_and_code_of_conduct(files, score, outcome):
    finding = run(contribution_guide.CHECK, snapshot(files))
    assert (finding.score, finding.outcome) == (score, outcome)


def test_code_style_counts_tools_including_pyproject_sections():
    snap = snapshot({"pyproject.toml": "[tool.ruff]\nline-length = 100\n", ".editorconfig": ""})
    finding = run(code_style.CHECK, snap)
    assert finding.outcome is Outcome.PASS
    assert finding.evidence["tools"] == [".editorconfig", "pyproject.toml [tool.ruff]"]
    assert run(code_style.CHECK, snapshot({".rubocop.yml": ""})).score == 6
    assert run(code_style.CHECK, snapshot({"a.py": ""})).outcome is Outcome.FAIL


def test_licence_declared_in_a_manifest_and_crpa_listed_scores_full():
    snap = snapshot(
        {"LICENSE": AGPL3_TEXT, "package.json": '{"name": "x", "license": "AGPL-3.0-or-later"}'}
    )
    finding = run(licence.CHECK, snap)
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)
    assert finding.evidence["spdx"] == "AGPL-3.0-or-later"
    assert finding.evidence["crpa_listed"] is True


def test_licence_text_alone_is_read_as_this_version_only():
    finding = run(licence.CHECK, snapshot({"COPYING": GPL3_TEXT}))
    assert finding.evidence["spdx"] == "GPL-3.0-only"
    assert (finding.score, finding.outcome) == (8, Outcome.PASS)
    assert "not in the CRPA list" in finding.reason


def test_licence_from_an_spdx_header_and_a_pyproject():
    assert (
        run(licence.CHECK, snapshot({"LICENSE": "SPDX-License-Identifier: EUPL-1.2\n"})).evidence[
            "spdx"
        ]
        == "EUPL-1.2"
    )
    finding = run(licence.CHECK, snapshot({"pyproject.toml": 'license = "MIT"\n'}))
    assert finding.evidence["spdx"] == "MIT"
    assert finding.score == 6  # declared, free, not a file
    assert "no licence file" in finding.reason


def test_an_unrecognised_licence_file_is_partial_and_no_licence_fails():
    assert run(licence.CHECK, snapshot({"LICENSE": "All rights reserved."})).score == 4
    finding = run(licence.CHECK, snapshot({"README.md": "x"}))
    assert (finding.score, finding.outcome) == (0, Outcome.FAIL)


def test_a_non_free_licence_is_reported_as_such():
    finding = run(
        licence.CHECK, snapshot({"LICENSE": "x", "package.json": '{"license":"SSPL-1.0"}'})
    )
    assert finding.evidence["free"] is False and finding.score == 6


def test_a_permissive_licence_text_is_recognised():
    finding = run(licence.CHECK, snapshot({"LICENSE.txt": MIT_TEXT}))
    assert finding.evidence["spdx"] == "MIT" and finding.score == 10


def test_changelog_and_version_tags():
    tags = [tag("v1.0.0", 10), tag("v1.1.0", 5), tag("2.0", 1)]
    finding = run(changelog.CHECK, snapshot({"CHANGELOG.md": "x"}, tags=tags))
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)
    finding = run(changelog.CHECK, snapshot({"README": "x"}, tags=[*tags, tag("latest", 1)]))
    assert (finding.score, finding.outcome) == (3, Outcome.PARTIAL)  # 3 of 4 tags: from half
    finding = run(changelog.CHECK, snapshot({"README": "x"}))
    assert (finding.score, finding.outcome) == (0, Outcome.FAIL)
