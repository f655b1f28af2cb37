"""About a dozen families a public buyer recognises, grouping the publiccode.yml categories.

The publiccode.yml standard lists about a hundred categories; a catalogue of a few dozen
software spread over them leaves most holding one. Families are what a local government
looks for first ("relations with citizens", "finance and procurement"); every category of
the standard belongs to exactly one family (a test checks it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from communs.catalog.models import Category, Software
from communs.catalog.search import fold


@dataclass(frozen=True)
class Family:
    slug: str
    label: Promise
    categories: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "citizens",
        _("Relations with citizens and participation"),
        (
            "crm",
            "customer-service-and-support",
            "digital-citizenship",
            "feedback-and-reviews-management",
            "survey",
            "appointment-scheduling",
            "online-booking",
            "visitor-management",
            "call-center-management",
            "contact-management",
            "whistleblowing",
            "donor-management",
            "fundraising",
        ),
    ),
    Family(
        "websites",
        _("Websites and communication"),
        (
            "content-management",
            "website-builder",
            "blog",
            "communications",
            "marketing",
            "email-marketing",
            "mobile-marketing",
            "seo",
            "social-media-management",
            "online-community",
            "enterprise-social-networking",
            "event-management",
        ),
    ),
    Family(
        "office",
        _("Office and collaboration"),
        (
            "office",
            "productivity-suite",
            "collaboration",
            "web-collaboration",
            "project-collaboration",
            "knowledge-management",
            "mind-mapping",
            "document-management",
            "e-signature",
            "digital-asset-management",
            "translation",
        ),
    ),
    Family(
        "messaging",
        _("Messaging and meetings"),
        ("email-management", "instant-messaging", "video-conferencing", "web-conferencing", "voip"),
    ),
    Family(
        "finance",
        _("Finance, budget and procurement"),
        (
            "accounting",
            "billing-and-invoicing",
            "budgeting",
            "financial-reporting",
            "taxes-management",
            "payroll",
            "procurement",
            "grant-management",
            "payment-gateway",
            "mobile-payment",
            "e-commerce",
            "sales-management",
        ),
    ),
    Family(
        "people",
        _("Human resources"),
        (
            "hr",
            "employee-management",
            "talent-management",
            "applicant-tracking",
            "time-tracking",
            "time-management",
        ),
    ),
    Family(
        "territory",
        _("Territory, maps and assets"),
        (
            "geographic-information-systems",
            "cad",
            "property-management",
            "real-estate-management",
            "facility-management",
            "fleet-management",
            "inventory-management",
            "warehouse-management",
            "resource-management",
        ),
    ),
    Family(
        "data",
        _("Data and statistics"),
        (
            "data-analytics",
            "data-collection",
            "data-visualization",
            "business-intelligence",
            "predictive-analysis",
        ),
    ),
    Family(
        "projects",
        _("Projects, processes and compliance"),
        (
            "project-management",
            "agile-project-management",
            "enterprise-project-management",
            "task-management",
            "workflow-management",
            "business-process-management",
            "erp",
            "compliance-management",
            "regulations-and-directives",
        ),
    ),
    Family(
        "learning",
        _("Education, culture and design"),
        (
            "learning-management-system",
            "educational-content",
            "integrated-library-system",
            "gamification",
            "video-editing",
            "graphic-design",
            "design",
        ),
    ),
    Family(
        "it",
        _("IT operations and security"),
        (
            "it-management",
            "it-service-management",
            "it-asset-management",
            "it-security",
            "identity-management",
            "network-management",
            "cloud-management",
            "backup",
            "help-desk",
            "service-desk",
            "remote-support",
        ),
    ),
    Family(
        "development",
        _("Software development"),
        ("application-development", "it-development", "ide", "test-management", "design-system"),
    ),
)
FAMILY_OF = {category: family for family in FAMILIES for category in family.categories}


@dataclass
class FamilyGroup:
    family: Family
    software_count: int
    categories: list[Category] = field(default_factory=list)


def family_counts() -> dict[str, int]:
    """How many published software each family holds (distinct), by one aggregate query: the
    database counts, rather than Python reading every pair."""
    counts = Software.objects.published().aggregate(
        **{
            f"family_{index}": Count(
                "pk", filter=Q(categories__slug__in=list(family.categories)), distinct=True
            )
            for index, family in enumerate(FAMILIES)
        }
    )
    return {family.slug: counts[f"family_{index}"] for index, family in enumerate(FAMILIES)}


def families_with_counts(
    categories: Iterable[Category], counts: dict[str, int] | None = None
) -> list[FamilyGroup]:
    """Families holding published software, each with its distinct software count (`counts`
    as family_counts gives them, counted here when not given) and its categories (as given:
    with their `published_count` when they have one); largest family first."""
    counts = family_counts() if counts is None else counts
    groups = {
        family.slug: FamilyGroup(family, counts[family.slug])
        for family in FAMILIES
        if counts.get(family.slug)
    }
    for category in sorted(categories, key=lambda category: fold(category.label)):
        family = FAMILY_OF.get(category.slug)
        if family is not None and family.slug in groups:
            groups[family.slug].categories.append(category)
    return sorted(groups.values(), key=lambda group: -group.software_count)
