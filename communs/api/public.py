"""What Communs publishes: the public rows of each table and the record of each row.

The API and the open-data dumps both read from here, so that they never disagree on what
is public. A field of a model is either in a record below (under its own name), reshaped
into other keys (``RESHAPED_FIELDS``), or private with a reason (``PRIVATE_FIELDS``);
``communs/opendata/tests/test_field_coverage.py`` fails when a field is in none of them.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation

from communs.catalog.models import Category, Provider, Software
from communs.catalog.querysets import SoftwareQuerySet
from communs.evaluations.models import CRITERIA, Evaluation
from communs.mutualisation.models import Campaign, Endorsement, Need
from communs.outcomes.selectors import software_benchmark
from communs.resources.models import Resource
from communs.resources.querysets import ResourceQuerySet
from communs.territories.models import Organisation
from communs.usage.models import Answer, Experience, UsageDeclaration

# Fields that never leave Communs, each with the reason. Keys are "app_label.Model".
PRIVATE_FIELDS: dict[str, dict[str, str]] = {
    "catalog.Software": {
        "status": "only published entries are served; drafts are never published",
        "local_repository": "a path on the operator's machine",
        "search_text": "derived from the published texts, for search only",
        "search_name": "derived from the name, for sorting only",
        "used_by_suggestions": "names given by the project, not confirmed by anyone yet",
    },
    "evaluations.Evaluation": {
        "created_at": "when the row was stored, an internal detail (as_of dates the report)",
    },
    "territories.Organisation": {
        "confirmed": "only confirmed organisations are served; the others are requests",
        "search_name": "derived from the name, for sorting and search only",
        "name_liaison": "INSEE's article type, copied from the official data; the site uses "
        "it only to write French sentences",
    },
    "usage.UsageDeclaration": {
        "referent": "a person's account: identity is shared only through the contact form",
        "referent_contactable": "a person's consent to be contacted, personal data",
        "abandon_reason": "written for the organisation's members; the site does not show it",
        "modules": "written for the organisation's members; the site does not show it",
        "users_count": "written for the organisation's members; the site does not show it",
        "notes": "written for the organisation's members; the site does not show it",
    },
    "mutualisation.Need": {
        "proposed_by": "a person's account: the organisation that raised it is published",
        "merged_by": "a person's account: the curator or maintainer who merged it",
    },
    "mutualisation.Endorsement": {
        "by": "a person's account: the organisation endorses, not the person",
        "id": "a row number: an endorsement is identified by its need and organisation",
    },
    "mutualisation.Campaign": {
        "created_by": "a person's account: the coordinating organisation is published",
        "cited_resources": "arrived after these endpoints: shown on the campaign's page, not "
        "served in bulk yet",
    },
    "resources.Resource": {
        "file": "kept outside the web root; served by the resource's page, as a download",
        "text": "extracted from the file for search; the file itself is the publication",
        "search_text": "derived from the title, description and text, for search only",
        "uploaded_by": "a person's account: the author organisation speaks, not the person",
        "status": "only published resources are served; retired ones never",
    },
    "usage.Answer": {
        "author": "a person's account: the organisation answers, not the person",
        "moderation": "only published answers are served; hidden ones never",
        "moderation_reason": "a curator's note about hidden content",
    },
    "usage.Experience": {
        "author": "a person's account: the organisation speaks, not the person",
        "moderation": "only published experiences are served; hidden ones never",
        "moderation_reason": "a curator's note about hidden content",
    },
}

# Whole tables that are not published, each with the reason.
PRIVATE_MODELS: dict[str, str] = {
    "accounts.*": "people's accounts and sign-in data",
    "auth.*": "people's accounts, groups and permissions",
    "territories.Membership": "who belongs to which organisation: personal data",
    "territories.InseeAlias": "former INSEE codes; lookups by them are not served yet",
    "usage.ContactMessage": "private messages between people",
    "usage.HistoricalUsageDeclaration": "edit history, with the editors' accounts",
    "evaluations.EvaluationJob": "the job queue, with who asked",
    "evaluations.CheckComment": "maintainers' replies are not published through the API yet",
    "alerts.Event": "derived from published evaluations, needs and campaigns; served by "
    "each organisation's Atom feed",
    "alerts.AlertPreference": "how often a person wants email: personal data",
    "alerts.Notification": "which person was told what: personal data",
    "alerts.Webhook": "an organisation's private endpoints and their signing secrets",
    "alerts.WebhookDelivery": "the delivery log of a private endpoint, for its admins",
    "alerts.WebhookAttempt": "the delivery log of a private endpoint, for its admins",
    "api.ApiToken": "write credentials of organisations (kept only as digests)",
    "evaluations.SoftwareAccount": "which accounts maintain which software: personal data",
    "mutualisation.Maintainer": "which accounts maintain which software: personal data",
    "mutualisation.Comment": "people's words under their accounts: shown on the need's page "
    "with moderation, not served in bulk yet",
    "mutualisation.Pledge": "pledges name organisations before their councils decide; only "
    "the total pledged is published",
    "mutualisation.Quote": "providers' prices, shown to the campaign's readers; not served "
    "in bulk yet",
    "mutualisation.Transition": "the history of a campaign, with the accounts who moved it",
    "mutualisation.Milestone": "delivery notes of a campaign, not served in bulk yet",
    "mutualisation.PledgeLimit": "an organisation's internal ceiling for pledges, set by its "
    "administrators",
    "mutualisation.NotificationPreference": "a person's email preferences: personal data",
    "mutualisation.SharedProject": "arrived after these endpoints; not served in bulk yet",
    "mutualisation.ProjectMember": "arrived after these endpoints; not served in bulk yet",
    "mutualisation.FundingScheme": "arrived after these endpoints; not served in bulk yet",
    # One organisation's figures are published only aggregated, in benchmarks of at least
    # five organisations alike (outcomes/benchmarks.csv): fewer would identify them.
    "resources.Usefulness": "who found which resource useful: personal data",
    "outcomes.*": "one organisation's figures; only benchmarks of five or more are published",
}

# Fields published under other keys.
RESHAPED_FIELDS: dict[str, dict[str, str]] = {
    "catalog.Software": {"logo": "logo_url"},
    "evaluations.Evaluation": {
        "report": "facts, criteria and checks",
        "community": "scores.community",
        "practices": "scores.practices",
        "security": "scores.security",
        "integration": "scores.integration",
    },
}

SOFTWARE_FIELDS = (
    "slug",
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
    "licence_family",
    "licence_is_free",
    "licence_crpa_listed",
    "website",
    "repository_url",
    "documentation_url",
    "development_status",
    "software_type",
    "maintenance_type",
    "platforms",
    "available_languages",
    "software_version",
    "release_date",
    "maintenance_contacts",
    "dependencies",
    "funded_by",
    "publisher_name",
    "publisher_uri",
    "wikidata_id",
    "sill_id",
    "comptoir_du_libre_id",
    "created_at",
    "updated_at",
)
ORGANISATION_FIELDS = (
    "id",
    "kind",
    "epci_type",
    "name",
    "siren",
    "insee_code",
    "population",
    "postcodes",
    "latitude",
    "longitude",
    "website",
    "official_edition",
)
DECLARATION_FIELDS = (
    "id",
    "status",
    "since",
    "version",
    "instance_public",
    "contract_ends_on",
    "created_at",
)
EXPERIENCE_FIELDS = (
    "id",
    "kind",
    "title",
    "body",
    "version",
    "workaround",
    "upstream_url",
    "resolution",
    "created_at",
)
ANSWER_FIELDS = ("id", "body", "created_at")
RESOURCE_FIELDS = (
    "id",
    "kind",
    "title",
    "description",
    "version",
    "module",
    "legal_vehicle",
    "licence",
    "published_on",
    "language",
    "original_name",
    "content_type",
    "size",
    "external_url",
    "featured",
    "demo",
    "created_at",
)
PROVIDER_FIELDS = (
    "slug",
    "name",
    "siren",
    "website",
    "description_fr",
    "description_en",
    "regions_served",
)


NEED_FIELDS = (
    "id",
    "title",
    "description",
    "status",
    "decline_reason",
    "merged_at",
    "demo",
    "created_at",
)
CAMPAIGN_FIELDS = (
    "id",
    "title",
    "scope",
    "target",
    "deadline",
    "vehicle",
    "state",
    "demo",
    "created_at",
)
ENDORSEMENT_FIELDS = ("context", "budget", "created_at")


# --- The public rows ------------------------------------------------------------------


def public_software() -> SoftwareQuerySet:
    return (
        Software.objects.published()
        .prefetch_related("categories")
        .prefetch_related(
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.latest_per_software(),
                to_attr="latest_evaluations",
            )
        )
    )


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(confirmed=True).select_related(
        "epci", "departement", "region"
    )


def public_declarations() -> QuerySet[UsageDeclaration]:
    return UsageDeclaration.objects.filter(
        organisation__confirmed=True, software__status=Software.Status.PUBLISHED
    ).select_related("organisation", "software", "contractor")


def public_experiences() -> QuerySet[Experience]:
    return Experience.objects.filter(
        moderation=Experience.Moderation.PUBLISHED,
        organisation__confirmed=True,
        software__status=Software.Status.PUBLISHED,
    ).select_related("organisation", "software")


def public_answers() -> QuerySet[Answer]:
    """Published answers to public difficulties, in the name of confirmed organisations."""
    return Answer.objects.filter(
        moderation=Answer.Moderation.PUBLISHED,
        organisation__confirmed=True,
        experience__in=public_experiences().filter(kind=Experience.Kind.DIFFICULTY),
    ).select_related("experience", "organisation")


def public_resources() -> ResourceQuerySet:
    return (
        Resource.objects.published()
        .filter(software__status=Software.Status.PUBLISHED)
        .select_related("software")
        .prefetch_related("experiences")
    )


def public_evaluations() -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(software__status=Software.Status.PUBLISHED).select_related(
        "software"
    )


def public_needs() -> QuerySet[Need]:
    """Accepted needs (proposed ones wait for a decision) about published software or a
    category."""
    return (
        Need.objects.visible()
        .filter(Q(software__isnull=True) | Q(software__status=Software.Status.PUBLISHED))
        .select_related("software", "category", "raised_by")
    )


def public_endorsements() -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(
        need__in=public_needs(), organisation__confirmed=True
    ).select_related("organisation")


def public_campaigns() -> QuerySet[Campaign]:
    """Campaigns past their draft, on public needs."""
    return (
        Campaign.objects.public()
        .filter(need__in=public_needs())
        .select_related("need", "need__software", "coordinator")
        .prefetch_related("pledges")
    )


def public_providers() -> QuerySet[Provider]:
    return Provider.objects.prefetch_related(
        Prefetch("software", queryset=Software.objects.published(), to_attr="published_software")  # type: ignore[arg-type]
    )


def public_categories() -> QuerySet[Category]:
    return Category.objects.with_published_counts()


# --- The records ----------------------------------------------------------------------


def _fields(instance: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def category_labels(slug: str) -> dict[str, str]:
    from communs.catalog.vocabulary import CATEGORY_LABELS

    label = CATEGORY_LABELS.get(slug, slug)
    labels = {}
    for language in ("fr", "en"):
        with translation.override(language):
            labels[language] = str(label)
    return labels


def category_record(category: Category) -> dict[str, Any]:
    labels = category_labels(category.slug)
    return {
        "slug": category.slug,
        "label_fr": labels["fr"],
        "label_en": labels["en"],
        "software_count": getattr(category, "published_count", None)
        or category.software.filter(status=Software.Status.PUBLISHED).count(),
    }


def evaluation_summary(evaluation: Evaluation) -> dict[str, Any]:
    # The stored report read through the site's one typed reader (older schemas upgraded).
    checks = evaluation.reading.checks
    return {
        "id": evaluation.pk,
        "as_of": evaluation.as_of,
        "head": evaluation.head,
        "target": evaluation.target,
        "method_version": evaluation.method_version,
        "scores": {criterion: getattr(evaluation, criterion) for criterion in CRITERIA},
        "checks": [
            {
                "id": check.id,
                "criterion": check.criterion.value,
                "score": check.score,
                "outcome": check.outcome.value,
                "code": check.code,
            }
            for check in checks
        ],
    }


def evaluation_record(evaluation: Evaluation) -> dict[str, Any]:
    """The whole report: facts, criteria and every check with its reason and evidence."""
    reading = evaluation.reading
    scores = {check.id: check.score for check in reading.checks}
    record = evaluation_summary(evaluation)
    record["software"] = evaluation.software.slug
    record["facts"] = dataclasses.asdict(reading.facts)
    record["criteria"] = [
        {
            "id": criterion.criterion.value,
            "score": criterion.score,
            "checks": [
                {"id": check_id, "weight": weight, "score": scores.get(check_id)}
                for check_id, weight in criterion.weights.items()
            ],
        }
        for criterion in reading.criteria
    ]
    record["checks"] = [
        {
            "id": check.id,
            "criterion": check.criterion.value,
            "title": check.title,
            "score": check.score,
            "outcome": check.outcome.value,
            "code": check.code,
            "params": dict(check.params),
            "reason": check.reason,
            "evidence": dict(check.evidence),
        }
        for check in reading.checks
    ]
    return record


def software_record(software: Software) -> dict[str, Any]:
    record = _fields(software, SOFTWARE_FIELDS)
    record["categories"] = sorted(category.slug for category in software.categories.all())
    record["logo_url"] = software.logo.url if software.logo else ""
    record["page_url"] = software.get_absolute_url()
    latest = getattr(software, "latest_evaluations", None)
    if latest is None:
        latest = list(software.evaluations.order_by("-as_of", "-pk")[:1])
    record["latest_evaluation"] = evaluation_summary(latest[0]) if latest else None
    return record


def _organisation_ref(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None or not organisation.confirmed:
        return None
    return {
        "id": organisation.pk,
        "kind": organisation.kind,
        "name": organisation.name,
        "siren": organisation.siren,
        "insee_code": organisation.insee_code,
    }


def organisation_record(organisation: Organisation) -> dict[str, Any]:
    record = _fields(organisation, ORGANISATION_FIELDS)
    for parent in ("epci", "departement", "region"):
        record[parent] = _organisation_ref(getattr(organisation, parent))
    record["hierarchy"] = [
        ref for ref in (_organisation_ref(p) for p in organisation.hierarchy()) if ref
    ]
    record["page_url"] = organisation.get_absolute_url()
    return record


def declaration_record(declaration: UsageDeclaration) -> dict[str, Any]:
    record = _fields(declaration, DECLARATION_FIELDS)
    record["organisation"] = declaration.organisation_id
    record["software"] = declaration.software.slug
    # The address of an instance is published only when its organisation said it is public.
    record["instance_url"] = declaration.instance_url if declaration.instance_public else ""
    record["updated_at"] = declaration.updated_at
    # Like the essential data of public procurement (who holds the contract, until when).
    contractor = declaration.contractor
    record["contractor"] = contractor.slug if contractor else None
    record["contractor_name"] = declaration.contractor_name
    return record


def experience_record(experience: Experience) -> dict[str, Any]:
    record = _fields(experience, EXPERIENCE_FIELDS)
    record["organisation"] = experience.organisation_id
    record["software"] = experience.software.slug
    return record


def answer_record(answer: Answer) -> dict[str, Any]:
    record = _fields(answer, ANSWER_FIELDS)
    record["experience"] = answer.experience_id
    record["organisation"] = answer.organisation_id
    return record


def benchmark_records(software: Software) -> list[dict[str, Any]]:
    """A software's outcome benchmarks: only groups of at least five organisations."""
    return [
        {
            "organisation_kind": group.kind,
            "population_band": group.band,
            "indicator": spread.code,
            "unit": spread.unit,
            "organisations": spread.organisations,
            "q1": float(spread.q1),
            "median": float(spread.median),
            "q3": float(spread.q3),
        }
        for group in software_benchmark(software)
        for spread in group.spreads
    ]


def resource_record(resource: Resource) -> dict[str, Any]:
    record = _fields(resource, RESOURCE_FIELDS)
    record["software"] = resource.software.slug
    record["author_organisation"] = resource.author_organisation_id
    record["experiences"] = sorted(e.pk for e in resource.experiences.all())
    return record


def provider_record(provider: Provider) -> dict[str, Any]:
    record = _fields(provider, PROVIDER_FIELDS)
    published = getattr(provider, "published_software", None)
    if published is None:
        published = provider.software.filter(status=Software.Status.PUBLISHED)
    record["software"] = sorted(software.slug for software in published)
    return record


def endorsement_record(endorsement: Endorsement) -> dict[str, Any]:
    record = _fields(endorsement, ENDORSEMENT_FIELDS)
    record["need"] = endorsement.need_id
    record["organisation"] = endorsement.organisation_id
    return record


def need_record(need: Need) -> dict[str, Any]:
    record = _fields(need, NEED_FIELDS)
    software = need.software
    record["software"] = software.slug if software else None
    record["category"] = need.category.slug if need.category else None
    record["merged_into"] = need.merged_into_id
    record["raised_by"] = need.raised_by_id if need.raised_by and need.raised_by.confirmed else None
    record["endorsements"] = [
        endorsement_record(e)
        for e in public_endorsements().filter(need=need).order_by("organisation_id")
    ]
    record["page_url"] = need.get_absolute_url()
    return record


def campaign_record(campaign: Campaign) -> dict[str, Any]:
    record = _fields(campaign, CAMPAIGN_FIELDS)
    record["need"] = campaign.need_id
    software = campaign.need.software
    record["software"] = software.slug if software else None
    record["coordinator"] = campaign.coordinator_id if campaign.coordinator.confirmed else None
    record["pledged"] = campaign.pledged().quantize(Decimal("0.01"))
    record["page_url"] = campaign.get_absolute_url()
    return record
