"""The registry is explicit, every check is documented, and the method version moves."""

import importlib
import pkgutil

from communs.evaluation import checks as checks_package
from communs.evaluation.registry import BY_ID, CHECKS, METHOD_HISTORY, METHOD_VERSION, fingerprint
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
    assert len(BY_ID) == len(CHECKS) == 26


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
