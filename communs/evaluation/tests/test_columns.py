"""The file of plain columns the incremental cache is written in: what is written reads back
the same, and a damaged file is refused rather than misread."""

from typing import Any

import pytest

from communs.evaluation import columns

TEXTS = {"names", "empty", "one"}


def written() -> bytes:
    table: dict[str, list[Any]] = {
        "names": ["Zoë", "", "Анна", "李"],
        "empty": [],
        "one": [""],
        "dates": [1_700_000_000, None, 253_402_300_799, None],
        "counts": [0, -1, 2**62],
    }
    return columns.encode({"version": 3, "commit": "abc"}, table, TEXTS)


def test_columns_read_back_as_written_with_none_and_empty_texts():
    header, table = columns.read(written(), TEXTS)
    assert header["version"] == 3 and header["commit"] == "abc"
    assert table == {
        "names": ["Zoë", "", "Анна", "李"],
        "empty": [],
        "one": [""],
        "dates": [1_700_000_000, None, 253_402_300_799, None],
        "counts": [0, -1, 2**62],
    }


def test_a_text_holding_a_nul_is_not_written():
    with pytest.raises(ValueError, match="NUL"):
        columns.encode({}, {"names": ["a\0b"]}, TEXTS)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # cut short
        lambda data: data + b"\0",  # a byte too many
        lambda data: b"x" + data,  # not the format
        lambda data: data.replace(b'"version"', b'"version', 1),  # header not JSON
        lambda data: data.replace(b'["dates",4,32]', b'["dates",3,32]', 1),  # wrong count
        lambda data: data.replace(b'["names",4,', b'["names",5,', 1),  # wrong count of texts
        lambda data: data.replace("Zoë".encode(), b"Zo\xff\xfe", 1),  # not UTF-8
        lambda data: columns.MAGIC + b"[" * 100_000 + b"\n",  # a header nested too deep
    ],
)
def test_a_damaged_file_is_refused(damage):
    data = written()
    damaged = damage(data)
    assert damaged != data
    with pytest.raises(ValueError):
        columns.read(damaged, TEXTS)
