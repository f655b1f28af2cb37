from communs.publiccode.validator import key_path, validate

MINIMAL = """publiccodeYmlVersion: "0.7"
name: Communs
url: "https://forge.example.org/communs"
platforms: [web]
developmentStatus: beta
softwareType: standalone/web
description:
  fr:
    shortDescription: Logiciels libres pour les collectivités
    longDescription: >
      {long}
    features:
      - Catalogue
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Camille Martin
localisation:
  localisationReady: true
  availableLanguages: [fr, en]
""".replace(
    "{long}", "Communs aide les collectivités à adopter ensemble des logiciels libres. " * 3
)


def keys(result):
    return [issue.key for issue in result.errors]


def test_a_minimal_file_is_valid_and_its_data_is_returned():
    result = validate(MINIMAL)
    assert result.valid, result.errors
    assert result.version == "0.7"
    assert result.data["legal"]["license"] == "EUPL-1.2"
    assert result.warnings == ()


def test_errors_carry_the_key_path_the_message_and_the_position():
    result = validate(MINIMAL.replace("      - Catalogue", "      - Catalogue\n      - [1, 2]"))
    # As with the reference parser, a language section holding a mistyped value is unreadable.
    assert keys(result) == ["description", "description.fr.features[1]"]
    issue = result.errors[1]
    assert issue.code == "wrong_type" and issue.params["expected"] == "text"
    assert "wrong type, expected a text, found a list" in issue.message
    assert (issue.line, issue.column) == (14, 9)


def test_key_paths_use_brackets_for_language_tags():
    assert key_path(["description", "en-GB", "features", 2]) == "description[en-GB].features[2]"
    assert key_path(["IT", "riuso", "codiceIPA"]) == "IT.riuso.codiceIPA"


def test_unsupported_versions_are_refused_with_what_is_supported():
    for version in ('"0.6"', '"1.0"', '"abc"'):
        result = validate(MINIMAL.replace('"0.7"', version))
        assert keys(result) == ["publiccodeYmlVersion"]
        assert "is not supported: use one of 0.2, 0.3, 0.4, 0.5, 0.7" in result.errors[0].message


def test_an_unquoted_version_number_is_read_as_written():
    assert validate(MINIMAL.replace('"0.7"', "0.7")).valid


def test_older_versions_are_valid_with_a_warning():
    result = validate(MINIMAL.replace('"0.7"', '"0.5"'))
    assert result.valid
    assert [w.key for w in result.warnings] == ["publiccodeYmlVersion"]


def test_yaml_1_1_booleans_are_not_booleans():
    result = validate(MINIMAL.replace("localisationReady: true", "localisationReady: yes"))
    assert "localisation.localisationReady" in keys(result)


def test_unknown_and_duplicated_keys_are_errors_and_deprecated_keys_warnings():
    text = MINIMAL + "foobar: 1\nname: Twice\n"
    result = validate(text)
    assert set(keys(result)) == {"foobar", "name"}
    text = MINIMAL.replace("    features:", "    genericName: Outil\n    features:")
    result = validate(text)
    assert result.valid and [w.key for w in result.warnings] == ["description.fr.genericName"]


def test_maintenance_rules():
    contract = MINIMAL.replace("type: community", "type: contract")
    assert keys(validate(contract)) == ["maintenance.contractors"]
    with_contractor = contract.replace(
        "type: contract",
        "type: contract\n  contractors:\n    - name: Coop\n      until: 2027-12-31",
    )
    assert validate(with_contractor).valid


def test_values_are_checked_for_their_form():
    result = validate(
        MINIMAL.replace(
            "platforms: [web]",
            "platforms: [web]\ncategories: [nonsense]\n"
            "releaseDate: 2026-13-01\nlandingURL: ftp://x\n",
        )
    )
    assert set(keys(result)) == {"categories[0]", "releaseDate", "landingURL"}
    licence = validate(MINIMAL.replace("EUPL-1.2", "EUPL"))
    assert keys(licence) == ["legal.license"]
