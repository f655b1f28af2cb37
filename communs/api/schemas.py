"""The shapes of the API's answers (and of the JSON dump), as the OpenAPI document states them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema


class ErrorBody(Schema):
    code: str = Field(description="A stable code, for programs (for example not_found).")
    message: str = Field(description="What happened, for people.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict, description="For invalid input: the messages of each parameter."
    )


class Error(Schema):
    error: ErrorBody


class IndexOut(Schema):
    documentation: str
    openapi: str
    opendata: str
    licence: str
    lists: dict[str, str]


class CheckSummary(Schema):
    id: str
    criterion: str
    score: float | None
    outcome: str
    code: str = Field(description="The message code of the result (empty in older reports).")


class EvaluationSummary(Schema):
    id: int
    as_of: datetime
    head: str
    target: str
    method_version: str
    scores: dict[str, float | None] = Field(description="Criterion scores from 0 to 10.")
    checks: list[CheckSummary]


class CriterionPart(Schema):
    id: str
    weight: float | None
    score: float | None


class Criterion(Schema):
    id: str
    score: float | None
    checks: list[CriterionPart]


class Check(Schema):
    id: str = Field(description="The check's code, for example community.bus_factor.")
    criterion: str
    title: str
    score: float | None
    outcome: str = Field(description="pass, partial, fail, not_applicable, inconclusive, error")
    code: str = Field(description="The message code of the result (empty in older reports).")
    params: dict[str, Any] = Field(description="The values the message is built from.")
    reason: str
    evidence: dict[str, Any] = Field(description="Numbers, paths and commits behind the reason.")


class EvaluationOut(EvaluationSummary):
    software: str
    facts: dict[str, Any]
    criteria: list[Criterion]
    checks: list[Check]  # type: ignore[assignment]


class CategoryOut(Schema):
    slug: str
    label_fr: str
    label_en: str
    software_count: int


class SoftwareOut(Schema):
    slug: str
    name: str
    page_url: str
    short_description_fr: str
    short_description_en: str
    long_description_fr: str
    long_description_en: str
    usage_fr: str
    usage_en: str
    advantages_fr: list[str]
    advantages_en: list[str]
    replaces: list[str]
    categories: list[str]
    licence: str = Field(description="SPDX licence expression.")
    licence_family: str = Field(description="permissive, weak-copyleft, strong-copyleft, other")
    licence_is_free: bool = Field(description="Free according to both the FSF and the OSI.")
    licence_crpa_listed: bool = Field(
        description="Listed for French administrations (CRPA, art. D323-2-1)."
    )
    website: str
    repository_url: str
    documentation_url: str
    logo_url: str
    development_status: str
    software_type: str
    maintenance_type: str
    platforms: list[str]
    available_languages: list[str]
    software_version: str
    release_date: date | None
    maintenance_contacts: list[dict[str, str]] = Field(
        description="As the project publishes them in its own publiccode.yml."
    )
    dependencies: dict[str, list[dict[str, Any]]]
    funded_by: list[dict[str, str]]
    publisher_name: str
    publisher_uri: str
    wikidata_id: str
    sill_id: int | None
    comptoir_du_libre_id: int | None
    created_at: datetime
    updated_at: datetime
    latest_evaluation: EvaluationSummary | None


class ProviderOut(Schema):
    slug: str
    name: str
    siren: str
    website: str
    description_fr: str
    description_en: str
    regions_served: list[str] = Field(description="INSEE codes of French régions.")
    software: list[str]


class OrganisationRef(Schema):
    id: int
    kind: str
    name: str
    siren: str | None
    insee_code: str


class OrganisationOut(Schema):
    id: int
    kind: str
    epci_type: str
    name: str
    siren: str | None
    insee_code: str
    population: int | None
    postcodes: list[Any]
    latitude: float | None
    longitude: float | None
    website: str
    official_edition: str
    epci: OrganisationRef | None
    departement: OrganisationRef | None
    region: OrganisationRef | None
    hierarchy: list[OrganisationRef] = Field(
        description="Nearest first: EPCI, département, région."
    )
    page_url: str


class DeclarationOut(Schema):
    id: int
    organisation: int
    software: str
    status: str = Field(description="production, evaluating or abandoned")
    since: date | None
    version: str
    instance_public: bool
    instance_url: str = Field(description="Empty unless the organisation made it public.")
    contractor: str | None = Field(
        description="The contractor that supports this use, when it is one of the "
        "catalogue's providers (its slug)."
    )
    contractor_name: str = Field(
        description="When the contractor is not one of the catalogue's providers: its name."
    )
    contract_ends_on: date | None = Field(description="When the contract with it ends.")
    created_at: datetime
    updated_at: datetime


class ExperienceOut(Schema):
    id: int
    kind: str = Field(description="testimonial or difficulty")
    organisation: int
    software: str
    title: str
    body: str = Field(description="Markdown.")
    version: str
    workaround: str
    upstream_url: str
    resolution: str
    created_at: datetime


class AnswerOut(Schema):
    id: int
    experience: int = Field(description="The difficulty answered.")
    organisation: int = Field(description="The organisation that answers.")
    body: str = Field(description="Markdown.")
    created_at: datetime


# --- Writes (with an organisation's token) --------------------------------------------


class DeclarationIn(Schema):
    software: str = Field(description="The software's slug.", max_length=100)
    status: Literal["production", "evaluating", "abandoned"]
    abandon_reason: str = Field("", description="Required when the status is abandoned.")
    since: date | None = None
    version: str = ""
    modules: str = ""
    users_count: int | None = Field(None, ge=0, le=2**31 - 1)
    instance_url: str = ""
    instance_public: bool = False
    notes: str = Field("", description="For the organisation's members: never published.")
    contractor: str = Field("", description="A provider's slug (see /providers).")
    contractor_name: str = Field("", description="When the contractor is not a provider.")
    contract_ends_on: date | None = None


class ExperienceIn(Schema):
    software: str = Field(description="The software's slug.", max_length=100)
    kind: Literal["testimonial", "difficulty"]
    title: str
    body: str = Field(description="Markdown.")
    version: str = ""
    workaround: str = ""
    upstream_url: str = ""
    resolution: Literal["", "open", "worked-around", "solved"] = Field(
        "", description="Required for a difficulty."
    )


class AnswerIn(Schema):
    experience: int = Field(description="The difficulty's id.", ge=1, le=2**31 - 1)
    body: str = Field(description="Markdown.")


class EndorsementIn(Schema):
    need: int = Field(description="The need's id.", ge=1, le=2**31 - 1)
    context: str = Field(description="For example “for our 12 schools”.")
    budget: Decimal | None = Field(None, description="Indicative budget in euros.")


class EndorsementOut(Schema):
    need: int
    organisation: int
    context: str
    budget: Decimal | None
    created_at: datetime


class EndorsementRef(Schema):
    organisation: int
    context: str
    budget: Decimal | None = Field(description="Indicative budget in euros, when given.")
    created_at: datetime


class NeedOut(Schema):
    id: int
    title: str
    description: str
    status: str = Field(description="open, funded, in-progress, delivered or declined")
    decline_reason: str
    software: str | None = Field(description="The software's slug, when the need is about one.")
    category: str | None = Field(description="The category's slug, when it is about one.")
    raised_by: int | None = Field(description="The organisation that raised it, if confirmed.")
    merged_into: int | None = Field(description="The need it was merged into, if it was.")
    merged_at: datetime | None
    demo: bool = Field(description="Demonstration data, not a real need.")
    endorsements: list[EndorsementRef]
    page_url: str
    created_at: datetime


class CampaignOut(Schema):
    id: int
    need: int
    software: str | None
    title: str
    scope: str
    target: Decimal = Field(description="Target amount, euros including VAT.")
    pledged: Decimal = Field(description="Sum of the pledges still standing, euros.")
    deadline: date
    vehicle: str = Field(description="groupement, convention, centrale, spl or subvention")
    coordinator: int | None
    state: str = Field(description="open, funded, in-delivery, delivered, expired, cancelled")
    demo: bool
    page_url: str
    created_at: datetime


class ResourceOut(Schema):
    id: int
    software: str
    kind: str = Field(
        description="specifications, contract-clauses, support-levels, data-clauses, "
        "migration-guide, training, user-guide, deliberation or external-training"
    )
    title: str
    description: str
    version: str
    module: str
    legal_vehicle: str = Field(description="For a deliberation template: its legal vehicle.")
    licence: str
    author_organisation: int | None
    published_on: date
    language: str
    original_name: str = Field(description="Empty for a link.")
    content_type: str
    size: int | None = Field(description="Bytes; empty for a link.")
    external_url: str
    download_url: str | None = Field(description="Address of the file, empty for a link.")
    experiences: list[int] = Field(description="Experiences that cite the resource.")
    featured: bool
    demo: bool
    created_at: datetime


class BenchmarkOut(Schema):
    organisation_kind: str
    population_band: int | None = Field(
        description="0 under 2,000 inhabitants, 1 from 2,000, 2 from 10,000, 3 from 50,000, "
        "4 from 200,000; empty when unknown"
    )
    indicator: str = Field(
        description="cost_change, interaction_change, satisfaction or payback_years"
    )
    unit: str = Field(description="% or years")
    organisations: int = Field(description="Organisations that gave it: at least 5.")
    q1: float
    median: float
    q3: float
