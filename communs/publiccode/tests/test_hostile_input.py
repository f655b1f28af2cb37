"""Hostile input gives a clear error fast: never a crash, never a hang."""

from hypothesis import given, settings
from hypothesis import strategies as st

from communs.publiccode.document import MAX_BYTES
from communs.publiccode.validator import Result, validate


def only_error(result):
    assert not result.valid
    (issue,) = result.errors
    return issue.message


def test_a_file_over_the_size_limit_is_refused():
    assert "larger than" in only_error(validate(b"name: x\n" + b"#" * MAX_BYTES))


def test_an_alias_bomb_is_refused():
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 12):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    assert "too large once its aliases are expanded" in only_error(validate("\n".join(lines)))


def test_deep_nesting_is_refused():
    assert "nested deeper" in only_error(validate("a: " + "[" * 5000 + "]" * 5000))
    assert "nested deeper" in only_error(validate("a: " + "{b: " * 200 + "1" + "}" * 200))


def test_binary_data_and_other_encodings_are_refused_with_advice():
    assert "binary" in only_error(validate(b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert "not UTF-8" in only_error(validate("name: Médiathèque\n".encode("latin-1")))


def test_tabs_are_explained():
    message = only_error(validate("name: x\ndescription:\n\tfr: {}\n"))
    assert "tab" in message


def test_a_document_that_is_not_a_mapping_is_refused():
    assert "mapping" in only_error(validate("- a\n- b\n"))
    assert "empty" in only_error(validate(""))


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "publiccodeYmlVersion",
                "name",
                "url",
                "description",
                "legal",
                "maintenance",
                "localisation",
                "platforms",
                "categories",
                "dependsOn",
                "logo",
                "IT",
                "it",
                "fundedBy",
                "intendedAudience",
                "releaseDate",
                "isBasedOn",
                "outputTypes",
            ]
        )
        | st.text(max_size=8),
        yaml_values,
        max_size=8,
    )
)
def test_arbitrary_documents_never_crash_the_validator(document):
    import yaml

    result = validate(yaml.safe_dump(document, allow_unicode=True))
    assert isinstance(result, Result)
    assert all(issue.message for issue in (*result.errors, *result.warnings))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_arbitrary_bytes_and_text_never_crash_the_validator(raw):
    assert isinstance(validate(raw), Result)
