"""A file of plain columns, quick to write and to read back whole, that never runs code.

Layout: the line ``communs-columns 1``, one line of JSON (the header, whose ``columns``
lists each column's name, number of values and length in bytes, in order), then the
columns one after the other:

- a column of texts is their UTF-8, joined by NUL (a text holding a NUL cannot be written);
- any other column holds integers, 64 bits each, little-endian, the smallest standing for
  None.

Both turn into Python lists in C loops (a decode and a split, ``array.frombytes``), several
times faster than JSON for the hundred thousand values of a large repository's history.
Reading checks every length; a damaged file raises ValueError.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Collection, Mapping, Sequence
from typing import Any, cast

MAGIC = b"communs-columns 1\n"
NONE = -(2**63)  # an integer column's None
_SWAP = sys.byteorder != "little"


def encode(
    header: Mapping[str, object], table: Mapping[str, Sequence[Any]], texts: Collection[str]
) -> bytes:
    """The file's bytes: ``header`` (JSON, without a ``columns`` key), then each column of
    ``table``, those named in ``texts`` as texts; ValueError for a text holding a NUL,
    TypeError or OverflowError for a value that is no 64-bit integer."""
    chunks, layout = [], []
    for name, values in table.items():
        if name in texts:
            joined = "\0".join(values)
            if joined.count("\0") != max(len(values) - 1, 0):
                raise ValueError(f"a text of {name} holds a NUL")
            chunk = joined.encode("utf-8")
        else:
            if None in values:
                values = [NONE if value is None else value for value in values]
            numbers = array("q", values)
            if _SWAP:
                numbers.byteswap()
            chunk = numbers.tobytes()
        chunks.append(chunk)
        layout.append([name, len(values), len(chunk)])
    head = json.dumps({**header, "columns": layout}, separators=(",", ":")).encode()
    return b"".join((MAGIC, head, b"\n", *chunks))


def read(data: bytes, texts: Collection[str]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The header and the columns (lists) of a file's bytes; ValueError when damaged."""
    if not data.startswith(MAGIC):
        raise ValueError("not a file of columns")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise ValueError("no header")
    try:
        header = json.loads(data[len(MAGIC) : end])  # ValueError when damaged
    except RecursionError:  # arrays nested thousands deep
        raise ValueError("header nested too deep") from None
    layout = header.get("columns") if isinstance(header, dict) else None
    if not isinstance(layout, list):
        raise ValueError("no columns")
    table: dict[str, list[Any]] = {}
    offset = end + 1
    for entry in layout:
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and isinstance(entry[0], str)
            and all(isinstance(number, int) and number >= 0 for number in entry[1:])
        ):
            raise ValueError("columns")
        name, count, size = entry
        chunk = data[offset : offset + size]
        offset += size
        if len(chunk) != size:
            raise ValueError(f"{name} is cut short")
        table[name] = _texts(chunk, count) if name in texts else _integers(chunk, count)
        if len(table[name]) != count:
            raise ValueError(f"{name} has the wrong length")
    if offset != len(data):
        raise ValueError("more bytes than columns")
    return header, table


def _texts(chunk: bytes, count: int) -> list[str]:
    return chunk.decode("utf-8").split("\0") if count else []  # UnicodeError is a ValueError


def _integers(chunk: bytes, count: int) -> list[int | None]:
    if len(chunk) != 8 * count:
        raise ValueError("integers of the wrong size")
    numbers = array("q")
    numbers.frombytes(chunk)
    if _SWAP:
        numbers.byteswap()
    values = cast(list[int | None], numbers.tolist())
    if NONE in values:
        values = [None if value == NONE else value for value in values]
    return values
