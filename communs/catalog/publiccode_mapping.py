"""Between a catalogue entry and a publiccode.yml: which field goes where.

Export writes the current version (0.7) of the standard. Import reads any version the validator
accepts. Descriptions in French and English map to the ``_fr`` and ``_en`` fields;
``features`` map to the advantages; ``usedBy`` becomes suggestions to confirm.
"""

from __future__ import annotations

import datetime
import textwrap
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Category, Software
from communs.licences import InvalidLicenceExpression, normalise_expression
from communs.publiccode.vocabulary import (
    CATEGORIES,
    DEVELOPMENT_STATUSES,
    LATEST_VERSION,
    MAINTENANCE_TYPES,
    SOFTWARE_TYPES,
)

EXPORT_VERSION = LATEST_VERSION
SHORT_LIMIT = 150
LONG_MINIMUM = 150
DEFAULT_PLATFORMS = {
    "standalone/web": ["web"],
    "standalone/backend": ["linux"],
    "standalone/desktop": ["linux", "windows", "mac"],
    "standalone/mobile": ["android", "ios"],
}
REQUIRED_FOR_EXPORT = {
    "url": _("a repository URL or a website"),
    "licence": _("a licence"),
    "development_status": _("a development status"),
    "software_type": _("a software type"),
    "maintenance_type": _("a maintenance type"),
}


def missing_for_export(software: Software) -> list[str]:
    """What the entry lacks to give a valid publiccode.yml (empty when it can)."""
    missing = []
    for field, label in REQUIRED_FOR_EXPORT.items():
        value = (
            (software.repository_url or software.website)
            if field == "url"
            else getattr(software, field)
        )
        if not value:
            missing.append(str(label))
    if software.maintenance_type == "contract":
        missing.append(str(_("the contractors (not kept by the catalogue)")))
    if software.maintenance_type in ("internal", "community") and not (
        software.maintenance_contacts
    ):
        # The standard: contacts are "mandatory if maintenance/type is internal or community".
        missing.append(str(_("a maintenance contact (required for this maintenance type)")))
    if len(_long(software, "fr")) < LONG_MINIMUM:
        missing.append(str(_("a French description of 150 characters at least")))
    return missing


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SHORT_LIMIT:
        return text
    return textwrap.shorten(text, width=SHORT_LIMIT - 1, placeholder="…")


def _long(software: Software, language: str) -> str:
    """The long description, or one composed from the other texts when it is too short."""
    long = getattr(software, f"long_description_{language}").strip()
    if len(long) >= LONG_MINIMUM:
        return str(long)
    parts = [
        getattr(software, f"short_description_{language}"),
        getattr(software, f"usage_{language}"),
        *getattr(software, f"advantages_{language}"),
        long,
    ]
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _description(software: Software, language: str) -> dict[str, Any] | None:
    short = getattr(software, f"short_description_{language}")
    long = _long(software, language)
    if not short or len(long) < LONG_MINIMUM:
        return None  # a language too thin to describe the software is left out
    features = getattr(software, f"advantages_{language}") or [short]
    entry: dict[str, Any] = {
        "localisedName": software.name,
        "shortDescription": _short(short),
        "longDescription": long,
        "features": [_short(feature) for feature in features],
    }
    if software.documentation_url:
        entry["documentation"] = software.documentation_url
    return entry


def to_publiccode(software: Software) -> dict[str, Any]:
    """The entry as publiccode.yml data (the current version of the standard)."""
    data: dict[str, Any] = {
        "publiccodeYmlVersion": EXPORT_VERSION,
        "name": software.name,
        "url": software.repository_url or software.website,
    }
    if software.website:
        data["landingURL"] = software.website
    if software.software_version:
        data["softwareVersion"] = software.software_version
    if software.release_date:
        data["releaseDate"] = software.release_date.isoformat()
    data["platforms"] = software.platforms or DEFAULT_PLATFORMS.get(software.software_type, ["web"])
    data["categories"] = sorted(category.slug for category in software.categories.all())
    data["developmentStatus"] = software.development_status
    data["softwareType"] = software.software_type
    data["description"] = {
        language: entry
        for language in ("fr", "en")
        if (entry := _description(software, language)) is not None
    }
    data["legal"] = {"license": software.licence}
    maintenance: dict[str, Any] = {"type": software.maintenance_type}
    if software.maintenance_contacts:
        maintenance["contacts"] = software.maintenance_contacts
    data["maintenance"] = maintenance
    languages = software.available_languages or list(data["description"])
    data["localisation"] = {
        "localisationReady": len(languages) > 1,
        "availableLanguages": languages,
    }
    if software.dependencies:
        data["dependsOn"] = software.dependencies
    if software.funded_by:
        data["fundedBy"] = software.funded_by
    if software.publisher_uri:
        organisation = {"uri": software.publisher_uri}
        if software.publisher_name:
            organisation["name"] = software.publisher_name
        data["organisation"] = organisation
    return data


def dump(data: dict[str, Any]) -> str:
    header = "# publiccode.yml exported by Communs\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)


def _language_value(descriptions: dict[str, Any], language: str) -> dict[str, Any]:
    """The description for a language (``fr``, ``fr-FR`` …), or an empty one."""
    for tag, value in descriptions.items():
        if isinstance(value, dict) and tag.lower().split("-")[0] == language:
            return value
    return {}


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _texts(value: Any) -> list[str]:
    return [_text(item) for item in value if _text(item)] if isinstance(value, list) else []


def _pairs(value: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    return [
        {key: _text(item[key]) for key in keys if item.get(key) not in (None, "")}
        for item in value
        if isinstance(item, dict)
    ]


def from_publiccode(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Catalogue field values from valid publiccode.yml data, and the category slugs."""
    descriptions = data.get("description") or {}
    french = _language_value(descriptions, "fr")
    english = _language_value(descriptions, "en")
    # The catalogue needs a French text; another language stands in until someone translates.
    fallback = (
        french or english or next((v for v in descriptions.values() if isinstance(v, dict)), {})
    )
    values: dict[str, Any] = {"name": _text(data.get("name"))[:120]}
    for language, source in (("fr", french or fallback), ("en", english)):
        values[f"short_description_{language}"] = _text(source.get("shortDescription"))[:300]
        values[f"long_description_{language}"] = _text(source.get("longDescription"))
        values[f"advantages_{language}"] = _texts(source.get("features"))[:20]
    url = _text(data.get("url"))
    values["repository_url"] = url if url.startswith("https://") else ""
    values["website"] = _text(data.get("landingURL"))
    values["documentation_url"] = _text(fallback.get("documentation"))
    try:
        values["licence"] = normalise_expression(_text((data.get("legal") or {}).get("license")))
    except InvalidLicenceExpression:
        values["licence"] = ""
    status, kind = _text(data.get("developmentStatus")), _text(data.get("softwareType"))
    values["development_status"] = status if status in DEVELOPMENT_STATUSES else ""
    values["software_type"] = kind if kind in SOFTWARE_TYPES else ""
    maintenance = data.get("maintenance") or {}
    kind = _text(maintenance.get("type"))
    values["maintenance_type"] = kind if kind in MAINTENANCE_TYPES else ""
    values["maintenance_contacts"] = _pairs(
        maintenance.get("contacts"), ("name", "email", "phone", "affiliation")
    )
    values["platforms"] = _texts(data.get("platforms"))[:20]
    values["available_languages"] = _texts(
        (data.get("localisation") or {}).get("availableLanguages")
    )[:20]
    values["software_version"] = _text(data.get("softwareVersion"))[:50]
    release = _text(data.get("releaseDate"))
    values["release_date"] = datetime.date.fromisoformat(release) if release else None
    depends = data.get("dependsOn") or {}
    values["dependencies"] = {
        group: [
            {k: (v if isinstance(v, bool) else _text(v)) for k, v in entry.items()}
            for entry in depends.get(group) or []
            if isinstance(entry, dict)
        ]
        for group in ("open", "proprietary", "hardware")
        if depends.get(group)
    }
    values["funded_by"] = _pairs(data.get("fundedBy"), ("name", "uri"))
    organisation = data.get("organisation") or {}
    values["publisher_name"] = _text(organisation.get("name"))[:200]
    values["publisher_uri"] = _text(organisation.get("uri"))[:300]
    values["used_by_suggestions"] = _texts(data.get("usedBy"))[:20]
    categories = [slug for slug in _texts(data.get("categories")) if slug in CATEGORIES]
    return values, categories


def known_categories(slugs: list[str]) -> list[int]:
    return list(Category.objects.filter(slug__in=slugs).values_list("pk", flat=True))
