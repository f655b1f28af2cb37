"""Writes to the catalogue that touch several rows: the demo catalogue, publiccode.yml imports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from communs.catalog.models import Category, Provider, Software
from communs.catalog.publiccode_mapping import from_publiccode, known_categories
from communs.catalog.publiccode_messages import render as render_issue
from communs.publiccode.validator import validate

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "catalogue.yaml"

_SOFTWARE_FIELDS = (
    "name",
    "short_description_fr",
    "short_description_en",
    "long_description_fr",
    "long_description_en",
    "usage_fr",
    "usage_en",
    "advantages_fr",
    "advantages_en",
    "replaces",
    "licence",
    "website",
    "repository_url",
    "documentation_url",
    "development_status",
    "software_type",
    "maintenance_type",
    "wikidata_id",
    "sill_id",
    "comptoir_du_libre_id",
)
_PROVIDER_FIELDS = (
    "name",
    "siren",
    "website",
    "description_fr",
    "description_en",
    "regions_served",
)
_DEFAULTS: dict[str, Any] = {
    "advantages_fr": [],
    "advantages_en": [],
    "replaces": [],
    "sill_id": None,
    "comptoir_du_libre_id": None,
}


class DemoDataError(Exception):
    code = "invalid_demo_data"


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int
    unchanged: int


def project_checkout() -> str:
    """The git checkout this installation runs from, or '' when it is not one."""
    # The package sits at <checkout>/communs/catalog/; only the engine runs git.
    root = Path(__file__).resolve().parents[2]
    return str(root) if (root / ".git").exists() else ""


def _is_empty(value: Any) -> bool:
    return value in ("", [], {}, None)


def _apply(instance: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ; tell whether anything changed."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def _upsert(model: Any, slug: str, values: dict[str, Any]) -> tuple[Any, str]:
    """Create or update the row with this slug; say which of the two happened, if any."""
    instance = model.objects.filter(slug=slug).first()
    if instance is None:
        instance = model(slug=slug)
        _apply(instance, values)
        state = "created"
    elif _apply(instance, values):
        state = "updated"
    else:
        return instance, "unchanged"
    instance.full_clean()
    instance.save()
    return instance, state


def _set_related(manager: Any, wanted: set[int]) -> bool:
    current = set(manager.values_list("pk", flat=True))
    if current == wanted:
        return False
    manager.set(wanted)
    return True


@transaction.atomic
def demo_load(
    *, path: Path | None = None, progress: Callable[[str], None] | None = None
) -> LoadSummary:
    """Create or update the demo catalogue from its YAML file. Running it twice changes nothing.

    Entries that the file does not name are left alone, so a curator's own entries survive.
    """
    path = path or DEMO_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DemoDataError(f"{path.name} cannot be read: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("software"), list):
        raise DemoDataError(f"{path.name} must hold a 'software' list")
    if any(not isinstance(entry, dict) or "slug" not in entry for entry in data["software"]):
        raise DemoDataError(f"{path.name}: every software entry needs a slug")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    categories = {category.slug: category.pk for category in Category.objects.all()}
    checkout = project_checkout()
    software_by_slug: dict[str, Software] = {}

    for entry in data["software"]:
        values = {**_DEFAULTS, **{k: entry[k] for k in _SOFTWARE_FIELDS if k in entry}}
        values = {k: ("" if v is None and k not in _DEFAULTS else v) for k, v in values.items()}
        values["status"] = Software.Status.PUBLISHED
        if entry["slug"] == "communs":
            values["local_repository"] = checkout
        unknown = set(entry.get("categories", [])) - set(categories)
        if unknown:
            raise DemoDataError(f"software {entry['slug']!r}: unknown categories {sorted(unknown)}")
        try:
            software, state = _upsert(Software, entry["slug"], values)
        except Exception as error:
            raise DemoDataError(f"software {entry['slug']!r}: {error}") from error
        wanted = {categories[slug] for slug in entry.get("categories", [])}
        if _set_related(software.categories, wanted) and state == "unchanged":
            state = "updated"
        counts[state] += 1
        software_by_slug[software.slug] = software
        if progress:
            progress(software.slug)

    for entry in data.get("providers", []):
        values = {k: entry.get(k) or _empty(k) for k in _PROVIDER_FIELDS}
        try:
            provider, state = _upsert(Provider, entry["slug"], values)
            supported = {software_by_slug[slug].pk for slug in entry.get("software", [])}
        except KeyError as error:
            raise DemoDataError(f"provider {entry['slug']!r}: unknown software {error}") from None
        except Exception as error:
            raise DemoDataError(f"provider {entry['slug']!r}: {error}") from error
        if _set_related(provider.software, supported) and state == "unchanged":
            state = "updated"
        counts[state] += 1

    return LoadSummary(**counts)


def _empty(field: str) -> Any:
    return [] if field == "regions_served" else ""


class PubliccodeRefused(Exception):
    """The file is not a valid publiccode.yml: nothing was changed."""

    code = "invalid_publiccode"

    def __init__(self, issues: list[str]) -> None:
        super().__init__("; ".join(issues))
        self.issues = issues


@dataclass(frozen=True)
class ImportOutcome:
    software: Software
    created: bool


@transaction.atomic
def software_import_publiccode(
    *, content: bytes, software: Software | None = None, only_empty: bool = False
) -> ImportOutcome:
    """Create or update a catalogue entry from a publiccode.yml; refuse an invalid one whole.

    An existing entry is found by its repository URL, then by its slug. Fields the file
    leaves empty keep their current value; with ``only_empty`` (a file found during an
    evaluation) the file only fills fields the curators left empty. A new entry starts as
    a draft for a curator to review.
    """
    result = validate(content)
    if not result.valid or result.data is None:
        raise PubliccodeRefused(
            [f"{issue.key or 'publiccode.yml'}: {render_issue(issue)}" for issue in result.errors]
        )
    values, categories = from_publiccode(result.data)
    if software is None and values["repository_url"]:
        software = Software.objects.filter(repository_url=values["repository_url"]).first()
    if software is None:
        software = Software.objects.filter(slug=slugify(values["name"])[:80]).first()
    created = software is None
    if software is None:
        software = Software(
            slug=slugify(values["name"])[:80] or "software", status=Software.Status.DRAFT
        )
    given = {key: value for key, value in values.items() if not _is_empty(value)}
    if only_empty:
        given = {key: value for key, value in given.items() if _is_empty(getattr(software, key))}
    _apply(software, given)
    try:
        software.full_clean()
    except ValidationError as error:
        raise PubliccodeRefused(
            [f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()]
        ) from None
    software.save()
    if categories and not (only_empty and software.categories.exists()):
        software.categories.set(known_categories(categories))
    return ImportOutcome(software, created)
