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

from communs.publiccode import messages, rules
from communs.publiccode.document import DocumentError, Node, load
from communs.publiccode.vocabulary import (
    ALIASES,
    CATEGORIES,
    DEVELOPMENT_STATUSES,
    ITALIAN_CONFORMITY,
    ITALIAN_PLATFORMS,
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
_YAML_11 = re.compile(r"(?:\s*#[^\n]*\n)*\s*%YAML\s+1\.1\b")

Path_ = list[str | int]
Handler = Callable[[Node, Path_], object]


@dataclass(frozen=True)
class Issue:
    """One problem: ``code`` and ``params`` say what it is (see messages.TEMPLATES), ``rule``
    names the specification's rule (spec.RULES), ``key`` where it is."""

    key: str
    code: str
    line: int
    column: int
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    rule: str = ""

    @property
    def message(self) -> str:
        """The message in English."""
        return messages.render(self.code, self.params)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "code": self.code,
            "params": self.params,
            "rule": self.rule,
            "message": self.message,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True)
class Result:
    version: str | None
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    data: dict[str, Any] | None = field(default=None, compare=False)
    # Deprecations the standard announces that do not change the verdict (see spec.py).
    notices: tuple[Issue, ...] = ()

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
        self.notices: list[Issue] = []
        self.type_errors = 0
        self.declared = LATEST_VERSION  # the version the file declares

    # Reporting -----------------------------------------------------------------------

    def error(self, path: Path_, code: str, rule: str, at: tuple[int, int], **params: Any) -> None:
        params.setdefault("field", key_path(path))
        self.errors.append(Issue(key_path(path), code, at[0], at[1], params, rule))

    def warn(self, path: Path_, code: str, rule: str, at: tuple[int, int], **params: Any) -> None:
        params.setdefault("field", key_path(path))
        self.warnings.append(Issue(key_path(path), code, at[0], at[1], params, rule))

    def notice(self, path: Path_, code: str, rule: str, at: tuple[int, int], **params: Any) -> None:
        params.setdefault("field", key_path(path))
        self.notices.append(Issue(key_path(path), code, at[0], at[1], params, rule))

    def in_version(self, *versions: str) -> bool:
        return self.declared in versions

    def wrong_type(self, node: Node, path: Path_, expected: str, rule: str) -> None:
        self.type_errors += 1
        self.error(path, "wrong_type", rule, _key_at(node), expected=expected, found=_found(node))

    def required(self, path: Path_, parent: Node | None, rule: str) -> None:
        at = (parent.line, parent.column) if parent else (0, 0)
        self.error(path, "required", rule, at)

    def deprecated(self, node: Node, path: Path_, rule: str, replacement: str = "") -> None:
        """A deprecated key: a warning naming what replaces it, if anything."""
        if replacement:
            self.warn(path, "deprecated_use", rule, _key_at(node), replacement=replacement)
        else:
            self.warn(path, "deprecated", rule, _key_at(node))

    # Shapes --------------------------------------------------------------------------

    def mapping(
        self,
        node: Node,
        path: Path_,
        fields: Mapping[str, Handler],
        required: Mapping[str, str] | None = None,
        *,
        open_keys: bool = False,
        unreadable_when_mistyped: bool = False,
    ) -> bool:
        """Validate a mapping's fields; False when one of them has the wrong type.

        ``required`` maps each mandatory key to its rule. A key whose value is null counts
        as absent: optional keys may be null, required ones may not. With
        ``unreadable_when_mistyped``, a section holding a value of the wrong type is read as
        empty, as the reference parser does for top-level sections: its required fields are
        then reported missing.
        """
        required = required or {}
        if node.kind != "map":
            if node.kind == "seq" and node.value:
                # A list where a mapping is expected: its first item is the culprit.
                self.wrong_type(node.value[0], [*path, 0], "mapping", "unknown.keys")
                if not unreadable_when_mistyped:
                    return False
            else:
                self.wrong_type(node, path, "mapping", "unknown.keys")
            for name, rule in required.items():
                self.required([*path, name], node, rule)
            return False
        before = self.type_errors
        for key, line, column in node.duplicates:
            self.error([*path, key], "duplicate_key", "unknown.keys", (line, column))
        for key, child in node.value.items():
            handler = fields.get(key)
            if handler is not None:
                if child.kind == "scalar" and child.value is None:
                    continue  # "optional.nullable": null is absent (presence checked below)
                handler(child, [*path, key])
            elif not open_keys:
                self.error([*path, key], "unknown_field", "unknown.keys", _key_at(child))
        readable = self.type_errors == before
        for name, rule in required.items():
            child = node.get(name)
            if child is None or child.value is None or (unreadable_when_mistyped and not readable):
                self.required([*path, name], node, rule)
        return readable

    def items(
        self, node: Node, path: Path_, each: Handler, rule: str, *, at_least_one: str = ""
    ) -> None:
        """A list; ``at_least_one`` is the rule of a list that may not be empty."""
        if node.kind == "map" and node.value:
            first = next(iter(node.value))
            self.wrong_type(node.value[first], [*path, first], "list", rule)
            return
        if node.kind != "seq":
            self.wrong_type(node, path, "list", rule)
            return
        if at_least_one and not node.value:
            self.error(path, "at_least_one", at_least_one, (node.line, node.column))
        for index, child in enumerate(node.value):
            each(child, [*path, index])

    def text(self, node: Node, path: Path_, rule: str) -> str | None:
        """A text field's value; a number or boolean is read as the text written."""
        if node.kind != "scalar":
            self.wrong_type(node, path, "text", rule)
            return None
        if node.value is None:
            return None
        return node.value if isinstance(node.value, str) else node.raw

    # Field handlers ------------------------------------------------------------------

    def any_text(self, rule: str) -> Handler:
        return lambda node, path: self.text(node, path, rule)

    def boolean(self, rule: str) -> Handler:
        def check(node: Node, path: Path_) -> None:
            # YAML 1.2 (encoding.utf8): yes/no/on/off are texts, not booleans.
            if node.kind != "scalar" or not isinstance(node.value, bool):
                self.wrong_type(node, path, "boolean", rule)

        return check

    def limited(self, rule: str, maximum: int, minimum: int = 0) -> Handler:
        def check(node: Node, path: Path_) -> None:
            value = self.text(node, path, rule)
            if value is None:
                return
            length = rules.graphemes(value.strip())
            at = (node.line, node.column)
            if length > maximum:
                self.error(path, "too_long", rule, at, length=length, maximum=maximum)
            elif length < minimum:
                self.error(path, "too_short", rule, at, length=length, minimum=minimum)

        return check

    def checked(self, test: Callable[[str], bool], expected: str, rule: str) -> Handler:
        def check(node: Node, path: Path_) -> None:
            value = self.text(node, path, rule)
            if value is not None and not test(value):
                self.error(
                    path, "invalid", rule, (node.line, node.column), expected=expected, value=value
                )

        return check

    def one_of(
        self, allowed: tuple[str, ...] | frozenset[str], expected: str, rule: str
    ) -> Handler:
        return self.checked(lambda value: value in allowed, expected, rule)

    def list_of(self, each: Handler, rule: str, *, at_least_one: str = "") -> Handler:
        return lambda node, path: self.items(node, path, each, rule, at_least_one=at_least_one)

    def url_or_urls(self, node: Node, path: Path_) -> None:
        # isBasedOn — 0.2+: "Type: string or array of strings"
        check = self.checked(rules.is_url, "url", "isBasedOn.format")
        if node.kind == "scalar":
            check(node, [*path, 0])
        else:
            self.items(node, path, check, "isBasedOn.format")

    def country(self, rule: str) -> Handler:
        def check(node: Node, path: Path_) -> None:
            # intendedAudience/countries — 0.2+: "All countries are specified using lowercase
            # (deprecated) or uppercase ISO 3166-1 alpha-2 two-letter country codes."
            value = self.text(node, path, rule)
            if value is None:
                return
            problem = rules.country_problem(value)
            at = (node.line, node.column)
            if problem == "lowercase":
                self.warn(
                    path, "lowercase_country", "countries.lowercase", at, replacement=value.upper()
                )
            elif problem:
                self.error(path, "invalid", rule, at, expected="country", value=value)

        return check

    def image(self, rule: str, *, deprecated: str = "") -> Handler:
        def check(node: Node, path: Path_) -> None:
            if deprecated:
                self.deprecated(node, path, deprecated, "logo")
            value = self.text(node, path, rule)
            if value is None:
                return
            # logo — 0.2+: "Acceptable formats: SVG, SVGZ, PNG"; "The key value can be the
            # relative path to the file starting from the root of the repository"
            self.local_file(
                value, node, path, rule, extensions=IMAGE_EXTENSIONS, file_rule="logo.file"
            )

        return check

    def local_file(
        self,
        value: str,
        node: Node,
        path: Path_,
        rule: str,
        extensions: tuple[str, ...] | None = None,
        file_rule: str = "",
    ) -> None:
        """A relative path in the repository or an absolute URL (checked online only)."""
        file_rule = file_rule or rule
        at = (node.line, node.column)
        if value.lower().startswith("file:"):
            self.error(path, "file_url", rule, _key_at(node))
            return
        if rules.is_http_url(value):
            return  # checked online only
        if extensions and not value.lower().endswith(extensions):
            self.error(
                path, "bad_extension", rule, at, value=value, extensions=", ".join(extensions)
            )
            return
        if self.base_dir is None:
            return
        target = (self.base_dir / value).resolve()
        if not target.is_file():
            self.error(path, "no_such_file", file_rule, _key_at(node), value=value)
        elif target.suffix.lower() == ".png" and not target.read_bytes()[:8].startswith(
            b"\x89PNG\r\n\x1a\n"
        ):
            self.error(path, "bad_png", file_rule, at, value=value)

    def screenshot(self, node: Node, path: Path_) -> None:
        # screenshots — 0.2+: "one or multiple paths to files showing screenshots"
        value = self.text(node, path, "screenshots.file")
        if value is not None:
            self.local_file(value, node, path, "screenshots.file")

    # Sections ------------------------------------------------------------------------

    def description(self, node: Node, path: Path_) -> None:
        # description — 0.2+: "you must specify the language you are editing the text in
        # (using the IETF BCP 47 specifications) by creating a sub-section with that name."
        if node.kind != "map":
            self.wrong_type(node, path, "languages", "description.languages")
            return
        readable = 0
        for language, child in node.value.items():
            if not rules.is_language(language):
                self.error(
                    path,
                    "invalid",
                    "description.languages",
                    _key_at(child),
                    expected="language",
                    value=language,
                )
                continue
            before = self.type_errors
            self.mapping(
                child,
                [*path, language],
                self.language_fields(),
                required={
                    # shortDescription — 0.2+: "Presence: mandatory"
                    "shortDescription": "shortDescription.required",
                    # longDescription — 0.2+: "Presence: mandatory (for at least one language)"
                    "longDescription": "longDescription.required",
                },
            )
            if child.kind == "map":
                self.version_rules_in_language(child, [*path, language])
                features = child.get("features")
                # features — 0.2+: "Presence: mandatory (for at least one language)"
                if features is None or features.value is None:
                    self.error(
                        [*path, language, "features"],
                        "at_least_one",
                        "features.required",
                        (child.line, child.column),
                    )
            if self.type_errors == before:
                readable += 1
        if readable == 0:
            # description — 0.2+: "it is mandatory to have at least one language in this
            # section."
            self.error(path, "at_least_one", "description.at_least_one", _key_at(node))

    def version_rules_in_language(self, node: Node, path: Path_) -> None:
        """Rules of version 0.2 the current version relaxed: warnings for 0.2 files."""
        if not self.in_version("0.2"):
            return
        generic = node.get("genericName")
        if generic is None or generic.value is None:
            # genericName — 0.2: "Presence: mandatory"
            self.warn(
                [*path, "genericName"],
                "required_in_version",
                "genericName.required",
                (node.line, node.column),
                version="0.2",
            )
        long = node.get("longDescription")
        if long is not None and isinstance(long.value, str):
            length = rules.graphemes(long.value.strip())
            if 150 <= length < 500:
                # longDescription — 0.2: "Type: string (min 500 chars, max 10000 chars)"
                self.warn(
                    [*path, "longDescription"],
                    "too_short_in_version",
                    "longDescription.length_02",
                    (long.line, long.column),
                    length=length,
                    minimum=500,
                    version="0.2",
                )

    def language_fields(self) -> dict[str, Handler]:
        return {
            # localisedName — 0.2+: "Type: string"
            "localisedName": self.any_text("localisedName.type"),
            "genericName": self.generic_name,
            # shortDescription — 0.2+: "Maximum 150 characters are allowed."
            "shortDescription": self.limited("shortDescription.length", 150),
            # longDescription — 0.3+: "between 150 and 10000 chars"
            "longDescription": self.limited("longDescription.length", 10_000, 150),
            # documentation — 0.2+: "The value must be a URL to a hosted version of the
            # documentation."
            "documentation": self.checked(rules.is_http_url, "http_url", "documentation.format"),
            "apiDocumentation": self.checked(
                rules.is_http_url, "http_url", "apiDocumentation.format"
            ),
            # features — 0.2+: "Type: array of strings"
            "features": self.list_of(
                self.limited("features.length", 100),
                "features.length",
                at_least_one="features.required",
            ),
            "screenshots": self.list_of(self.screenshot, "screenshots.file"),
            # videos — 0.2+: "Type: array of strings (URLs)"
            "videos": self.list_of(
                self.checked(rules.is_http_url, "http_url", "videos.format"), "videos.format"
            ),
            # awards — 0.2+: "Type: array of strings"
            "awards": self.list_of(self.any_text("awards.type"), "awards.type"),
        }

    def generic_name(self, node: Node, path: Path_) -> None:
        # genericName — 0.2+: "The generic name can be up to 35 characters long."
        self.limited("genericName.length", 35)(node, path)
        # genericName — 0.3+: "Key description/[lang]/genericName (deprecated)"
        if not self.in_version("0.2"):
            self.deprecated(node, path, "genericName.deprecated")

    def legal(self, node: Node, path: Path_) -> None:
        def authors_file(child: Node, child_path: Path_) -> None:
            # authorsFile — 0.4+: "Key legal/authorsFile (deprecated)"
            if not self.in_version("0.2", "0.3"):
                self.deprecated(child, child_path, "authorsFile.deprecated")
            value = self.text(child, child_path, "authorsFile.file")
            if value is not None:
                # "using a path relative to the root of the repository"
                self.local_file(value, child, child_path, "authorsFile.file")

        def repo_owner(child: Node, child_path: Path_) -> None:
            # repoOwner — 0.5+: "This key is deprecated, use organisation/name instead."
            if not self.in_version("0.2", "0.3", "0.4"):
                self.deprecated(child, child_path, "repoOwner.deprecated", "organisation.name")
            self.text(child, child_path, "mainCopyrightOwner.type")

        self.mapping(
            node,
            path,
            {
                # license — 0.2+: "The string must contain a valid SPDX expression"
                "license": self.checked(rules.is_licence, "licence", "license.spdx"),
                "mainCopyrightOwner": self.any_text("mainCopyrightOwner.type"),
                "repoOwner": repo_owner,
                "authorsFile": authors_file,
            },
            # license — 0.2+: "Presence: mandatory"
            required={"license": "license.required"},
            unreadable_when_mistyped=True,
        )

    def maintenance(self, node: Node, path: Path_) -> None:
        contractor = {
            "name": self.any_text("contractor.name.required"),
            # Dates — 0.2+: "All dates in publiccode.yml must follow the format YYYY-MM-DD"
            "until": self.checked(rules.is_date, "date", "dates.format"),
            "email": self.checked(rules.is_email, "email", "contractor.email.format"),
            # website — 0.2+: "This key points to the maintainer website."
            "website": self.checked(rules.is_http_url, "http_url", "contractor.website.format"),
        }
        contact = {
            "name": self.any_text("contact.name.required"),
            "email": self.checked(rules.is_email, "email", "contact.email.format"),
            # phone — 0.2+: "This has to be a string."
            "phone": self.any_text("contact.phone.type"),
            "affiliation": self.any_text("contact.affiliation.type"),
        }
        declared_type = node.get("type") if node.kind == "map" else None
        contractors_handler = self.list_of(
            lambda n, p: self.mapping(
                n,
                p,
                contractor,
                # Contractor — 0.2+: "name - mandatory", "until - mandatory"
                required={
                    "name": "contractor.name.required",
                    "until": "contractor.until.required",
                },
            ),
            "contractors.required_if",
        )
        if declared_type is not None and declared_type.value not in (None, "contract"):
            # Contractors that "must not be present" are reported once, not item by item.
            contractors_handler = _ignore
        readable = self.mapping(
            node,
            path,
            {
                "type": self.one_of(
                    MAINTENANCE_TYPES, "maintenance_type", "maintenance.type.values"
                ),
                "contractors": contractors_handler,
                "contacts": self.list_of(
                    lambda n, p: self.mapping(
                        n,
                        p,
                        contact,
                        # Contact — 0.2+: "name - mandatory"
                        required={"name": "contact.name.required"},
                    ),
                    "contacts.required_if",
                ),
            },
            # maintenance/type — 0.2+: "Presence: mandatory"
            required={"type": "maintenance.type.required"},
            unreadable_when_mistyped=True,
        )
        if not readable or node.kind != "map":
            return
        kind = node.get("type")
        if kind is None or not isinstance(kind.value, str):
            return
        contractors = node.get("contractors")
        contacts = node.get("contacts")
        absent = (None,)
        if kind.value == "contract" and (contractors is None or contractors.value in absent):
            # contractors — 0.2+: "Presence: mandatory if maintenance/type is contract"
            self.error(
                [*path, "contractors"],
                "required_if",
                "contractors.required_if",
                _key_at(kind),
                other="type",
                value="contract",
            )
        if kind.value != "contract" and contractors is not None and contractors.value is not None:
            # contractors — 0.5+: "must not be present otherwise"; a warning before 0.5.
            report = self.error if not self.in_version("0.2", "0.3", "0.4") else self.warn
            report(
                [*path, "contractors"],
                "excluded_unless",
                "contractors.excluded_unless",
                _key_at(contractors),
                other="type",
                value="contract",
            )
        if kind.value in ("internal", "community") and (contacts is None or contacts.value is None):
            # contacts — 0.2+: "Presence: mandatory if maintenance/type is internal or
            # community; optional otherwise"
            self.error(
                [*path, "contacts"],
                "required_if",
                "contacts.required_if",
                _key_at(kind),
                other="type",
                value=kind.value,
            )

    def localisation(self, node: Node, path: Path_) -> None:
        self.mapping(
            node,
            path,
            {
                # localisationReady — 0.2+: "Type: boolean"
                "localisationReady": self.boolean("localisationReady.type"),
                # availableLanguages — 0.2+: "list of IETF BCP 47 language tags"; "this list
                # will contain at least one language."
                "availableLanguages": self.list_of(
                    self.checked(rules.is_language, "language", "availableLanguages.values"),
                    "availableLanguages.values",
                    at_least_one="availableLanguages.at_least_one",
                ),
            },
            # localisationReady, availableLanguages — 0.2+: "Presence: mandatory"
            required={
                "localisationReady": "localisationReady.required",
                "availableLanguages": "availableLanguages.required",
            },
            unreadable_when_mistyped=True,
        )

    def depends_on(self, node: Node, path: Path_) -> None:
        # Dependency — 0.2+: "name - mandatory"; versionMin, versionMax, version, optional.
        dependency: dict[str, Handler] = {
            "name": self.any_text("dependency.name.required"),
            "versionMin": self.any_text("dependency.fields"),
            "versionMax": self.any_text("dependency.fields"),
            "version": self.any_text("dependency.fields"),
            "optional": self.boolean("dependency.fields"),
        }
        each = self.list_of(
            lambda n, p: self.mapping(
                n, p, dependency, required={"name": "dependency.name.required"}
            ),
            "dependency.fields",
        )
        self.mapping(node, path, {"open": each, "proprietary": each, "hardware": each})

    def italy(self, node: Node, path: Path_) -> None:
        # IT — 0.7: "The entire Italian country-specific section is deprecated and will be
        # removed in publiccode.yml 1.0." A notice: the verdict does not change.
        if self.in_version("0.7"):
            self.notice(
                path,
                "deprecated_use",
                "it.deprecated",
                _key_at(node),
                replacement="supports, organisation",
            )

        def conforme(child: Node, child_path: Path_) -> None:
            # conforme — 0.5+: "Key conforme (deprecated)"
            if not self.in_version("0.2", "0.3", "0.4"):
                self.deprecated(child, child_path, "it.conforme.deprecated")
            self.mapping(
                child,
                child_path,
                {name: self.boolean("it.booleans") for name in ITALIAN_CONFORMITY},
                # 0.3 and 0.4 spell it "modelloInteroperatibilita".
                open_keys=True,
            )

        def platform(child: Node, child_path: Path_) -> None:
            self.boolean("it.booleans")(child, child_path)
            name = str(child_path[-1])
            if self.in_version("0.7"):
                # piattaforme/spid … — 0.7: "Use the supports key with alias:spid instead."
                self.notice(
                    child_path,
                    "deprecated_use",
                    "it.piattaforme.deprecated",
                    _key_at(child),
                    replacement=f"supports: - id: {ITALIAN_PLATFORMS[name]}",
                )

        def codice_ipa(child: Node, child_path: Path_) -> None:
            value = self.text(child, child_path, "it.riuso.codiceIPA.format")
            if value is None:
                return
            if not rules.is_codice_ipa(value):
                # riuso/codiceIPA — 0.2+: "Type: string (iPA code)"
                self.error(
                    child_path,
                    "invalid",
                    "it.riuso.codiceIPA.format",
                    (child.line, child.column),
                    expected="codice_ipa",
                    value=value,
                )
            elif self.in_version("0.7"):
                # riuso/codiceIPA — 0.7: "This key is deprecated, use organisation/uri
                # instead."
                self.deprecated(
                    child,
                    child_path,
                    "it.riuso.codiceIPA.deprecated",
                    f"organisation.uri: urn:x-italian-pa:{value}",
                )

        self.mapping(
            node,
            path,
            {
                # countryExtensionVersion — 0.7: "This key MUST always be set to 1.0."
                "countryExtensionVersion": self.checked(
                    lambda v: v in ("0.2", "1.0"),
                    "extension_version",
                    "it.countryExtensionVersion.values",
                ),
                "conforme": conforme,
                "riuso": lambda n, p: self.mapping(n, p, {"codiceIPA": codice_ipa}),
                "piattaforme": lambda n, p: self.mapping(
                    n, p, dict.fromkeys(ITALIAN_PLATFORMS, platform), open_keys=True
                ),
            },
            open_keys=True,
        )

    def organisation_uri(self, rule: str) -> Handler:
        def check(node: Node, path: Path_) -> None:
            # organisation/uri — 0.5+: "The URI identifying the organisation publishing the
            # software."
            value = self.text(node, path, rule)
            if value is None:
                return
            at = (node.line, node.column)
            if not rules.is_uri(value):
                self.error(path, "invalid", rule, at, expected="uri", value=value)
            elif value.startswith("urn:x-italian-pa") and not rules.is_italian_pa_urn(value):
                self.error(path, "invalid", rule, at, expected="italian_pa_urn", value=value)

        return check

    def support(self, node: Node, path: Path_) -> None:
        def identifier(child: Node, child_path: Path_) -> None:
            value = self.text(child, child_path, "supports.id.uri")
            if value is None:
                return
            at = (child.line, child.column)
            if value.startswith("alias:"):
                # supports/id — 0.7: "An alias: value MUST exist in the list of aliases."
                if value.removeprefix("alias:") not in ALIASES:
                    self.error(child_path, "unknown_alias", "supports.id.alias", at, value=value)
            elif not rules.is_uri(value):
                # supports/id — 0.7: "Any other value MUST be a syntactically valid URI."
                self.error(
                    child_path,
                    "invalid",
                    "supports.id.uri",
                    at,
                    expected="alias_or_uri",
                    value=value,
                )

        # supports — 0.7: "Each item is an object with a single property: id - mandatory"
        self.mapping(node, path, {"id": identifier}, required={"id": "supports.id.required"})

    def top_level(self) -> dict[str, Handler]:
        def deprecated_types(rule: str, deprecation: str) -> Handler:
            def check(node: Node, path: Path_) -> None:
                # inputTypes/outputTypes — 0.3+: deprecated; 0.2+: "Values: as per RFC 6838"
                if not self.in_version("0.2"):
                    self.deprecated(node, path, deprecation)
                self.items(node, path, self.checked(rules.is_mime_type, "mime", rule), rule)

            return check

        organisation = {
            "uri": self.organisation_uri("organisation.uri.format"),
            "name": self.any_text("organisation.name.type"),
        }
        funder = {
            "uri": self.organisation_uri("organisationObject.uri"),
            "name": self.any_text("organisation.name.type"),
        }
        return {
            "publiccodeYmlVersion": self.any_text("version.supported"),
            "name": self.any_text("name.type"),
            "applicationSuite": self.any_text("applicationSuite.type"),
            # url — 0.2+: "This string must be a URL to the source code repository"
            "url": self.checked(rules.is_url, "url", "url.format"),
            # landingURL — 0.2+: "Type: string (URL)"
            "landingURL": self.checked(rules.is_http_url, "http_url", "landingURL.format"),
            "isBasedOn": self.url_or_urls,
            "softwareVersion": self.any_text("softwareVersion.type"),
            # releaseDate — 0.2+: "Type: string (date)"
            "releaseDate": self.checked(rules.is_date, "date", "releaseDate.format"),
            "logo": self.image("logo.formats"),
            # monochromeLogo — 0.3+: deprecated
            "monochromeLogo": self.image(
                "monochromeLogo.formats",
                deprecated="" if self.in_version("0.2") else "monochromeLogo.deprecated",
            ),
            # platforms — 0.2+: "Human readable values outside this list are allowed."
            "platforms": self.list_of(
                self.any_text("platforms.values"),
                "platforms.values",
                at_least_one="platforms.required",
            ),
            # categories — 0.2+: "The controlled vocabulary categories-list contains the list
            # of allowed values."
            "categories": self.list_of(
                self.one_of(ACCEPTED_CATEGORIES, "category", "categories.values"),
                "categories.values",
            ),
            "usedBy": self.list_of(self.any_text("usedBy.type"), "usedBy.type"),
            # roadmap — 0.2+: "A link to a public roadmap of the software."
            "roadmap": self.checked(rules.is_http_url, "http_url", "roadmap.format"),
            # developmentStatus — 0.2+: "Allowed values: concept, development, beta, stable,
            # obsolete"
            "developmentStatus": self.one_of(
                DEVELOPMENT_STATUSES, "development_status", "developmentStatus.values"
            ),
            "softwareType": self.one_of(SOFTWARE_TYPES, "software_type", "softwareType.values"),
            "intendedAudience": lambda n, p: self.mapping(
                n,
                p,
                {
                    # scope — 0.2+: "Acceptable values: see scope-list"
                    "scope": self.list_of(
                        self.one_of(SCOPES, "scope", "scope.values"), "scope.values"
                    ),
                    "countries": self.list_of(self.country("countries.format"), "countries.format"),
                    "unsupportedCountries": self.list_of(
                        self.country("unsupportedCountries.format"),
                        "unsupportedCountries.format",
                    ),
                },
            ),
            "description": self.description,
            "legal": self.legal,
            "maintenance": self.maintenance,
            "localisation": self.localisation,
            "dependsOn": self.depends_on,
            "inputTypes": deprecated_types("inputTypes.values", "inputTypes.deprecated"),
            "outputTypes": deprecated_types("outputTypes.values", "outputTypes.deprecated"),
            "IT": self.italy,
            "it": self.italy,
            # organisation — 0.5+: "organisation/uri … Presence: mandatory"
            "organisation": lambda n, p: self.mapping(
                n, p, organisation, required={"uri": "organisation.uri.required"}
            ),
            # fundedBy — 0.5+: "Type: List of Organisations"
            "fundedBy": self.list_of(
                lambda n, p: self.mapping(n, p, funder, required={"uri": "organisationObject.uri"}),
                "fundedBy.type",
            ),
            # supports — 0.7: "Type: array of objects"
            "supports": self.list_of(self.support, "supports.type"),
        }

    # The document --------------------------------------------------------------------

    def version(self, root: Node) -> str | None:
        node = root.get("publiccodeYmlVersion")
        if node is None or node.value is None:
            # publiccodeYmlVersion — 0.2+: "Presence: mandatory"
            self.required(["publiccodeYmlVersion"], None, "version.required")
            return None
        if node.kind != "scalar" or node.raw is None:
            self.wrong_type(node, ["publiccodeYmlVersion"], "version_text", "version.supported")
            return None
        raw = node.raw
        version = SUPPORTED_VERSIONS.get(raw)
        if version is None:
            self.error(
                ["publiccodeYmlVersion"],
                "unsupported_version",
                "version.supported",
                (node.line, node.column),
                value=raw,
            )
            return None
        if version != LATEST_VERSION:
            # "for forward compatibility": an older file is read with the current rules.
            self.warn(
                ["publiccodeYmlVersion"],
                "old_version",
                "version.latest",
                (node.line, node.column),
                value=raw,
                latest=LATEST_VERSION,
            )
        return version

    def version_rules(self, root: Node) -> None:
        """Keys an older version required that the current one made optional: warnings."""
        for key, rule, versions in (
            # releaseDate — 0.2, 0.3: "Presence: mandatory" (optional from 0.4)
            ("releaseDate", "releaseDate.required", ("0.2", "0.3")),
            # categories — 0.2 to 0.4: "Presence: mandatory" (optional from 0.5)
            ("categories", "categories.required", ("0.2", "0.3", "0.4")),
        ):
            child = root.get(key)
            if self.in_version(*versions) and (child is None or child.value is None):
                self.warn([key], "required_in_version", rule, (1, 1), version=self.declared)

    def document(self, root: Node) -> str | None:
        version = self.version(root)
        if version is None and root.get("publiccodeYmlVersion") is not None:
            return None  # an unknown version: its keys cannot be judged
        self.declared = version or LATEST_VERSION
        lowercase = root.get("it")
        if lowercase is not None:
            # Country sections — 0.3+: "a two-letter ISO 3166-1 alpha-2 country code
            # lowercase (deprecated) or uppercase"
            self.warn(
                ["it"], "lowercase_country", "it.lowercase", _key_at(lowercase), replacement="IT"
            )
            if root.get("IT") is not None:
                self.error(
                    ["it"],
                    "duplicate_section",
                    "it.duplicate",
                    _key_at(lowercase),
                    replacement="IT",
                )
        empty = Node("map", {}, 0, 0)
        for section in ("legal", "maintenance", "localisation"):
            child = root.get(section)
            if child is None or child.value is None:
                getattr(self, section)(empty, [section])
        self.mapping(
            root,
            [],
            self.top_level(),
            required={
                "name": "name.required",
                "url": "url.required",
                "developmentStatus": "developmentStatus.required",
                "softwareType": "softwareType.required",
            },
        )
        self.version_rules(root)
        platforms = root.get("platforms")
        if platforms is None or platforms.value is None:
            # platforms — 0.2+: "Presence: mandatory"
            self.error(["platforms"], "at_least_one", "platforms.required", (1, 1))
        description = root.get("description")
        if description is None or description.value is None:
            self.error(["description"], "at_least_one", "description.at_least_one", (1, 1))
        return version


def _ignore(node: Node, path: Path_) -> None:
    return None


def _key_at(node: Node) -> tuple[int, int]:
    """Where a value's key stands, or the value itself when it has no key."""
    return (node.key_line, node.key_column) if node.key_line else (node.line, node.column)


def _found(node: Node) -> str:
    if node.kind != "scalar":
        return node.kind
    return {
        type(None): "empty",
        bool: "boolean",
        int: "number",
        float: "number",
        str: "text",
    }.get(type(node.value), "value")


def validate(raw: bytes | str, *, base_dir: Path | None = None) -> Result:
    """Validate a publiccode.yml's content. ``base_dir`` is its folder, for relative paths."""
    try:
        root = load(raw)
    except DocumentError as problem:
        issue = Issue(
            "",
            "document",
            problem.line,
            problem.column,
            {"detail": problem.message, "problem": problem.code},
            "encoding.utf8",
        )
        return Result(None, (issue,), ())
    validator = _Validator(base_dir)
    version = validator.document(root)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    if _YAML_11.match(text.removeprefix("\ufeff")):
        # Encoding — 0.3+: "SHOULD be a YAML 1.2 document, using YAML 1.1 is deprecated."
        validator.warn(
            [],
            "deprecated_use",
            "encoding.yaml11",
            (1, 1),
            field="%YAML 1.1",
            replacement="%YAML 1.2",
        )
    errors = sorted(validator.errors, key=lambda issue: (issue.line == 0, issue.line, issue.key))
    return Result(
        version,
        tuple(errors),
        tuple(validator.warnings),
        root.plain(),
        notices=tuple(validator.notices),
    )


def validate_file(path: Path) -> Result:
    try:
        raw = path.read_bytes()
    except OSError as error:
        issue = Issue(
            "",
            "document",
            0,
            0,
            {"detail": f"cannot read the file: {error.strerror}", "problem": "unreadable"},
        )
        return Result(None, (issue,), ())
    return validate(raw, base_dir=path.resolve().parent)
