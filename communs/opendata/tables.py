"""The tables of the bulk dumps: their columns (with types and descriptions) and their rows.

Rows come from the API's public records (``communs.api.public``), so a dump holds exactly
what the API serves. Columns are described as a Table Schema (frictionless data):
https://specs.frictionlessdata.io/table-schema/
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communs.api import public
from communs.catalog.models import Category, Provider, Software
from communs.evaluations.models import Evaluation
from communs.mutualisation.models import Campaign, Endorsement, Need
from communs.outcomes.models import Measurement
from communs.outcomes.selectors import EXPORT_COLUMNS, export_rows
from communs.resources.models import Resource
from communs.territories.models import Organisation
from communs.usage.models import Answer, Experience, UsageDeclaration

# Descriptions of the columns that are not model fields.
EXTRA_DESCRIPTIONS: dict[str, Promise] = {
    "page_url": _("Address of the entry's page on Communs (relative to the site)."),
    "logo_url": _("Address of the logo (relative to the site), empty when there is none."),
    "categories": _("Identifiers of the categories (publiccode.yml vocabulary)."),
    "label_fr": _("Label in French."),
    "label_en": _("Label in English."),
    "software_count": _("Number of published software in the category."),
    "epci_id": _("Identifier of the intercommunality the commune belongs to."),
    "departement_id": _("Identifier of the département."),
    "region_id": _("Identifier of the région."),
    "evaluation": _("Identifier of the evaluation."),
    "check": _("Code of the check, for example community.bus_factor."),
    "criterion": _("Criterion the check counts towards."),
    "title": _("Title."),
    "score": _("Score from 0 to 10, empty when not applicable."),
    "outcome": _("Outcome: pass, partial, fail, not_applicable, inconclusive or error."),
    "reason": _("The reason for the score, in one sentence."),
    "code": _("Message code of the result (empty in older reports)."),
    "evidence": _("Numbers, file paths and commits behind the reason (JSON)."),
    "id": _("Stable identifier."),
    "pledged": _("Sum of the pledges still standing, euros (pledges themselves are private)."),
    "experiences": _("Identifiers of the experiences that cite the resource."),
    # Fields whose model gives no translated label (a foreign key, a creation date).
    "software": _("Identifier (slug) of the software, as in the software table."),
    "organisation": _("Identifier of the organisation, as in the organisations table."),
    "need": _("Identifier of the shared need, as in the needs table."),
    "created_at": _("Date and time it was recorded (UTC)."),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: (
        str  # a Table Schema type: string, integer, number, boolean, date, datetime, array, object
    )
    description: str | Promise

    def as_table_schema(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "description": str(self.description)}


@dataclass(frozen=True)
class Table:
    name: str
    title: str | Promise
    model: type[models.Model]
    columns: tuple[Column, ...]
    rows: Callable[[], Iterator[dict[str, Any]]]
    primary_key: tuple[str, ...]

    def table_schema(self) -> dict[str, Any]:
        return {
            "fields": [column.as_table_schema() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }


FIELD_TYPES: dict[type[models.Field[Any, Any]], str] = {
    models.BooleanField: "boolean",
    models.DateTimeField: "datetime",
    models.DateField: "date",
    models.FloatField: "number",
    models.IntegerField: "integer",
    models.PositiveIntegerField: "integer",
    models.BigAutoField: "integer",
    models.AutoField: "integer",
    models.ForeignKey: "integer",
    models.DecimalField: "number",
}


def _column(model: type[models.Model], name: str, *, type_: str = "") -> Column:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a derived column, described in EXTRA_DESCRIPTIONS
        return Column(name, type_ or "string", EXTRA_DESCRIPTIONS.get(name, name))
    if not type_:
        type_ = "string"
        if isinstance(field, models.JSONField):
            type_ = "array" if callable(field.default) and field.default is list else "object"
        for kind, table_type in FIELD_TYPES.items():
            if isinstance(field, kind):
                type_ = table_type
        if isinstance(field, models.ManyToManyField):
            type_ = "array"
    description = getattr(field, "verbose_name", name)
    # A plain text label is the one Django made from the field's name: English on every
    # page. Such columns are described here instead.
    if name == "id" or isinstance(description, str):
        description = EXTRA_DESCRIPTIONS[name]
    return Column(name, type_, description)


def _columns(model: type[models.Model], *names: str, **types: str) -> tuple[Column, ...]:
    return tuple(_column(model, name, type_=types.get(name, "")) for name in names)


def _records(
    rows: Callable[[], Any], record: Callable[[Any], dict[str, Any]], key: str
) -> Callable[[], Iterator[dict[str, Any]]]:
    def iterate() -> Iterator[dict[str, Any]]:
        for row in rows().order_by(key).iterator(chunk_size=500):
            yield record(row)

    return iterate


def _organisation_rows() -> Iterator[dict[str, Any]]:
    for organisation in public.public_organisations().order_by("pk").iterator(chunk_size=2000):
        record = public.organisation_record(organisation)
        for parent in ("epci", "departement", "region"):
            ref = record.pop(parent)
            record[f"{parent}_id"] = ref["id"] if ref else None
        record.pop("hierarchy")
        yield record


def _software_rows() -> Iterator[dict[str, Any]]:
    for software in public.public_software().order_by("slug"):
        record = public.software_record(software)
        record.pop("latest_evaluation")
        yield record


def _evaluation_rows() -> Iterator[dict[str, Any]]:
    for evaluation in public.public_evaluations().order_by("pk").iterator(chunk_size=200):
        record = public.evaluation_summary(evaluation)
        record.pop("checks")
        record.update(record.pop("scores"))
        record["software"] = evaluation.software.slug
        yield record


def _need_rows() -> Iterator[dict[str, Any]]:
    for need in public.public_needs().order_by("pk").iterator(chunk_size=500):
        record = public.need_record(need)
        record.pop("endorsements")  # a table of their own
        yield record


def _check_rows() -> Iterator[dict[str, Any]]:
    for evaluation in public.public_evaluations().order_by("pk").iterator(chunk_size=200):
        for check in public.evaluation_record(evaluation)["checks"]:
            yield {
                "evaluation": evaluation.pk,
                "check": check["id"],
                "criterion": check["criterion"],
                "title": check["title"],
                "score": check["score"],
                "outcome": check["outcome"],
                "code": check["code"],
                "reason": check["reason"],
                "evidence": check["evidence"],
            }


SOFTWARE_TYPES = {"categories": "array", "sill_id": "integer", "comptoir_du_libre_id": "integer"}

TABLES: tuple[Table, ...] = (
    Table(
        "software",
        _("Software"),
        Software,
        _columns(
            Software,
            *public.SOFTWARE_FIELDS,
            "categories",
            "logo_url",
            "page_url",
            **SOFTWARE_TYPES,
        ),
        _software_rows,
        ("slug",),
    ),
    Table(
        "categories",
        _("Categories"),
        Category,
        _columns(
            Category, "slug", "label_fr", "label_en", "software_count", software_count="integer"
        ),
        _records(public.public_categories, public.category_record, "slug"),
        ("slug",),
    ),
    Table(
        "providers",
        _("Providers"),
        Provider,
        _columns(Provider, *public.PROVIDER_FIELDS, "software"),
        _records(public.public_providers, public.provider_record, "slug"),
        ("slug",),
    ),
    Table(
        "organisations",
        _("Organisations"),
        Organisation,
        _columns(
            Organisation,
            *public.ORGANISATION_FIELDS,
            "epci_id",
            "departement_id",
            "region_id",
            "page_url",
            epci_id="integer",
            departement_id="integer",
            region_id="integer",
        ),
        _organisation_rows,
        ("id",),
    ),
    Table(
        "declarations",
        _("Usage declarations"),
        UsageDeclaration,
        _columns(
            UsageDeclaration,
            *public.DECLARATION_FIELDS,
            "organisation",
            "software",
            "instance_url",
            "updated_at",
            "contractor",
            "contractor_name",
            software="string",
            contractor="string",
        ),
        _records(public.public_declarations, public.declaration_record, "pk"),
        ("id",),
    ),
    Table(
        "experiences",
        _("Experiences"),
        Experience,
        _columns(
            Experience, *public.EXPERIENCE_FIELDS, "organisation", "software", software="string"
        ),
        _records(public.public_experiences, public.experience_record, "pk"),
        ("id",),
    ),
    Table(
        "answers",
        _("Answers to difficulties"),
        Answer,
        _columns(Answer, *public.ANSWER_FIELDS, "experience", "organisation"),
        _records(public.public_answers, public.answer_record, "pk"),
        ("id",),
    ),
    Table(
        "evaluations",
        _("Evaluations"),
        Evaluation,
        _columns(
            Evaluation,
            "id",
            "software",
            "as_of",
            "head",
            "target",
            "method_version",
            "community",
            "practices",
            "security",
            "integration",
            software="string",
        ),
        _evaluation_rows,
        ("id",),
    ),
    Table(
        "checks",
        _("Results of the checks"),
        Evaluation,
        (
            Column("evaluation", "integer", EXTRA_DESCRIPTIONS["evaluation"]),
            Column("check", "string", EXTRA_DESCRIPTIONS["check"]),
            Column("criterion", "string", EXTRA_DESCRIPTIONS["criterion"]),
            Column("title", "string", EXTRA_DESCRIPTIONS["title"]),
            Column("score", "number", EXTRA_DESCRIPTIONS["score"]),
            Column("outcome", "string", EXTRA_DESCRIPTIONS["outcome"]),
            Column("code", "string", EXTRA_DESCRIPTIONS["code"]),
            Column("reason", "string", EXTRA_DESCRIPTIONS["reason"]),
            Column("evidence", "object", EXTRA_DESCRIPTIONS["evidence"]),
        ),
        _check_rows,
        ("evaluation", "check"),
    ),
    Table(
        "needs",
        _("Shared needs"),
        Need,
        _columns(
            Need,
            *public.NEED_FIELDS,
            "software",
            "category",
            "raised_by",
            "merged_into",
            "page_url",
            software="string",
            category="string",
        ),
        _need_rows,
        ("id",),
    ),
    Table(
        "endorsements",
        _("Endorsements of needs"),
        Endorsement,
        _columns(Endorsement, "need", "organisation", *public.ENDORSEMENT_FIELDS),
        _records(public.public_endorsements, public.endorsement_record, "pk"),
        ("need", "organisation"),
    ),
    Table(
        "campaigns",
        _("Co-funding campaigns"),
        Campaign,
        _columns(
            Campaign,
            *public.CAMPAIGN_FIELDS,
            "need",
            "software",
            "coordinator",
            "pledged",
            "page_url",
            software="string",
            pledged="number",
        ),
        _records(public.public_campaigns, public.campaign_record, "pk"),
        ("id",),
    ),
    Table(
        "resources",
        _("Resources"),
        Resource,
        _columns(
            Resource,
            *public.RESOURCE_FIELDS,
            "software",
            "author_organisation",
            "experiences",
            software="string",
            experiences="array",
        ),
        _records(public.public_resources, public.resource_record, "pk"),
        ("id",),
    ),
    Table(
        "outcome_benchmarks",
        _("Outcome benchmarks"),
        Measurement,
        tuple(Column(name, type_, description) for name, type_, description in EXPORT_COLUMNS),
        export_rows,
        ("scope", "subject", "organisation_kind", "population_band", "indicator"),
    ),
)
