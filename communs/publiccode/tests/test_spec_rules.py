"""Each rule of the standard, tested from its sentence (see spec.py and COVERAGE.md).

The cases are written from the specification's text, version by version, not from the
reference parser's examples.
"""

import re
from pathlib import Path

import pytest

from communs.publiccode import coverage, spec
from communs.publiccode.validator import validate

BASE = """publiccodeYmlVersion: "{version}"
name: Cartes
url: "https://forge.example.org/ville/cartes"
releaseDate: "2026-01-15"
platforms: [web]
categories: [geographic-information-systems]
developmentStatus: stable
softwareType: standalone/web
description:
  fr:
    genericName: Cartographie
    shortDescription: Publier les cartes de la commune
    longDescription: >
      {long}
    features:
      - Carte des travaux
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Camille Martin
localisation:
  localisationReady: true
  availableLanguages: [fr]
"""
CONTRACTOR = '  type: contract\n  contractors:\n    - name: Coop\n      until: "2027-01-01"\n'
LONG = "Un outil libre qui aide les services de la commune à publier leurs cartes. " * 8


def document(version="0.7", replace=(), append=""):
    text = BASE.replace("{long}", LONG).replace("{version}", version)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    return text + append


def issues(result, kind):
    return {(issue.rule, issue.key) for issue in getattr(result, kind)}


def test_the_base_document_is_valid_in_the_current_version():
    result = validate(document(replace=[("    genericName: Cartographie\n", "")]))
    assert result.valid and result.warnings == (), result.errors


def test_the_coverage_table_is_up_to_date():
    assert coverage.TABLE.read_text(encoding="utf-8") == coverage.render(), (
        "run: python -m communs.publiccode.coverage"
    )


def test_every_implemented_rule_is_named_by_the_validator_and_no_other():
    source = (Path(spec.__file__).parent / "validator.py").read_text()
    named = set(re.findall(r'"([a-zA-Z]+(?:\.[a-zA-Z_0-9]+)+)"', source)) & set(spec.BY_ID)
    implemented = {rule.id for rule in spec.RULES if rule.implemented}
    assert implemented - named == set()
    assert named - implemented == set()


def test_every_rule_quotes_the_specification_and_says_why_when_left_out():
    for rule in spec.RULES:
        assert rule.sentence and rule.versions
        assert rule.implemented or rule.note, rule.id


# (rule, version, replacements, appended text, where it is reported, key)
CASES = [
    # Presence: mandatory
    ("name.required", "0.7", [("name: Cartes\n", "")], "", "errors", "name"),
    ("name.required", "0.2", [("name: Cartes\n", "name:\n")], "", "errors", "name"),
    (
        "url.required",
        "0.4",
        [('url: "https://forge.example.org/ville/cartes"\n', "")],
        "",
        "errors",
        "url",
    ),
    (
        "url.format",
        "0.7",
        [('"https://forge.example.org/ville/cartes"', "forge")],
        "",
        "errors",
        "url",
    ),
    ("platforms.required", "0.7", [("platforms: [web]\n", "")], "", "errors", "platforms"),
    (
        "platforms.required",
        "0.7",
        [("platforms: [web]", "platforms: []")],
        "",
        "errors",
        "platforms",
    ),
    (
        "developmentStatus.values",
        "0.7",
        [("developmentStatus: stable", "developmentStatus: done")],
        "",
        "errors",
        "developmentStatus",
    ),
    (
        "softwareType.values",
        "0.7",
        [("softwareType: standalone/web", "softwareType: web")],
        "",
        "errors",
        "softwareType",
    ),
    (
        "categories.values",
        "0.7",
        [("[geographic-information-systems]", "[maps]")],
        "",
        "errors",
        "categories[0]",
    ),
    ("releaseDate.format", "0.7", [('"2026-01-15"', '"15/01/2026"')], "", "errors", "releaseDate"),
    ("landingURL.format", "0.7", [], "landingURL: ftp://example.org\n", "errors", "landingURL"),
    ("roadmap.format", "0.7", [], "roadmap: not a link\n", "errors", "roadmap"),
    ("logo.formats", "0.7", [], "logo: img/logo.gif\n", "errors", "logo"),
    # Version-specific presence: required in older versions, optional now -> warnings
    (
        "releaseDate.required",
        "0.2",
        [('releaseDate: "2026-01-15"\n', "")],
        "",
        "warnings",
        "releaseDate",
    ),
    (
        "releaseDate.required",
        "0.3",
        [('releaseDate: "2026-01-15"\n', "")],
        "",
        "warnings",
        "releaseDate",
    ),
    (
        "categories.required",
        "0.4",
        [("categories: [geographic-information-systems]\n", "")],
        "",
        "warnings",
        "categories",
    ),
    (
        "genericName.required",
        "0.2",
        [("    genericName: Cartographie\n", "")],
        "",
        "warnings",
        "description.fr.genericName",
    ),
    ("genericName.deprecated", "0.3", [], "", "warnings", "description.fr.genericName"),
    (
        "genericName.length",
        "0.7",
        [("Cartographie", "C" * 36)],
        "",
        "errors",
        "description.fr.genericName",
    ),
    (
        "longDescription.length_02",
        "0.2",
        [(LONG.strip(), "x" * 200)],
        "",
        "warnings",
        "description.fr.longDescription",
    ),
    (
        "longDescription.length",
        "0.7",
        [(LONG.strip(), "x" * 149)],
        "",
        "errors",
        "description.fr.longDescription",
    ),
    (
        "longDescription.length",
        "0.7",
        [(LONG.strip(), "x" * 10_001)],
        "",
        "errors",
        "description.fr.longDescription",
    ),
    (
        "shortDescription.length",
        "0.7",
        [("Publier les cartes de la commune", "x" * 151)],
        "",
        "errors",
        "description.fr.shortDescription",
    ),
    (
        "shortDescription.required",
        "0.7",
        [("    shortDescription: Publier les cartes de la commune\n", "")],
        "",
        "errors",
        "description.fr.shortDescription",
    ),
    (
        "features.required",
        "0.7",
        [("    features:\n      - Carte des travaux\n", "")],
        "",
        "errors",
        "description.fr.features",
    ),
    ("description.languages", "0.7", [("  fr:\n", "  french_FR:\n")], "", "errors", "description"),
    (
        "documentation.format",
        "0.7",
        [("    features:", "    documentation: docs\n    features:")],
        "",
        "errors",
        "description.fr.documentation",
    ),
    # Deprecations, with the replacement
    (
        "monochromeLogo.deprecated",
        "0.7",
        [],
        "monochromeLogo: https://example.org/l.svg\n",
        "warnings",
        "monochromeLogo",
    ),
    ("inputTypes.deprecated", "0.3", [], "inputTypes: [text/plain]\n", "warnings", "inputTypes"),
    ("outputTypes.values", "0.7", [], "outputTypes: [plain]\n", "errors", "outputTypes[0]"),
    (
        "repoOwner.deprecated",
        "0.5",
        [("  license: EUPL-1.2", "  license: EUPL-1.2\n  repoOwner: Ville")],
        "",
        "warnings",
        "legal.repoOwner",
    ),
    (
        "authorsFile.deprecated",
        "0.4",
        [("  license: EUPL-1.2", "  license: EUPL-1.2\n  authorsFile: AUTHORS")],
        "",
        "warnings",
        "legal.authorsFile",
    ),
    (
        "countries.lowercase",
        "0.7",
        [],
        "intendedAudience:\n  countries: [fr]\n",
        "warnings",
        "intendedAudience.countries[0]",
    ),
    (
        "countries.format",
        "0.7",
        [],
        "intendedAudience:\n  countries: [FRA]\n",
        "errors",
        "intendedAudience.countries[0]",
    ),
    (
        "scope.values",
        "0.7",
        [],
        "intendedAudience:\n  scope: [cities]\n",
        "errors",
        "intendedAudience.scope[0]",
    ),
    # Conditional requirements
    (
        "contacts.required_if",
        "0.7",
        [("  type: internal\n  contacts:\n    - name: Camille Martin\n", "  type: community\n")],
        "",
        "errors",
        "maintenance.contacts",
    ),
    (
        "contractors.required_if",
        "0.7",
        [("  type: internal\n  contacts:\n    - name: Camille Martin\n", "  type: contract\n")],
        "",
        "errors",
        "maintenance.contractors",
    ),
    (
        "contractors.excluded_unless",
        "0.5",
        [
            (
                "  type: internal\n",
                '  type: internal\n  contractors:\n    - name: Coop\n      until: "2027-01-01"\n',
            )
        ],
        "",
        "errors",
        "maintenance.contractors",
    ),
    (
        "contractors.excluded_unless",
        "0.4",
        [
            (
                "  type: internal\n",
                '  type: internal\n  contractors:\n    - name: Coop\n      until: "2027-01-01"\n',
            )
        ],
        "",
        "warnings",
        "maintenance.contractors",
    ),
    # Keys required in list items
    (
        "contractor.until.required",
        "0.7",
        [
            (
                "  type: internal\n  contacts:\n    - name: Camille Martin\n",
                "  type: contract\n  contractors:\n    - name: Coop\n",
            )
        ],
        "",
        "errors",
        "maintenance.contractors[0].until",
    ),
    (
        "contractor.name.required",
        "0.7",
        [
            (
                "  type: internal\n  contacts:\n    - name: Camille Martin\n",
                '  type: contract\n  contractors:\n    - until: "2027-01-01"\n',
            )
        ],
        "",
        "errors",
        "maintenance.contractors[0].name",
    ),
    (
        "contact.name.required",
        "0.7",
        [("    - name: Camille Martin\n", "    - email: c@x.fr\n")],
        "",
        "errors",
        "maintenance.contacts[0].name",
    ),
    (
        "contact.email.format",
        "0.7",
        [("    - name: Camille Martin\n", "    - name: Camille Martin\n      email: camille\n")],
        "",
        "errors",
        "maintenance.contacts[0].email",
    ),
    (
        "dependency.name.required",
        "0.7",
        [],
        'dependsOn:\n  open:\n    - version: "14"\n',
        "errors",
        "dependsOn.open[0].name",
    ),
    ("supports.id.required", "0.7", [], "supports:\n  - {}\n", "errors", "supports[0].id"),
    (
        "supports.id.alias",
        "0.7",
        [],
        "supports:\n  - id: alias:nothing\n",
        "errors",
        "supports[0].id",
    ),
    ("supports.id.uri", "0.7", [], "supports:\n  - id: not a uri\n", "errors", "supports[0].id"),
    (
        "organisation.uri.required",
        "0.7",
        [],
        "organisation:\n  name: Ville\n",
        "errors",
        "organisation.uri",
    ),
    (
        "organisation.uri.format",
        "0.7",
        [],
        "organisation:\n  uri: nothing\n",
        "errors",
        "organisation.uri",
    ),
    (
        "organisation.uri.format",
        "0.7",
        [],
        "organisation:\n  uri: urn:x-italian-pa:zz_none\n",
        "errors",
        "organisation.uri",
    ),
    # localisation
    (
        "localisationReady.type",
        "0.7",
        [("localisationReady: true", "localisationReady: yes")],
        "",
        "errors",
        "localisation.localisationReady",
    ),
    (
        "availableLanguages.at_least_one",
        "0.7",
        [("availableLanguages: [fr]", "availableLanguages: []")],
        "",
        "errors",
        "localisation.availableLanguages",
    ),
    (
        "availableLanguages.values",
        "0.7",
        [("availableLanguages: [fr]", "availableLanguages: [fr_FR]")],
        "",
        "errors",
        "localisation.availableLanguages[0]",
    ),
    (
        "license.spdx",
        "0.7",
        [("license: EUPL-1.2", "license: EUPL")],
        "",
        "errors",
        "legal.license",
    ),
    (
        "license.required",
        "0.7",
        [("  license: EUPL-1.2\n", "  mainCopyrightOwner: Ville\n")],
        "",
        "errors",
        "legal.license",
    ),
    # National extension (Italy)
    ("it.lowercase", "0.7", [], 'it:\n  countryExtensionVersion: "1.0"\n', "warnings", "it"),
    ("it.deprecated", "0.7", [], 'IT:\n  countryExtensionVersion: "1.0"\n', "notices", "IT"),
    (
        "it.piattaforme.deprecated",
        "0.7",
        [],
        "IT:\n  piattaforme:\n    spid: true\n",
        "notices",
        "IT.piattaforme.spid",
    ),
    (
        "it.booleans",
        "0.7",
        [],
        "IT:\n  piattaforme:\n    spid: si\n",
        "errors",
        "IT.piattaforme.spid",
    ),
    (
        "it.countryExtensionVersion.values",
        "0.7",
        [],
        'IT:\n  countryExtensionVersion: "2"\n',
        "errors",
        "IT.countryExtensionVersion",
    ),
    (
        "it.conforme.deprecated",
        "0.5",
        [],
        "IT:\n  conforme:\n    gdpr: true\n",
        "warnings",
        "IT.conforme",
    ),
    (
        "it.riuso.codiceIPA.format",
        "0.7",
        [],
        "IT:\n  riuso:\n    codiceIPA: zz_none\n",
        "errors",
        "IT.riuso.codiceIPA",
    ),
    (
        "it.riuso.codiceIPA.deprecated",
        "0.7",
        [],
        "IT:\n  riuso:\n    codiceIPA: pcm\n",
        "warnings",
        "IT.riuso.codiceIPA",
    ),
    (
        "it.duplicate",
        "0.7",
        [],
        'IT:\n  countryExtensionVersion: "1.0"\nit:\n  countryExtensionVersion: "1.0"\n',
        "errors",
        "it",
    ),
    ("unknown.keys", "0.7", [], "colour: blue\n", "errors", "colour"),
    ("version.supported", "0.7", [('"0.7"', '"0.6"')], "", "errors", "publiccodeYmlVersion"),
    (
        "maintenance.type.values",
        "0.7",
        [("type: internal", "type: paid")],
        "",
        "errors",
        "maintenance.type",
    ),
    (
        "authorsFile.file",
        "0.4",
        [("  license: EUPL-1.2", "  license: EUPL-1.2\n  authorsFile: file:///etc/passwd")],
        "",
        "errors",
        "legal.authorsFile",
    ),
    (
        "mainCopyrightOwner.type",
        "0.7",
        [("  license: EUPL-1.2", "  license: EUPL-1.2\n  mainCopyrightOwner: [Ville]")],
        "",
        "errors",
        "legal.mainCopyrightOwner",
    ),
    (
        "contact.phone.type",
        "0.7",
        [("    - name: Camille Martin\n", "    - name: Camille Martin\n      phone: [33]\n")],
        "",
        "errors",
        "maintenance.contacts[0].phone",
    ),
    (
        "contact.affiliation.type",
        "0.7",
        [("    - name: Camille Martin\n", "    - name: Camille Martin\n      affiliation: [a]\n")],
        "",
        "errors",
        "maintenance.contacts[0].affiliation",
    ),
    (
        "contractor.email.format",
        "0.7",
        [
            (
                "  type: internal\n  contacts:\n    - name: Camille Martin\n",
                CONTRACTOR + "      email: coop\n",
            )
        ],
        "",
        "errors",
        "maintenance.contractors[0].email",
    ),
    (
        "contractor.website.format",
        "0.7",
        [
            (
                "  type: internal\n  contacts:\n    - name: Camille Martin\n",
                CONTRACTOR + "      website: ftp://coop.example\n",
            )
        ],
        "",
        "errors",
        "maintenance.contractors[0].website",
    ),
    (
        "features.length",
        "0.7",
        [("      - Carte des travaux", "      - " + "x" * 101)],
        "",
        "errors",
        "description.fr.features[0]",
    ),
    (
        "organisation.name.type",
        "0.7",
        [],
        "organisation:\n  uri: https://ville.example.fr\n  name: [Ville]\n",
        "errors",
        "organisation.name",
    ),
    ("supports.type", "0.7", [], "supports: alias:gdpr\n", "errors", "supports"),
    (
        "unsupportedCountries.format",
        "0.7",
        [],
        "intendedAudience:\n  unsupportedCountries: [XX]\n",
        "errors",
        "intendedAudience.unsupportedCountries[0]",
    ),
]


@pytest.mark.parametrize(("rule", "version", "replace", "append", "kind", "key"), CASES)
def test_each_rule_is_reported_where_the_specification_says(
    rule, version, replace, append, kind, key
):
    result = validate(document(version, replace, append))
    assert (rule, key) in issues(result, kind), (
        result.errors,
        result.warnings,
        result.notices,
    )
    if kind != "errors":
        assert result.valid, result.errors


def test_every_rule_implemented_has_a_case_here_or_in_the_reference_suite():
    from communs.publiccode.tests.test_reference_suite import SUITE
    from communs.publiccode.validator import validate_file

    tested = {case[0] for case in CASES}
    for path in SUITE.rglob("*.yml"):
        result = validate_file(path)
        tested |= {i.rule for i in (*result.errors, *result.warnings, *result.notices)}
    # Rules that never report: tested by the two tests below.
    tested |= {"optional.nullable", "platforms.values"}
    implemented = {rule.id for rule in spec.RULES if rule.implemented}
    assert implemented - tested == set()


def test_platforms_outside_the_predefined_values_are_allowed():
    # platforms — 0.2+: "Human readable values outside this list are allowed."
    assert validate(document(replace=[("platforms: [web]", "platforms: [web, amiga]")])).valid


def test_null_optional_keys_are_absent_and_null_required_keys_missing():
    result = validate(
        document(
            append="categories_extra: 1\n".replace("categories_extra: 1\n", "usedBy:\nroadmap: ~\n")
        )
    )
    assert result.valid, result.errors
    result = validate(document(replace=[("developmentStatus: stable", "developmentStatus: ~")]))
    assert [(i.code, i.key) for i in result.errors] == [("required", "developmentStatus")]


def test_a_file_of_version_0_2_is_read_with_the_current_rules_and_warned_of_its_own():
    result = validate(
        document(
            "0.2", [("    genericName: Cartographie\n", ""), ('releaseDate: "2026-01-15"\n', "")]
        )
    )
    assert result.valid
    assert {i.rule for i in result.warnings} == {
        "version.latest",
        "genericName.required",
        "releaseDate.required",
    }


def test_a_yaml_1_1_document_is_deprecated():
    result = validate(
        "%YAML 1.1\n---\n" + document(replace=[("    genericName: Cartographie\n", "")])
    )
    assert result.valid
    assert [(i.rule, i.code) for i in result.warnings] == [("encoding.yaml11", "deprecated_use")]
