"""Every rule of the publiccode.yml standard, versions 0.2 to 0.7 (the current one).

One entry per rule: the key, the versions whose text states it, the specification's
sentence (quoted from docs/standard/ of the standard, or docs/en/ for 0.2), and whether
the validator implements it. The validator names the rule of every issue it reports; the
coverage table (COVERAGE.md beside this file) is generated from this list by
``python -m communs.publiccode.coverage``.

Version 0.7 is the current text: the standard's main branch has not changed its
docs/standard/ since the v0.7.0 tag.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL = ("0.2", "0.3", "0.4", "0.5", "0.7")
FROM_03 = ALL[1:]
FROM_05 = ALL[3:]


@dataclass(frozen=True)
class Rule:
    id: str
    key: str
    versions: tuple[str, ...]
    sentence: str
    implemented: bool = True
    note: str = ""


def _versions(first: str, last: str = "0.7") -> tuple[str, ...]:
    return tuple(v for v in ALL if first <= v <= last)


RULES: tuple[Rule, ...] = (
    # Top-level keys ------------------------------------------------------------------
    Rule("version.required", "publiccodeYmlVersion", ALL, "Presence: mandatory"),
    Rule(
        "version.supported",
        "publiccodeYmlVersion",
        ALL,
        "This key specifies the version to which the current publiccode.yml adheres to, "
        "for forward compatibility.",
        note='Values 0.2 to 0.7 and "0" (the newest) are read; others are refused.',
    ),
    Rule(
        "version.latest",
        "publiccodeYmlVersion",
        ALL,
        "This key specifies the version to which the current publiccode.yml adheres to, "
        "for forward compatibility.",
        note="A warning when the file declares a version older than the current one: it is "
        "read with the current rules, and the older version's stricter rules are warnings.",
    ),
    Rule("name.required", "name", ALL, "Presence: mandatory"),
    Rule("name.type", "name", ALL, "Type: string"),
    Rule("applicationSuite.type", "applicationSuite", ALL, "Type: string"),
    Rule("url.required", "url", ALL, "Presence: mandatory"),
    Rule(
        "url.format",
        "url",
        ALL,
        "This string must be a URL to the source code repository (git, svn, …) in which the "
        "software is published.",
        note="The form of the URL is checked; reaching the repository needs the network.",
    ),
    Rule("landingURL.format", "landingURL", ALL, "Type: string (URL)"),
    Rule("isBasedOn.format", "isBasedOn", ALL, "Type: string or array of strings"),
    Rule("softwareVersion.type", "softwareVersion", ALL, "Type: string"),
    Rule(
        "releaseDate.required",
        "releaseDate",
        _versions("0.2", "0.3"),
        "Presence: mandatory",
        note="Optional from 0.4: a warning for files declaring 0.2 or 0.3.",
    ),
    Rule("releaseDate.format", "releaseDate", ALL, "Type: string (date)"),
    Rule(
        "dates.format",
        "(every date)",
        ALL,
        "All dates in publiccode.yml must follow the format “YYYY-MM-DD”, which is one of "
        "the ISO8601 allowed formats.",
    ),
    Rule("logo.formats", "logo", ALL, "Acceptable formats: SVG, SVGZ, PNG"),
    Rule(
        "logo.file",
        "logo",
        ALL,
        "The key value can be the relative path to the file starting from the root of the "
        "repository, or it can be an absolute URL pointing to the logo in raw version.",
        note="Relative paths are checked on disk when the file's folder is known; URLs need "
        "the network.",
    ),
    Rule(
        "logo.same_repository",
        "logo, monochromeLogo, screenshots",
        ALL,
        "In both cases, the file must reside inside the same repository where the "
        "publiccode.yml file is stored.",
        implemented=False,
        note="Absolute URLs are not compared with the repository: which hosts serve a "
        "repository's raw files is not known offline.",
    ),
    Rule("monochromeLogo.formats", "monochromeLogo", ALL, "Acceptable formats: SVG, SVGZ, PNG"),
    Rule(
        "monochromeLogo.deprecated",
        "monochromeLogo",
        FROM_03,
        "Key monochromeLogo (deprecated)",
        note="Warning, replacement: logo.",
    ),
    Rule("inputTypes.values", "inputTypes", ALL, "Values: as per RFC 6838"),
    Rule("inputTypes.deprecated", "inputTypes", FROM_03, "Key inputTypes (deprecated)"),
    Rule("outputTypes.values", "outputTypes", ALL, "Values: as per RFC 6838"),
    Rule("outputTypes.deprecated", "outputTypes", FROM_03, "Key outputTypes (deprecated)"),
    Rule("platforms.required", "platforms", ALL, "Presence: mandatory"),
    Rule(
        "platforms.values",
        "platforms",
        ALL,
        "Values: web, windows, mac, linux, ios, android. Human readable values outside this "
        "list are allowed.",
        note="Any text is accepted, as the sentence allows.",
    ),
    Rule(
        "platforms.single_string",
        "platforms",
        ALL,
        "Type: enumerated string or array of strings",
        implemented=False,
        note="A single text is refused, as the reference parser and its test suite do "
        '("platforms must be an array"); write a list of one item.',
    ),
    Rule(
        "categories.required",
        "categories",
        _versions("0.2", "0.4"),
        "Presence: mandatory",
        note="Optional from 0.5: a warning for files declaring 0.2 to 0.4.",
    ),
    Rule(
        "categories.values",
        "categories",
        ALL,
        "The controlled vocabulary categories-list contains the list of allowed values.",
    ),
    Rule(
        "optional.nullable",
        "(every optional key)",
        ALL,
        "Presence: optional",
        note="A key written with no value (null) is read as absent: allowed when optional, "
        "reported missing when mandatory.",
    ),
    Rule("usedBy.type", "usedBy", ALL, "Type: array of strings"),
    Rule("fundedBy.type", "fundedBy", FROM_05, "Type: List of Organisations (see below)"),
    Rule("roadmap.format", "roadmap", ALL, "A link to a public roadmap of the software."),
    Rule("developmentStatus.required", "developmentStatus", ALL, "Presence: mandatory"),
    Rule(
        "developmentStatus.values",
        "developmentStatus",
        ALL,
        "Allowed values: concept, development, beta, stable, obsolete",
    ),
    Rule("softwareType.required", "softwareType", ALL, "Presence: mandatory"),
    Rule(
        "softwareType.values",
        "softwareType",
        ALL,
        'Allowed values: "standalone/mobile", "standalone/iot", "standalone/desktop", '
        '"standalone/web", "standalone/backend", "standalone/other", "addon", "library", '
        '"configurationFiles"',
    ),
    Rule("supports.type", "supports", ("0.7",), "Type: array of objects"),
    Rule(
        "supports.id.required",
        "supports[].id",
        ("0.7",),
        "id - mandatory - an identifier for the supported standard, regulation, framework or "
        "system.",
    ),
    Rule(
        "supports.id.alias",
        "supports[].id",
        ("0.7",),
        "An alias: value MUST exist in the list of aliases. An unknown alias is an error.",
    ),
    Rule(
        "supports.id.uri",
        "supports[].id",
        ("0.7",),
        "Any other value MUST be a syntactically valid URI.",
    ),
    Rule(
        "organisation.uri.required",
        "organisation.uri",
        FROM_05,
        "Presence: mandatory",
    ),
    Rule(
        "organisation.uri.format",
        "organisation.uri",
        FROM_05,
        "The URI identifying the organisation publishing the software.",
        note="urn:x-italian-pa: URIs must name an iPA code (as the reference parser reads them).",
    ),
    Rule("organisation.name.type", "organisation.name", FROM_05, "Type: string"),
    Rule(
        "organisation.name.same_entity",
        "organisation.name",
        FROM_05,
        "It MUST correspond to the same entity identified by organisation/uri",
        implemented=False,
        note="Needs a registry of organisations (out-of-band verification, as the standard "
        "recommends).",
    ),
    Rule(
        "organisationObject.name.required",
        "fundedBy[].name",
        FROM_05,
        "name - mandatory - The name of the organisation, whether it’s an association, a "
        "company, a public sector organisation, or a physical person.",
        implemented=False,
        note="Not enforced: the reference parser requires uri instead (and accepts a missing "
        "name); fundedBy[].uri is required and checked like organisation.uri.",
    ),
    Rule(
        "organisationObject.uri",
        "fundedBy[].uri",
        FROM_05,
        "uri - The URI identifying the organisation.",
    ),
    # intendedAudience ----------------------------------------------------------------
    Rule(
        "countries.format",
        "intendedAudience.countries",
        ALL,
        "All countries are specified using lowercase (deprecated) or uppercase ISO 3166-1 "
        "alpha-2 two-letter country codes.",
    ),
    Rule(
        "countries.lowercase",
        "intendedAudience.countries",
        FROM_03,
        "lowercase (deprecated)",
        note="Warning, replacement: the code in capitals.",
    ),
    Rule(
        "unsupportedCountries.format",
        "intendedAudience.unsupportedCountries",
        ALL,
        "All countries are specified using lowercase (deprecated) or uppercase ISO 3166-1 "
        "alpha-2 two-letter country codes.",
    ),
    Rule(
        "scope.values",
        "intendedAudience.scope",
        ALL,
        "Acceptable values: see scope-list",
    ),
    # description ---------------------------------------------------------------------
    Rule(
        "description.languages",
        "description",
        ALL,
        "you must specify the language you are editing the text in (using the IETF BCP 47 "
        "specifications) by creating a sub-section with that name.",
    ),
    Rule(
        "description.at_least_one",
        "description",
        ALL,
        "it is mandatory to have at least one language in this section.",
    ),
    Rule("localisedName.type", "description.[lang].localisedName", ALL, "Type: string"),
    Rule(
        "genericName.required",
        "description.[lang].genericName",
        ("0.2",),
        "Presence: mandatory",
        note="Optional (and deprecated) from 0.3: a warning for files declaring 0.2.",
    ),
    Rule(
        "genericName.length",
        "description.[lang].genericName",
        ALL,
        "The generic name can be up to 35 characters long.",
    ),
    Rule(
        "genericName.deprecated",
        "description.[lang].genericName",
        FROM_03,
        "Key description/[lang]/genericName (deprecated)",
    ),
    Rule(
        "shortDescription.required",
        "description.[lang].shortDescription",
        ALL,
        "Presence: mandatory",
    ),
    Rule(
        "shortDescription.length",
        "description.[lang].shortDescription",
        ALL,
        "Maximum 150 characters are allowed.",
    ),
    Rule(
        "longDescription.required",
        "description.[lang].longDescription",
        ALL,
        "Presence: mandatory (for at least one language)",
        note="Required in every language given, as the reference parser does.",
    ),
    Rule(
        "longDescription.length",
        "description.[lang].longDescription",
        FROM_03,
        "This key contains a longer description of the software, between 150 and 10000 chars.",
    ),
    Rule(
        "longDescription.length_02",
        "description.[lang].longDescription",
        ("0.2",),
        "Type: string (min 500 chars, max 10000 chars)",
        note="A warning for files declaring 0.2 (the current minimum is 150).",
    ),
    Rule(
        "documentation.format",
        "description.[lang].documentation",
        ALL,
        "The value must be a URL to a hosted version of the documentation.",
    ),
    Rule(
        "apiDocumentation.format",
        "description.[lang].apiDocumentation",
        ALL,
        "The value must be a URL to a hosted version of the documentation.",
    ),
    Rule(
        "features.required",
        "description.[lang].features",
        ALL,
        "Presence: mandatory (for at least one language)",
        note="Required in every language given, as the reference parser does.",
    ),
    Rule(
        "features.length",
        "description.[lang].features",
        ALL,
        "Type: array of strings",
        note="Each feature is limited to 100 characters, as the reference parser does.",
    ),
    Rule(
        "screenshots.file",
        "description.[lang].screenshots",
        ALL,
        "This key contains one or multiple paths to files showing screenshots of the software.",
    ),
    Rule(
        "screenshots.formats",
        "description.[lang].screenshots",
        ALL,
        "Formats: PNG, JPG",
        implemented=False,
        note="Not enforced: the reference parser accepts other extensions too.",
    ),
    Rule(
        "videos.format",
        "description.[lang].videos",
        ALL,
        "Type: array of strings (URLs)",
    ),
    Rule(
        "videos.oembed",
        "description.[lang].videos",
        ALL,
        "Videos must be hosted on a video sharing website that supports the oEmbed standard",
        implemented=False,
        note="Needs the network (an oEmbed query).",
    ),
    Rule("awards.type", "description.[lang].awards", ALL, "Type: array of strings"),
    # legal ---------------------------------------------------------------------------
    Rule("license.required", "legal.license", ALL, "Presence: mandatory"),
    Rule(
        "license.spdx",
        "legal.license",
        ALL,
        "The string must contain a valid SPDX expression, referring to one or multiple "
        "open-source licenses.",
    ),
    Rule("mainCopyrightOwner.type", "legal.mainCopyrightOwner", ALL, "Type: string"),
    Rule(
        "repoOwner.deprecated",
        "legal.repoOwner",
        FROM_05,
        "This key is deprecated, use organisation/name instead.",
    ),
    Rule(
        "authorsFile.deprecated",
        "legal.authorsFile",
        _versions("0.4"),
        "Key legal/authorsFile (deprecated)",
    ),
    Rule(
        "authorsFile.file",
        "legal.authorsFile",
        ALL,
        "this key can be used to refer to the authors file, using a path relative to the "
        "root of the repository.",
        note="Checked on disk when the file's folder is known.",
    ),
    # maintenance ---------------------------------------------------------------------
    Rule("maintenance.type.required", "maintenance.type", ALL, "Presence: mandatory"),
    Rule(
        "maintenance.type.values",
        "maintenance.type",
        ALL,
        'Values: "internal", "contract", "community", "none"',
    ),
    Rule(
        "contractors.required_if",
        "maintenance.contractors",
        ALL,
        "Presence: mandatory if maintenance/type is contract",
    ),
    Rule(
        "contractors.excluded_unless",
        "maintenance.contractors",
        FROM_05,
        "must not be present otherwise",
    ),
    Rule(
        "contacts.required_if",
        "maintenance.contacts",
        ALL,
        "Presence: mandatory if maintenance/type is internal or community; optional otherwise",
    ),
    Rule(
        "contractor.name.required",
        "maintenance.contractors[].name",
        ALL,
        "name - mandatory - The name of the contractor, whether it’s a company or a physical "
        "person.",
    ),
    Rule(
        "contractor.until.required",
        "maintenance.contractors[].until",
        ALL,
        "until - mandatory - This is a date (YYYY-MM-DD).",
    ),
    Rule(
        "contractor.until.community",
        "maintenance.contractors[].until",
        ALL,
        "In case of community maintenance, the value should not be more than 2 years in the future",
        implemented=False,
        note="Cannot occur: contractors are only allowed when maintenance/type is contract.",
    ),
    Rule(
        "contractor.email.format",
        "maintenance.contractors[].email",
        ALL,
        "This key contains the e-mail address of the technical contact.",
    ),
    Rule(
        "contractor.website.format",
        "maintenance.contractors[].website",
        ALL,
        "This key points to the maintainer website.",
    ),
    Rule(
        "contact.name.required",
        "maintenance.contacts[].name",
        ALL,
        "name - mandatory - This key contains the full name of one of the technical contacts.",
    ),
    Rule(
        "contact.email.format",
        "maintenance.contacts[].email",
        ALL,
        "This key contains the e-mail address of the technical contact.",
    ),
    Rule(
        "contact.phone.type",
        "maintenance.contacts[].phone",
        ALL,
        "phone number (with international prefix). This has to be a string.",
    ),
    Rule("contact.affiliation.type", "maintenance.contacts[].affiliation", ALL, "affiliation"),
    # localisation --------------------------------------------------------------------
    Rule(
        "localisationReady.required",
        "localisation.localisationReady",
        ALL,
        "Presence: mandatory",
    ),
    Rule("localisationReady.type", "localisation.localisationReady", ALL, "Type: boolean"),
    Rule(
        "availableLanguages.required",
        "localisation.availableLanguages",
        ALL,
        "Presence: mandatory",
    ),
    Rule(
        "availableLanguages.values",
        "localisation.availableLanguages",
        ALL,
        "Type: list of IETF BCP 47 language tags",
    ),
    Rule(
        "availableLanguages.at_least_one",
        "localisation.availableLanguages",
        ALL,
        "Of course, this list will contain at least one language.",
    ),
    # dependsOn -----------------------------------------------------------------------
    Rule(
        "dependency.name.required",
        "dependsOn.{open,proprietary,hardware}[].name",
        ALL,
        "name - mandatory - The name of the dependency (e.g. MySQL, NFC Reader)",
    ),
    Rule(
        "dependency.fields",
        "dependsOn.{open,proprietary,hardware}[]",
        ALL,
        "versionMin, versionMax, version, optional - whether the dependency is optional or "
        "mandatory",
    ),
    # Encoding ------------------------------------------------------------------------
    Rule(
        "encoding.utf8",
        "(file)",
        FROM_03,
        "publiccode.yml MUST be a UTF-8 encoded and SHOULD be a YAML 1.2 document, using "
        "YAML 1.1 is deprecated.",
        note="YAML 1.2 core schema: yes/no/on/off are texts, not booleans.",
    ),
    Rule(
        "unknown.keys",
        "(any)",
        ALL,
        "This document represents the description of the publiccode.yml schema.",
        note="Keys the schema does not define are errors.",
    ),
    # Italian extension (docs/standard/schema.it.rst) ------------------------------------
    Rule(
        "it.lowercase",
        "it",
        FROM_03,
        "Each section is identified by a two-letter ISO 3166-1 alpha-2 country code "
        "lowercase (deprecated) or uppercase",
    ),
    Rule(
        "it.deprecated",
        "IT",
        ("0.7",),
        "The entire Italian country-specific section is deprecated and will be removed in "
        "publiccode.yml 1.0.",
        note="A notice (not a warning): the reference parser accepts the section without "
        "warning, so the verdict does not change.",
    ),
    Rule(
        "it.countryExtensionVersion.values",
        "IT.countryExtensionVersion",
        ALL,
        "This key MUST always be set to 1.0.",
        note='"0.2" is also read, as the reference parser does (the 0.2 extension).',
    ),
    Rule(
        "it.countryExtensionVersion.required",
        "IT.countryExtensionVersion",
        ALL,
        "Presence: mandatory",
        implemented=False,
        note="Not enforced: the reference parser accepts an IT section without it.",
    ),
    Rule(
        "it.conforme.deprecated",
        "IT.conforme",
        FROM_05,
        "Key conforme (deprecated)",
    ),
    Rule(
        "it.booleans",
        "IT.conforme.*, IT.piattaforme.*",
        ALL,
        "Type: boolean",
    ),
    Rule(
        "it.piattaforme.deprecated",
        "IT.piattaforme.*",
        ("0.7",),
        "Use the supports key with alias:spid instead.",
        note="A notice naming the alias to use (see it.deprecated).",
    ),
    Rule(
        "it.riuso.codiceIPA.format",
        "IT.riuso.codiceIPA",
        ALL,
        "Type: string (iPA code)",
    ),
    Rule(
        "it.riuso.codiceIPA.deprecated",
        "IT.riuso.codiceIPA",
        ("0.7",),
        "This key is deprecated, use organisation/uri instead.",
    ),
    Rule(
        "it.riuso.codiceIPA.required_if",
        "IT.riuso.codiceIPA",
        ALL,
        "Presence: mandatory if repoOwner is a Public Administration",
        implemented=False,
        note="Cannot be checked offline: whether the owner is a public administration is not "
        "in the file.",
    ),
    Rule(
        "it.duplicate",
        "it",
        FROM_03,
        "Each section is identified by a two-letter ISO 3166-1 alpha-2 country code",
        note="Both it and IT: an error, they are the same section.",
    ),
    Rule(
        "de.extension",
        "DE",
        ALL,
        "Die hier aufgeführten Erweiterungen sind spezifisch für Deutschland",
        implemented=False,
        note="Only in the German translation (docs/de), not in docs/standard: not part of the "
        "standard's text; the reference parser rejects the key.",
    ),
)

BY_ID = {rule.id: rule for rule in RULES}
assert len(BY_ID) == len(RULES), "duplicate rule ids"
