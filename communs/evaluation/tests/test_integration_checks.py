from communs.evaluation.checks.integration import (
    api_descriptions,
    deployment_packaging,
    domain_standards,
    identity_standards,
    localisation,
    publiccode,
)
from communs.evaluation.results import Outcome
from communs.evaluation.tests.snapshots import run, snapshot


def test_api_descriptions_by_kind():
    snap = snapshot(paths=["api/openapi.yaml", "schema/schema.graphql", "docs/asyncapi.json"])
    finding = run(api_descriptions.CHECK, snap)
    assert finding.outcome is Outcome.PASS
    assert set(finding.evidence) == {"OpenAPI", "GraphQL", "AsyncAPI"}
    assert run(api_descriptions.CHECK, snapshot({"a.py": ""})).outcome is Outcome.FAIL


def test_identity_standards_from_manifests():
    snap = snapshot(
        {
            "requirements.txt": "django==5.2\nmozilla-django-oidc==4.0\ndjangosaml2==1.9\n",
            "package.json": '{"dependencies": {"ldapjs": "^3"}}',
        }
    )
    finding = run(identity_standards.CHECK, snap)
    assert finding.outcome is Outcome.PASS
    assert set(finding.evidence["standards"]) == {"OpenID Connect", "SAML", "LDAP"}
    one = snapshot({"Gemfile": "gem 'omniauth-cas'\n"})
    assert (
        run(identity_standards.CHECK, one).score,
        run(identity_standards.CHECK, one).outcome,
    ) == (7, Outcome.PASS)


def test_identity_standards_fail_or_are_inconclusive_without_evidence():
    assert (
        run(identity_standards.CHECK, snapshot({"package.json": '{"dependencies": {}}'})).outcome
        is Outcome.FAIL
    )
    assert run(identity_standards.CHECK, snapshot({"a.c": ""})).outcome is Outcome.INCONCLUSIVE


def test_a_library_name_inside_another_word_does_not_count():
    snap = snapshot({"requirements.txt": "python-ldap-stubs==1\nmy-oic-helper==2\n"})
    assert run(identity_standards.CHECK, snap).outcome is Outcome.FAIL


def test_domain_standards():
    snap = snapshot({"composer.json": '{"require": {"sabre/dav": "^4", "league/csv": "^9"}}'})
    finding = run(domain_standards.CHECK, snap)
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)
    one = snapshot({"package.json": '{"dependencies": {"leaflet": "1.9"}}'})
    assert run(domain_standards.CHECK, one).score == 6
    finding = run(domain_standards.CHECK, snapshot({"package.json": "{}"}))
    assert finding.outcome is Outcome.INCONCLUSIVE and finding.score is None


def test_deployment_packaging():
    snap = snapshot(paths=["Dockerfile", "charts/app/Chart.yaml", "debian/control"])
    finding = run(deployment_packaging.CHECK, snap)
    assert (finding.score, finding.outcome) == (10, Outcome.PASS)
    assert set(finding.evidence["packaging"]) == {"container", "Helm chart", "Debian package"}
    assert run(deployment_packaging.CHECK, snapshot(paths=["compose.yaml"])).score == 7
    assert run(deployment_packaging.CHECK, snapshot({"a": ""})).outcome is Outcome.FAIL


def test_localisation():
    snap = snapshot(paths=["locale/fr/LC_MESSAGES/django.po", "locale/de/LC_MESSAGES/django.po"])
    assert run(localisation.CHECK, snap).outcome is Outcome.PASS
    rails = snapshot(paths=["config/locales/de.yml", "config/locales/en.yml"])
    finding = run(localisation.CHECK, rails)
    assert (finding.score, finding.outcome) == (6, Outcome.PARTIAL)
    assert (
        run(localisation.CHECK, snapshot(paths=["config/locales/fr.yml"])).outcome is Outcome.PASS
    )
    assert run(localisation.CHECK, snapshot({"a.py": ""})).outcome is Outcome.FAIL


def test_a_valid_publiccode_scores_higher_than_an_invalid_one():
    from communs.publiccode.tests.test_validator import MINIMAL

    good = run(publiccode.CHECK, snapshot({"publiccode.yml": MINIMAL}))
    assert (good.score, good.outcome) == (10, Outcome.PASS)
    assert good.evidence["version"] == "0.7"
    old = run(publiccode.CHECK, snapshot({"publiccode.yml": MINIMAL.replace('"0.7"', '"0.2"')}))
    assert (old.score, old.outcome) == (9, Outcome.PASS)
    invalid = run(
        publiccode.CHECK, snapshot({"publiccode.yml": MINIMAL.replace("name: Communs\n", "")})
    )
    assert (invalid.score, invalid.outcome) == (4, Outcome.PARTIAL)
    assert invalid.evidence["errors"] == ["name: name is required"]
    broken = run(publiccode.CHECK, snapshot({"publiccode.yml": "name: [unclosed\n"}))
    assert broken.outcome is Outcome.PARTIAL and "invalid YAML" in broken.reason
    assert run(publiccode.CHECK, snapshot({"a": ""})).outcome is Outcome.FAIL
