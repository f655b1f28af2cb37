"""Reading a publiccode.yml safely into nodes that remember their line and column.

Values are resolved with the YAML 1.2 core schema, as the reference parser does: ``no``
and ``on`` are strings, not booleans, and dates stay strings. Hostile input gives an error
quickly: size over the limit, binary data, wrong encodings, tabs, deep nesting, and
aliases that would expand without end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)"
)


class DocumentError(Exception):
    """The file cannot be read as YAML; carries the position when known."""

    def __init__(self, message: str, line: int = 0, column: int = 0, *, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        # What went wrong, for messages in other languages: too_large, binary, not_utf8,
        # too_deep, not_key, tab, invalid_yaml, empty, not_mapping.
        self.code = code or "invalid_yaml"
        self.line = line
        self.column = column


@dataclass
class Node:
    kind: str  # "map", "seq" or "scalar"
    value: Any
    line: int  # 1-based; 0 when unknown
    column: int
    key_line: int = 0  # where its key stands in the parent mapping
    key_column: int = 0
    raw: str | None = None  # a scalar's text as written
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        if self.kind != "map":
            return None
        found: Node | None = self.value.get(key)
        return found

    def type_name(self) -> str:
        if self.kind != "scalar":
            return {"map": "a mapping", "seq": "a list"}[self.kind]
        return {
            type(None): "empty",
            bool: "a boolean",
            int: "a number",
            float: "a number",
            str: "a text",
        }.get(type(self.value), "a value")

    def plain(self) -> Any:
        """The node as plain Python values (for import and export)."""
        if self.kind == "map":
            return {key: child.plain() for key, child in self.value.items()}
        if self.kind == "seq":
            return [child.plain() for child in self.value]
        return self.value


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema resolution of an unquoted scalar."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
    return text


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise DocumentError(f"the file is larger than {MAX_BYTES // 1024} KB.", code="too_large")
    if b"\x00" in raw:
        raise DocumentError("the file is binary, not YAML text.", code="binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"the file is not UTF-8 (byte {error.start}): save it as UTF-8.", code="not_utf8"
        ) from None
    return text.removeprefix("\ufeff")


class _Builder:
    def __init__(self) -> None:
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise DocumentError(
                "the document is too large once its aliases are expanded.", code="too_large"
            )
        if depth > MAX_DEPTH:
            raise DocumentError(
                f"the document is nested deeper than {MAX_DEPTH} levels.",
                *_position(node),
                code="too_deep",
            )
        line, column = _position(node)
        if isinstance(node, yaml.MappingNode):
            mapping: dict[str, Node] = {}
            result = Node("map", mapping, line, column)
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise DocumentError(
                        "a key must be a plain value.", *_position(key_node), code="not_key"
                    )
                key = str(key_node.value)
                child = self.build(value_node, depth + 1)
                child.key_line, child.key_column = _position(key_node)
                if key in mapping:
                    result.duplicates.append((key, child.key_line, child.key_column))
                else:
                    mapping[key] = child
            return result
        if isinstance(node, yaml.SequenceNode):
            return Node("seq", [self.build(item, depth + 1) for item in node.value], line, column)
        assert isinstance(node, yaml.ScalarNode)
        if not node.style and node.tag.startswith("tag:yaml.org,2002:"):  # plain: "" in libyaml
            return Node("scalar", resolve_plain(node.value), line, column, raw=str(node.value))
        return Node("scalar", str(node.value), line, column, raw=str(node.value))


def _position(node: yaml.Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


def load(raw: bytes | str) -> Node:
    """The document's root node; raises DocumentError with a readable message."""
    text = decode(raw) if isinstance(raw, bytes) else raw
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise DocumentError(f"the file is larger than {MAX_BYTES // 1024} KB.", code="too_large")
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = ((mark.line + 1), (mark.column + 1)) if mark else (0, 0)
        problem = error.problem or "invalid YAML"
        if "nesting depth" in problem:
            raise DocumentError(
                f"the document is nested deeper than {MAX_DEPTH} levels.",
                line,
                column,
                code="too_deep",
            ) from None
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            problem = "a tab was found; YAML indents with spaces only"
        code = "tab" if problem.startswith("a tab") else "invalid_yaml"
        raise DocumentError(f"invalid YAML: {problem}", line, column, code=code) from None
    except yaml.YAMLError as error:
        raise DocumentError(f"invalid YAML: {error}") from None
    except RecursionError:
        raise DocumentError(
            f"the document is nested deeper than {MAX_DEPTH} levels.", code="too_deep"
        ) from None
    if root is None:
        raise DocumentError("the file is empty.", code="empty")
    try:
        document = _Builder().build(root)
    except RecursionError:
        raise DocumentError(
            f"the document is nested deeper than {MAX_DEPTH} levels.", code="too_deep"
        ) from None
    if document.kind != "map":
        raise DocumentError(
            "a publiccode.yml must be a mapping of keys to values.", 1, 1, code="not_mapping"
        )
    return document
