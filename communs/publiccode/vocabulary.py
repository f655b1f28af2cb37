"""Controlled vocabularies of the publiccode.yml standard (version 0.4 onwards).

The category list is the one the reference parser accepts (publiccode.yml ``categories``
key, standard 0.4 and later).
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "accounting",
    "agile-project-management",
    "applicant-tracking",
    "application-development",
    "appointment-scheduling",
    "backup",
    "billing-and-invoicing",
    "blog",
    "budgeting",
    "business-intelligence",
    "business-process-management",
    "cad",
    "call-center-management",
    "cloud-management",
    "collaboration",
    "communications",
    "compliance-management",
    "contact-management",
    "content-management",
    "crm",
    "customer-service-and-support",
    "data-analytics",
    "data-collection",
    "data-visualization",
    "design",
    "design-system",
    "digital-asset-management",
    "digital-citizenship",
    "document-management",
    "donor-management",
    "e-commerce",
    "e-signature",
    "educational-content",
    "email-management",
    "email-marketing",
    "employee-management",
    "enterprise-project-management",
    "enterprise-social-networking",
    "erp",
    "event-management",
    "facility-management",
    "feedback-and-reviews-management",
    "financial-reporting",
    "fleet-management",
    "fundraising",
    "gamification",
    "geographic-information-systems",
    "grant-management",
    "graphic-design",
    "help-desk",
    "hr",
    "ide",
    "identity-management",
    "instant-messaging",
    "integrated-library-system",
    "inventory-management",
    "it-asset-management",
    "it-development",
    "it-management",
    "it-security",
    "it-service-management",
    "knowledge-management",
    "learning-management-system",
    "marketing",
    "mind-mapping",
    "mobile-marketing",
    "mobile-payment",
    "network-management",
    "office",
    "online-booking",
    "online-community",
    "payment-gateway",
    "payroll",
    "predictive-analysis",
    "procurement",
    "productivity-suite",
    "project-collaboration",
    "project-management",
    "property-management",
    "real-estate-management",
    "regulations-and-directives",
    "remote-support",
    "resource-management",
    "sales-management",
    "seo",
    "service-desk",
    "social-media-management",
    "survey",
    "talent-management",
    "task-management",
    "taxes-management",
    "test-management",
    "time-management",
    "time-tracking",
    "translation",
    "video-conferencing",
    "video-editing",
    "visitor-management",
    "voip",
    "warehouse-management",
    "web-collaboration",
    "web-conferencing",
    "whistleblowing",
    "website-builder",
    "workflow-management",
)

# ``developmentStatus``
DEVELOPMENT_STATUSES: tuple[str, ...] = ("concept", "development", "beta", "stable", "obsolete")

# ``softwareType``
SOFTWARE_TYPES: tuple[str, ...] = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)

# ``maintenance.type``
MAINTENANCE_TYPES: tuple[str, ...] = ("internal", "contract", "community", "none")

# ``intendedAudience.scope``
SCOPES: tuple[str, ...] = (
    "agriculture",
    "culture",
    "defence",
    "education",
    "emergency-services",
    "employment",
    "energy",
    "environment",
    "finance-and-economic-development",
    "foreign-affairs",
    "government",
    "healthcare",
    "infrastructures",
    "justice",
    "local-authorities",
    "manufacturing",
    "research",
    "science-and-technology",
    "security",
    "society",
    "sport",
    "tourism",
    "transportation",
    "welfare",
)

# ``publiccodeYmlVersion`` values read by the validator, and the version each stands for.
# "0" means the newest 0.x version, as the reference parser reads it.
LATEST_VERSION = "0.7"
SUPPORTED_VERSIONS: dict[str, str] = {
    "0": LATEST_VERSION,
    **{v: "0.2" for v in ("0.2", "0.2.0", "0.2.1", "0.2.2", "0.2.3")},
    **{v: "0.3" for v in ("0.3", "0.3.0")},
    **{v: "0.4" for v in ("0.4", "0.4.0")},
    **{v: "0.5" for v in ("0.5", "0.5.0")},
    **{v: "0.7" for v in ("0.7", "0.7.0")},
}

# ``supports[].id`` aliases (docs/standard/aliases-list.rst, 0.7): "An ``alias:`` value MUST
# exist in the list of aliases."
ALIASES: dict[str, str] = {
    "gdpr": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    "eidas": "https://eur-lex.europa.eu/eli/reg/2014/910/oj",
    "nis2": "https://eur-lex.europa.eu/eli/dir/2022/2555/oj",
    "cra": "https://eur-lex.europa.eu/eli/reg/2024/2847/oj",
    "spid": "https://www.spid.gov.it/",
    "cie": "https://www.cartaidentita.interno.gov.it/",
    "anpr": "https://www.anpr.interno.it/",
    "pagopa": "https://www.pagopa.gov.it/",
    "io": "https://io.italia.it/",
}

# ``IT.piattaforme`` keys and the ``supports`` alias the standard (0.7) names instead.
ITALIAN_PLATFORMS: dict[str, str] = {
    "spid": "alias:spid",
    "cie": "alias:cie",
    "anpr": "alias:anpr",
    "pagopa": "alias:pagopa",
    "io": "alias:io",
}
ITALIAN_CONFORMITY: tuple[str, ...] = (
    "lineeGuidaDesign",
    "modelloInteroperabilita",
    "misureMinimeSicurezza",
    "gdpr",
)
