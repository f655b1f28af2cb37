"""Validation of publiccode.yml files (standard versions 0.2 to 0.5 and 0.7).

Every problem is an Issue with the key path (``description.en.features[2]``), a message a
maintainer can act on, and the line and column in the file. Errors make the file invalid;
warnings (deprecated keys, older versions) do not. Offline: URLs are checked for their
form, never fetched; relative paths (logo, screenshots) are checked on disk when the
file's folder is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communs.publiccode import rules
from communs.publiccode.document import DocumentError, Node, load
from communs.publiccode.vocabulary import (
    CATEGORIES,
    DEVELOPMENT_STATUSES,
    LATEST_VERSION,
    MAINTENANCE_TYPES,
    SCOPES,
    SOFTWARE_TYPES,
    SUPPORTED_VERSIONS,
)

# The reference parser also accepts "other" as a category.
ACCEPTED_CATEGORIES = frozenset((*CATEGORIES, "other"))
IMAGE_EXTENSIONS = (".svg", ".svgz", ".png")
_PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_]+")

Path_ = list[str | int]
Handler = Callable[[Node, Path_], object]


@dataclass(frozen=True)
class Issue:
    key: str
    message: str
    line: int
    column: int

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "message": self.message, "line": self.line, "column": self.column}


@dataclass(frozen=True)
class Result:
    version: str | None
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    data: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def valid(self) -> bool:
        return not self.errors


def key_path(path: Path_) -> str:
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif _PLAIN_SEGMENT.fullmatch(segment):
            text += f".{segment}" if text else segment
        else:
            text += f"[{segment}]"
    return text


class _Validator:
    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = base_dir
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.type_errors = 0

    # Reporting -----------------------------------------------------------------------

    def error(self, path: Path_, message: str, line: int, column: int) -> None:
        self.errors.append(Issue(key_path(path), message, line, column))

    def warn(self, path: Path_, message: str, line: int, column: int) -> None:
        self.warnings.append(Issue(key_path(path), message, line, column))

    def wrong_type(self, node: Node, path: Path_, expected: str) -> None:
        self.type_errors += 1
        line, column = (
            (node.key_line, node.key_column) if node.key_line else (node.line, node.column)
        )
        self.error(path, f"wrong type: expected {expected}, found {node.type_name()}", line, column)

    def required(self, path: Path_, parent: Node | None) -> None:
        line, column = (parent.line, parent.column) if parent else (0, 0)
        self.error(path, f"{path[-1]} is required", line, column)

    def deprecated(self, node: Node, path: Path_, advice: str = "it is safe to remove it") -> None:
        self.warn(
            path,
            f"this key is deprecated: {advice}",
            node.key_line or node.line,
            node.key_column or node.column,
        )

    # Shapes --------------------------------------------------------------------------

    def mapping(
        self,
        node: Node,
        path: Path_,
        fields: Mapping[str, Handler],
        required: tuple[str, ...] = (),
        *,
        open_keys: bool = False,
        unreadable_when_mistyped: bool = False,
    ) -> bool:
        """Validate a mapping's fields; False when one of them has the wrong type.

        With ``unreadable_when_mistyped``, a section holding a value of the wrong type is
        read as empty, as the reference parser does for top-level sections: its required
        fields are then reported missing.
        """
        if node.kind != "map":
            self.wrong_type(node, path, "a mapping")
            for name in required:
                self.required([*path, name], node)
            return False
        before = self.type_errors
        for key, line, column in node.duplicates:
            self.error([*path, key], f"'{key}' appears twice", line, column)
        for key, child in node.value.items():
            handler = fields.get(key)
            if handler is not None:
                handler(child, [*path, key])
            elif not open_keys:
                self.error([*path, key], f'unknown field "{key}"', child.key_line, child.key_column)
        readable = self.type_errors == before
        for name in required:
            child = node.get(name)
            if child is None or child.value is None or (unreadable_when_mistyped and not readable):
                self.required([*path, name], node)
        return readable

    def items(self, node: Node, path: Path_, each: Handler, *, at_least_one: bool = False) -> None:
        if node.kind == "map" and node.value:
            first = next(iter(node.value))
            self.wrong_type(node.value[first], [*path, first], "a list")
            return
        if node.kind != "seq":
            self.wrong_type(node, path, "a list")
            return
        if at_least_one and not node.value:
            self.error(path, f"{path[-1]} must hold at least one item", node.line, node.column)
        for index, child in enumerate(node.value):
            each(child, [*path, index])

    def text(self, node: Node, path: Path_) -> str | None:
        """A text field's value; a number or boolean is read as the text written."""
        if node.kind != "scalar":
            self.wrong_type(node, path, "a text")
            return None
        if node.value is None:
            return None
        return node.value if isinstance(node.value, str) else node.raw

    # Field handlers ------------------------------------------------------------------

    def any_text(self, node: Node, path: Path_) -> None:
        self.text(node, path)

    def boolean(self, node: Node, path: Path_) -> None:
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.wrong_type(node, path, "true or false")

    def limited(self, maximum: int, minimum: int = 0) -> Handler:
        def check(node: Node, path: Path_) -> None:
            value = self.text(node, path)
            if value is None:
                return
            length = rules.graphemes(value.strip())
            if length > maximum:
                self.error(
                    path,
                    f"{path[-1]} has {length} characters; the maximum is {maximum}",
                    node.line,
                    node.column,
                )
            elif length < minimum:
                self.error(
                    path,
                    f"{path[-1]} has {length} characters; the minimum is {minimum}",
                    node.line,
                    node.column,
                )

        return check

    def checked(self, test: Callable[[str], bool], message: str) -> Handler:
        def check(node: Node, path: Path_) -> None:
            value = self.text(node, path)
            if value is not None and not test(value):
                self.error(
                    path, f"{key_path(path)} {message} (found {value!r})", node.line, node.column
                )

        return check

    def one_of(self, allowed: tuple[str, ...] | frozenset[str], what: str) -> Handler:
        return self.checked(lambda value: value in allowed, f"must be a valid {what}")

    def list_of(self, each: Handler, *, at_least_one: bool = False) -> Handler:
        return lambda node, path: self.items(node, path, each, at_least_one=at_least_one)

    def url_or_urls(self, node: Node, path: Path_) -> None:
        if node.kind == "scalar":
            check = self.checked(rules.is_url, "must be a valid URL")
            check(node, [*path, 0])
        else:
            self.items(node, path, self.checked(rules.is_url, "must be a valid URL"))

    def country(self, node: Node, path: Path_) -> None:
        value = self.text(node, path)
        if value is None:
            return
        problem = rules.country_problem(value)
        if problem == "lowercase":
            self.warn(
                path,
                f"lowercase country codes are deprecated: write '{value.upper()}'",
                node.line,
                node.column,
            )
        elif problem:
            self.error(
                path,
                f"{key_path(path)} must be an ISO 3166-1 alpha-2 country code in "
                f"capitals (found {value!r})",
                node.line,
                node.column,
            )

    def image(self, *, deprecated: bool = False) -> Handler:
        def check(node: Node, path: Path_) -> None:
            if deprecated:
                self.deprecated(node, path, "use 'logo' instead")
            value = self.text(node, path)
            if value is None:
                return
            self.local_file(value, node, path, extensions=IMAGE_EXTENSIONS)

        return check

    def local_file(
        self, value: str, node: Node, path: Path_, extensions: tuple[str, ...] | None = None
    ) -> None:
        if value.lower().startswith("file:"):
            self.error(
                path,
                "file:// URLs are not allowed: use a relative path or an https:// URL",
                node.key_line or node.line,
                node.key_column or node.column,
            )
            return
        if rules.is_http_url(value):
            return  # checked online only
        if extensions and not value.lower().endswith(extensions):
            self.error(
                path,
                f"{value!r} has an unsupported file extension (use {', '.join(extensions)})",
                node.line,
                node.column,
            )
            return
        if self.base_dir is None:
            return
        target = (self.base_dir / value).resolve()
        if not target.is_file():
            self.error(path, f"no such file: {value}", node.line, node.column)
        elif target.suffix.lower() == ".png" and not target.read_bytes()[:8].startswith(
            b"\x89PNG\r\n\x1a\n"
        ):
            self.error(path, f"{value} is not a valid PNG image", node.line, node.column)

    def screenshot(self, node: Node, path: Path_) -> None:
        value = self.text(node, path)
        if value is not None:
            self.local_file(value, node, path)

    # Sections ------------------------------------------------------------------------

    def description(self, node: Node, path: Path_) -> None:
        if node.kind != "map":
            self.wrong_type(node, path, "a mapping of languages")
            return
        readable = 0
        for language, child in node.value.items():
            if not rules.is_language(language):
                self.error(
                    path,
                    f"{language!r} is not a valid BCP 47 language tag (e.g. 'en', 'fr-FR')",
                    child.key_line,
                    child.key_column,
                )
                continue
            before = self.type_errors
            self.mapping(
                child,
                [*path, language],
                self.language_fields(),
                required=("shortDescription", "longDescription"),
            )
            if child.kind == "map" and child.get("features") is None:
                self.error(
                    [*path, language, "features"],
                    "features must hold at least one item",
                    child.line,
                    child.column,
                )
            if self.type_errors == before:
                readable += 1
        if readable == 0:
            self.error(
                path,
                "description must hold at least one readable language",
                node.key_line or node.line,
                node.key_column or node.column,
            )

    def language_fields(self) -> dict[str, Handler]:
        http = self.checked(rules.is_http_url, "must be an HTTP URL")
        return {
            "localisedName": self.any_text,
            "genericName": self.generic_name,
            "shortDescription": self.limited(150),
            "longDescription": self.limited(10_000, 150),
            "documentation": http,
            "apiDocumentation": http,
            "features": self.list_of(self.limited(100), at_least_one=True),
            "screenshots": self.list_of(self.screenshot),
            "videos": self.list_of(http),
            "awards": self.list_of(self.any_text),
        }

    def generic_name(self, node: Node, path: Path_) -> None:
        self.limited(35)(node, path)
        self.deprecated(node, path)

    def legal(self, node: Node, path: Path_) -> None:
        def authors_file(child: Node, child_path: Path_) -> None:
            self.deprecated(child, child_path)
            self.text(child, child_path)

        self.mapping(
            node,
            path,
            {
                "license": self.checked(
                    rules.is_licence, "must be a valid SPDX licence expression"
                ),
                "mainCopyrightOwner": self.any_text,
                "repoOwner": self.any_text,
                "authorsFile": authors_file,
            },
            required=("license",),
            unreadable_when_mistyped=True,
        )

    def maintenance(self, node: Node, path: Path_) -> None:
        contractor = {
            "name": self.any_text,
            "until": self.checked(rules.is_date, "must be a date written YYYY-MM-DD"),
            "email": self.checked(rules.is_email, "must be a valid email address"),
            "website": self.checked(rules.is_url, "must be a valid URL"),
        }
        contact = {
            "name": self.any_text,
            "email": self.checked(rules.is_email, "must be a valid email address"),
            "phone": self.any_text,
            "affiliation": self.any_text,
        }
        readable = self.mapping(
            node,
            path,
            {
                "type": self.one_of(MAINTENANCE_TYPES, "maintenance type"),
                "contractors": self.list_of(
                    lambda n, p: self.mapping(n, p, contractor, required=("name",))
                ),
                "contacts": self.list_of(
                    lambda n, p: self.mapping(n, p, contact, required=("name",))
                ),
            },
            required=("type",),
            unreadable_when_mistyped=True,
        )
        if not readable or node.kind != "map":
            return
        kind = node.get("type")
        contractors = node.get("contractors")
        if kind is not None and kind.value == "contract" and contractors is None:
            self.error(
                [*path, "contractors"],
                'contractors are required when "type" is "contract"',
                kind.key_line,
                kind.key_column,
            )
        if kind is not None and kind.value != "contract" and contractors is not None:
            self.error(
                [*path, "contractors"],
                'contractors must not be given unless "type" is "contract"',
                contractors.key_line,
                contractors.key_column,
            )

    def localisation(self, node: Node, path: Path_) -> None:
        self.mapping(
            node,
            path,
            {
                "localisationReady": self.boolean,
                "availableLanguages": self.list_of(
                    self.checked(rules.is_language, "must be a valid BCP 47 language tag"),
                    at_least_one=True,
                ),
            },
            required=("localisationReady", "availableLanguages"),
            unreadable_when_mistyped=True,
        )

    def depends_on(self, node: Node, path: Path_) -> None:
        dependency: dict[str, Handler] = {
            "name": self.any_text,
            "versionMin": self.any_text,
            "versionMax": self.any_text,
            "version": self.any_text,
            "optional": self.boolean,
        }
        each = self.list_of(lambda n, p: self.mapping(n, p, dependency, required=("name",)))
        self.mapping(node, path, {"open": each, "proprietary": each, "hardware": each})

    def italy(self, node: Node, path: Path_) -> None:
        def conforme(child: Node, child_path: Path_) -> None:
            self.deprecated(child, child_path)

        self.mapping(
            node,
            path,
            {
                "countryExtensionVersion": self.checked(
                    lambda v: v in ("0.2", "1.0"), 'must be "0.2" or "1.0"'
                ),
                "conforme": conforme,
                "riuso": lambda n, p: self.mapping(
                    n,
                    p,
                    {
                        "codiceIPA": self.checked(
                            rules.is_codice_ipa,
                            "must be a valid Italian Public Administration code (iPA)",
                        )
                    },
                ),
                "piattaforme": lambda n, p: self.mapping(n, p, {}, open_keys=True),
            },
            open_keys=True,
        )

    def organisation_uri(self, node: Node, path: Path_) -> None:
        value = self.text(node, path)
        if value is None:
            return
        if not rules.is_uri(value):
            self.error(path, f"uri must be a valid URI (found {value!r})", node.line, node.column)
        elif value.startswith("urn:x-italian-pa") and not rules.is_italian_pa_urn(value):
            self.error(path, "uri must be urn:x-italian-pa:<iPA code>", node.line, node.column)

    def top_level(self) -> dict[str, Handler]:
        def deprecated_types(node: Node, path: Path_) -> None:
            self.deprecated(node, path)
            self.items(node, path, self.checked(rules.is_mime_type, "is not a valid MIME type"))

        organisation = {"uri": self.organisation_uri, "name": self.any_text}
        return {
            "publiccodeYmlVersion": self.any_text,
            "name": self.any_text,
            "applicationSuite": self.any_text,
            "url": self.checked(rules.is_url, "must be a valid URL"),
            "landingURL": self.checked(rules.is_http_url, "must be an HTTP URL"),
            "isBasedOn": self.url_or_urls,
            "softwareVersion": self.any_text,
            "releaseDate": self.checked(rules.is_date, "must be a date written YYYY-MM-DD"),
            "logo": self.image(),
            "monochromeLogo": self.image(deprecated=True),
            "platforms": self.list_of(self.any_text, at_least_one=True),
            "categories": self.list_of(self.one_of(ACCEPTED_CATEGORIES, "category")),
            "usedBy": self.list_of(self.any_text),
            "roadmap": self.checked(rules.is_http_url, "must be an HTTP URL"),
            "developmentStatus": self.one_of(DEVELOPMENT_STATUSES, "development status"),
            "softwareType": self.one_of(SOFTWARE_TYPES, "software type"),
            "intendedAudience": lambda n, p: self.mapping(
                n,
                p,
                {
                    "scope": self.list_of(self.one_of(SCOPES, "scope")),
                    "countries": self.list_of(self.country),
                    "unsupportedCountries": self.list_of(self.country),
                },
            ),
            "description": self.description,
            "legal": self.legal,
            "maintenance": self.maintenance,
            "localisation": self.localisation,
            "dependsOn": self.depends_on,
            "inputTypes": deprecated_types,
            "outputTypes": deprecated_types,
            "IT": self.italy,
            "it": self.italy,
            "organisation": lambda n, p: self.mapping(n, p, organisation, required=("uri",)),
            "fundedBy": self.list_of(
                lambda n, p: self.mapping(n, p, organisation, required=("uri",))
            ),
            "supports": self.list_of(
                lambda n, p: self.mapping(n, p, {"id": self.any_text}, open_keys=True)
            ),
        }

    # The document --------------------------------------------------------------------

    def version(self, root: Node) -> str | None:
        node = root.get("publiccodeYmlVersion")
        if node is None or node.value is None:
            self.required(["publiccodeYmlVersion"], None)
            return None
        if node.kind != "scalar" or node.raw is None:
            self.wrong_type(node, ["publiccodeYmlVersion"], 'a quoted text such as "0.5"')
            return None
        raw = node.raw
        version = SUPPORTED_VERSIONS.get(raw)
        if version is None:
            self.error(
                ["publiccodeYmlVersion"],
                f"version {raw!r} is not supported: use one of "
                f'0.2, 0.3, 0.4, 0.5, 0.7 (or "0" for the newest)',
                node.line,
                node.column,
            )
            return None
        if version < "0.4":
            self.warn(
                ["publiccodeYmlVersion"],
                f"version {raw} is not the latest: the file is "
                f"read as {LATEST_VERSION}; consider updating it",
                node.line,
                node.column,
            )
        return version

    def document(self, root: Node) -> str | None:
        version = self.version(root)
        if version is None and root.get("publiccodeYmlVersion") is not None:
            return None  # an unknown version: its keys cannot be judged
        if root.get("it") is not None:
            node = root.value["it"]
            self.warn(
                ["it"],
                "lowercase country sections are deprecated: write 'IT'",
                node.key_line,
                node.key_column,
            )
            if root.get("IT") is not None:
                self.error(
                    ["it"],
                    "'IT' is already present: remove this section",
                    node.key_line,
                    node.key_column,
                )
        empty = Node("map", {}, 0, 0)
        for section in ("legal", "maintenance", "localisation"):
            if root.get(section) is None:
                getattr(self, section)(empty, [section])
        self.mapping(
            root,
            [],
            self.top_level(),
            required=("name", "url", "developmentStatus", "softwareType"),
        )
        if root.get("platforms") is None:
            self.error(["platforms"], "platforms must hold at least one item", 1, 1)
        if root.get("description") is None:
            self.error(["description"], "description must hold at least one language", 1, 1)
        return version


def validate(raw: bytes | str, *, base_dir: Path | None = None) -> Result:
    """Validate a publiccode.yml's content. ``base_dir`` is its folder, for relative paths."""
    try:
        root = load(raw)
    except DocumentError as problem:
        return Result(None, (Issue("", problem.message, problem.line, problem.column),), ())
    validator = _Validator(base_dir)
    version = validator.document(root)
    errors = sorted(validator.errors, key=lambda issue: (issue.line == 0, issue.line, issue.key))
    return Result(version, tuple(errors), tuple(validator.warnings), root.plain())


def validate_file(path: Path) -> Result:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Result(None, (Issue("", f"cannot read the file: {error.strerror}", 0, 0),), ())
    return validate(raw, base_dir=path.resolve().parent)
