"""The registry is explicit, every check is documented, and the method version moves."""

import importlib
import pkgutil

from communs.evaluation import checks as checks_package
from communs.evaluation.registry import (
    BY_ID,
    CHECKS,
    METHOD_HISTORY,
    METHOD_VERSION,
    fingerprint,
    score_deciding,
)
from communs.evaluation.results import Check, Criterion

SECTIONS = ("What it measures:", "Why it matters:", "How to improve:", "Scoring:")


def test_every_check_module_is_in_the_registry_once():
    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(checks_package.__path__, checks_package.__name__ + ".")
    ]
    defined = [
        module.CHECK for module in modules if isinstance(getattr(module, "CHECK", None), Check)
    ]
    assert sorted(c.id for c in defined) == sorted(c.id for c in CHECKS)
    assert len(BY_ID) == len(CHECKS) == 32


def test_every_check_explains_itself_for_the_methodology_page():
    for check in CHECKS:
        first_line = check.documentation.strip().splitlines()[0]
        assert first_line.rstrip(".") == check.title, check.id
        for section in SECTIONS:
            assert section in check.documentation, (check.id, section)
        assert check.id.startswith(check.criterion.value + ".")
        assert check.weight >= 1


def test_each_criterion_has_checks():
    assert {check.criterion for check in CHECKS} == set(Criterion)


def test_the_method_version_matches_the_code_that_computes_scores():
    version, _date, recorded, _change = METHOD_HISTORY[-1]
    assert version == METHOD_VERSION
    assert recorded == fingerprint(), (
        "The checks, weights or facts changed: add a new entry to METHOD_HISTORY in "
        f"communs/evaluation/registry.py with the fingerprint {fingerprint()}."
    )


CHECK_SOURCE = '''"""Recent activity.

What it measures: commits.
"""

NONE = Message("a.b.none", "No commit.", remediation=Remediation("Commit.", Effort.LOW))


def run(snapshot, facts):
    """Say how many."""
    # Thresholds from the documentation.
    return Finding.graded(NONE(), score=10 if facts.commits_12m >= 100 else 4)


CHECK = Check(id="a.b", title="Recent activity", weight=3, run=run, documentation=__doc__)
'''


def test_documentation_and_wording_do_not_move_the_fingerprint():
    reworded = (
        CHECK_SOURCE.replace("What it measures: commits.", "What it measures: the commits.")
        .replace('"No commit."', '"There is no commit."')
        .replace('"Commit."', '"Commit often."')
        .replace("Say how many.", "Tell how many.")
        .replace("# Thresholds from", "# Thresholds, from")
        .replace('title="Recent activity"', 'title="Activity"')
    )
    assert score_deciding(reworded) == score_deciding(CHECK_SOURCE)


def test_a_threshold_or_a_weight_moves_the_fingerprint():
    assert score_deciding(CHECK_SOURCE.replace(">= 100", ">= 50")) != score_deciding(CHECK_SOURCE)
    assert score_deciding(CHECK_SOURCE.replace("weight=3", "weight=2")) != score_deciding(
        CHECK_SOURCE
    )
