"""The API, version 1: every public table of Communs, one operation per question; writes
with an organisation's token are in ``writes.py``."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from communs.api import public, writes
from communs.api.errors import ApiError, error_response, not_found, validation_fields
from communs.api.pagination import cursor_page
from communs.api.schemas import (
    AnswerOut,
    BenchmarkOut,
    CampaignOut,
    CategoryOut,
    DeclarationOut,
    Error,
    EvaluationOut,
    ExperienceOut,
    IndexOut,
    NeedOut,
    OrganisationOut,
    ProviderOut,
    ResourceOut,
    SoftwareOut,
)
from communs.territories.models import Organisation

MAX_ID = 2**31 - 1
ERRORS: dict[int, Any] = {400: Error, 404: Error, 429: Error}

api = NinjaAPI(
    title="Communs API",
    version="1",
    description=(
        "Communs' public data: software, categories, providers, evaluations, organisations, "
        "usage declarations, experiences, shared needs, co-funding campaigns, outcome "
        "benchmarks and the resource library. Data under the Licence Ouverte 2.0. Lists are "
        "paginated with cursors: follow `next`. Reads need no key. Writes (declarations, "
        "experiences, endorsements) need a token that an organisation's administrators "
        "create on its page, sent as `Authorization: Bearer <token>`.\n\n"
        "This reference is in English only; the open-data page of the site (/opendata/) "
        "presents the API and its fields in French and in English. "
        "(Cette référence n'existe qu'en anglais ; la page /opendata/ du site présente l'API "
        "et ses champs en français.)"
    ),
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(ApiError)
def api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return error_response(error.status, error.code, error.message, error.fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = error_response(
        401,
        "unauthorized",
        _("Send a valid token: “Authorization: Bearer <token>”. Revoked tokens no longer work."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="communs"'
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # django-ninja's own refusals, such as a body that is not JSON: the same shape as ours.
    if error.status_code == 400:
        return error_response(400, "invalid_body", _("The body is not valid JSON."))
    return error_response(error.status_code, "refused", str(error))


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return error_response(
        400,
        "invalid",
        _("Some parameters are not valid."),
        validation_fields(list(error.errors)),
    )


@api.exception_handler(Http404)
def missing(request: HttpRequest, error: Http404) -> HttpResponse:
    found = not_found()
    return error_response(404, found.code, found.message)


class Page(Schema):
    limit: int = Field(settings.API_PAGE_SIZE, ge=1, le=200)


class SlugPage(Page):
    cursor: str | None = Field(
        None,
        pattern=r"^[-a-zA-Z0-9_]{0,80}$",
        description="Start after this identifier; follow the `next` address of a page.",
    )


class IdPage(Page):
    cursor: int | None = Field(
        None, ge=0, le=MAX_ID, description="Start after this id; follow `next`."
    )


def _page_schema(name: str, item: type[Schema]) -> type[Schema]:
    return type(
        name,
        (Schema,),
        {"__annotations__": {"results": list[item], "next": str | None}},  # type: ignore[valid-type]
    )


SoftwarePage = _page_schema("SoftwarePage", SoftwareOut)
OrganisationPage = _page_schema("OrganisationPage", OrganisationOut)
DeclarationPage = _page_schema("DeclarationPage", DeclarationOut)
ExperiencePage = _page_schema("ExperiencePage", ExperienceOut)
AnswerPage = _page_schema("AnswerPage", AnswerOut)
EvaluationPage = _page_schema("EvaluationPage", EvaluationOut)
NeedPage = _page_schema("NeedPage", NeedOut)
CampaignPage = _page_schema("CampaignPage", CampaignOut)
ResourcePage = _page_schema("ResourcePage", ResourceOut)


def _one(queryset: Any, **lookup: Any) -> Any:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise not_found()
    return found


Rows = TypeVar("Rows", bound=QuerySet[Any])


def given(rows: Rows, **lookups: object) -> Rows:
    """``rows`` filtered by the lookups whose value was given (a parameter left out is None)."""
    return rows.filter(
        **{name: value for name, value in lookups.items() if value not in (None, "")}
    )


# --- Index ----------------------------------------------------------------------------

# The lists a program starts from; each answer's items link to the rest.
LISTS = (
    "software",
    "categories",
    "providers",
    "evaluations",
    "organisations",
    "declarations",
    "experiences",
    "answers",
    "needs",
    "campaigns",
    "resources",
)


@api.get("/", response={200: IndexOut}, tags=["index"], summary="Where to start")
def index(request: HttpRequest) -> dict[str, Any]:
    """The addresses to start from: the documentation, the OpenAPI document, the open-data
    page and the lists, so that opening /api/v1/ shows the way instead of a 404."""
    root = request.path
    return {
        "documentation": f"{root}docs",
        "openapi": f"{root}openapi.json",
        "opendata": "/opendata/",
        "licence": "etalab-2.0",
        "lists": {name: f"{root}{name}" for name in LISTS},
    }


# --- Catalogue ------------------------------------------------------------------------


class SoftwareFilters(Schema):
    q: str | None = None
    category: str | None = None
    licence: Literal["permissive", "weak-copyleft", "strong-copyleft", "other"] | None = None


@api.get(
    "/software", response={200: SoftwarePage, **ERRORS}, tags=["catalogue"], summary="Software"
)
def software_list(
    request: HttpRequest, filters: Query[SoftwareFilters], page: Query[SlugPage]
) -> dict[str, Any]:
    """Published software, filtered as on the catalogue page (q, category, licence family)."""
    rows = public.public_software()
    if filters.q:
        rows = rows.search(filters.q[:200])
    if filters.category:
        rows = rows.in_category(filters.category)
    if filters.licence:
        rows = rows.filter(licence_family=filters.licence)
    return cursor_page(
        request,
        rows.distinct(),
        key="slug",
        cursor=page.cursor,
        limit=page.limit,
        record=public.software_record,
    )


@api.get("/software/{slug}", response={200: SoftwareOut, **ERRORS}, tags=["catalogue"])
def software_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return public.software_record(_one(public.public_software(), slug=slug))


@api.get("/categories", response={200: list[CategoryOut], **ERRORS}, tags=["catalogue"])
def category_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Categories of the publiccode.yml vocabulary that hold published software."""
    return [public.category_record(c) for c in public.public_categories().order_by("slug")]


@api.get("/categories/{slug}", response={200: CategoryOut, **ERRORS}, tags=["catalogue"])
def category_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return public.category_record(_one(public.public_categories(), slug=slug))


@api.get("/providers", response={200: list[ProviderOut], **ERRORS}, tags=["catalogue"])
def provider_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [public.provider_record(p) for p in public.public_providers().order_by("slug")]


@api.get("/providers/{slug}", response={200: ProviderOut, **ERRORS}, tags=["catalogue"])
def provider_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return public.provider_record(_one(public.public_providers(), slug=slug))


# --- Evaluations ----------------------------------------------------------------------


@api.get("/evaluations", response={200: EvaluationPage, **ERRORS}, tags=["evaluations"])
def evaluation_list(
    request: HttpRequest, page: Query[IdPage], software: str | None = None
) -> dict[str, Any]:
    """Every stored evaluation report, oldest first; ``software`` keeps one software's."""
    rows = given(public.public_evaluations(), software__slug=software)
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.evaluation_record,
    )


@api.get(
    "/evaluations/{evaluation_id}", response={200: EvaluationOut, **ERRORS}, tags=["evaluations"]
)
def evaluation_detail(
    request: HttpRequest,
    evaluation_id: int = Path(..., ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    return public.evaluation_record(_one(public.public_evaluations(), pk=evaluation_id))


# --- Organisations --------------------------------------------------------------------

OrganisationKind = Literal[
    "commune",
    "epci",
    "departement",
    "region",
    "public-body",
    "association",
    "company",
    "foreign",
]


class OrganisationFilters(Schema):
    q: str | None = None
    kind: OrganisationKind | None = None
    siren: str | None = None
    insee_code: str | None = None


@api.get("/organisations", response={200: OrganisationPage, **ERRORS}, tags=["organisations"])
def organisation_list(
    request: HttpRequest, filters: Query[OrganisationFilters], page: Query[IdPage]
) -> dict[str, Any]:
    """Confirmed organisations, by kind, name, SIREN or INSEE code."""
    rows = given(
        public.public_organisations(),
        name__icontains=(filters.q or "")[:200],
        kind=filters.kind,
        siren=filters.siren,
        insee_code=filters.insee_code,
    )
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.organisation_record,
    )


@api.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, **ERRORS},
    tags=["organisations"],
)
def organisation_detail(
    request: HttpRequest,
    organisation_id: int = Path(..., ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    return public.organisation_record(_one(public.public_organisations(), pk=organisation_id))


@api.get(
    "/organisations/siren/{siren}",
    response={200: OrganisationOut, **ERRORS},
    tags=["organisations"],
)
def organisation_by_siren(request: HttpRequest, siren: str) -> dict[str, Any]:
    """The organisation with this SIREN number (nine digits)."""
    return public.organisation_record(_one(public.public_organisations(), siren=siren))


@api.get(
    "/organisations/insee/{code}",
    response={200: OrganisationOut, **ERRORS},
    tags=["organisations"],
)
def organisation_by_insee(
    request: HttpRequest, code: str, kind: OrganisationKind | None = None
) -> dict[str, Any]:
    """The organisation with this INSEE code. Codes of départements and régions overlap
    ("01" is Ain and Guadeloupe): give ``kind`` when the code alone is ambiguous."""
    rows = public.public_organisations().filter(insee_code=code)
    if kind:
        rows = rows.filter(kind=kind)
    found: list[Organisation] = list(rows[:2])
    if not found:
        raise not_found()
    if len(found) > 1:
        raise ApiError(
            400,
            "ambiguous",
            _("Several organisations have this INSEE code: give their kind."),
            {"kind": [_("Required for this code.")]},
        )
    return public.organisation_record(found[0])


# --- Usage ----------------------------------------------------------------------------


@api.get("/declarations", response={200: DeclarationPage, **ERRORS}, tags=["usage"])
def declaration_list(
    request: HttpRequest,
    page: Query[IdPage],
    software: str | None = None,
    organisation: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Who uses what: the public fields of usage declarations."""
    rows = given(
        public.public_declarations(), software__slug=software, organisation_id=organisation
    )
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.declaration_record,
    )


@api.get("/experiences", response={200: ExperiencePage, **ERRORS}, tags=["usage"])
def experience_list(
    request: HttpRequest,
    page: Query[IdPage],
    software: str | None = None,
    organisation: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[type-arg]
    kind: Literal["testimonial", "difficulty"] | None = None,
) -> dict[str, Any]:
    """Success stories and difficulties that organisations published (hidden ones never)."""
    rows = given(
        public.public_experiences(),
        software__slug=software,
        organisation_id=organisation,
        kind=kind,
    )
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.experience_record,
    )


@api.get("/answers", response={200: AnswerPage, **ERRORS}, tags=["usage"])
def answer_list(
    request: HttpRequest,
    page: Query[IdPage],
    experience: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[type-arg]
    organisation: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[type-arg]
    software: str | None = None,
) -> dict[str, Any]:
    """Answers to difficulties, in the name of the organisations that wrote them (hidden
    ones never). ``organisation`` is the answering organisation."""
    rows = given(
        public.public_answers(),
        experience_id=experience,
        organisation_id=organisation,
        experience__software__slug=software,
    )
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.answer_record,
    )


# --- Pooling --------------------------------------------------------------------------

NeedStatus = Literal["open", "funded", "in-progress", "delivered", "declined"]
CampaignState = Literal["open", "funded", "in-delivery", "delivered", "expired", "cancelled"]


@api.get("/needs", response={200: NeedPage, **ERRORS}, tags=["pooling"])
def need_list(
    request: HttpRequest,
    page: Query[IdPage],
    software: str | None = None,
    category: str | None = None,
    status: NeedStatus | None = None,
) -> dict[str, Any]:
    """Shared needs that were accepted, with the organisations that endorse them."""
    rows = given(
        public.public_needs(), software__slug=software, category__slug=category, status=status
    )
    return cursor_page(
        request, rows, key="pk", cursor=page.cursor, limit=page.limit, record=public.need_record
    )


@api.get("/needs/{need_id}", response={200: NeedOut, **ERRORS}, tags=["pooling"])
def need_detail(
    request: HttpRequest,
    need_id: int = Path(..., ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    return public.need_record(_one(public.public_needs(), pk=need_id))


@api.get("/campaigns", response={200: CampaignPage, **ERRORS}, tags=["pooling"])
def campaign_list(
    request: HttpRequest,
    page: Query[IdPage],
    software: str | None = None,
    need: int | None = Query(None, ge=1, le=MAX_ID),  # type: ignore[type-arg]
    state: CampaignState | None = None,
) -> dict[str, Any]:
    """Co-funding campaigns past their draft, with the total pledged (pledges stay private)."""
    rows = given(
        public.public_campaigns(), need__software__slug=software, need_id=need, state=state
    )
    return cursor_page(
        request,
        rows,
        key="pk",
        cursor=page.cursor,
        limit=page.limit,
        record=public.campaign_record,
    )


@api.get("/campaigns/{campaign_id}", response={200: CampaignOut, **ERRORS}, tags=["pooling"])
def campaign_detail(
    request: HttpRequest,
    campaign_id: int = Path(..., ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    return public.campaign_record(_one(public.public_campaigns(), pk=campaign_id))


# Writes share their addresses with the lists (POST /declarations beside GET), so they are
# operations of this same API rather than a router of their own.
writes.register(api)
# --- Outcomes and resources -----------------------------------------------------------


@api.get(
    "/software/{slug}/outcomes",
    response={200: list[BenchmarkOut], **ERRORS},
    tags=["outcomes"],
    summary="Outcome benchmarks of a software",
)
def software_outcomes(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Medians and quartiles of the outcomes of organisations alike (same kind and
    population band), only where at least five organisations gave the indicator."""
    found = _one(public.public_software(), slug=slug)
    return public.benchmark_records(found)


def _resource(resource: Any) -> dict[str, Any]:
    record = public.resource_record(resource)
    record["download_url"] = f"/resources/{resource.pk}/download/" if resource.file else None
    return record


@api.get("/resources", response={200: ResourcePage, **ERRORS}, tags=["resources"])
def resource_list(
    request: HttpRequest,
    page: Query[IdPage],
    software: str | None = None,
    kind: str | None = None,
    q: str | None = Query(None, max_length=200),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """Published documents of the library; ``q`` searches their title and text."""
    rows = given(public.public_resources(), software__slug=software, kind=kind)
    if q:
        rows = rows.search(q)
    return cursor_page(
        request, rows, key="pk", cursor=page.cursor, limit=page.limit, record=_resource
    )


@api.get("/resources/{resource_id}", response={200: ResourceOut, **ERRORS}, tags=["resources"])
def resource_detail(
    request: HttpRequest,
    resource_id: int = Path(..., ge=1, le=MAX_ID),  # type: ignore[type-arg]
) -> dict[str, Any]:
    """One published document of the library."""
    return _resource(_one(public.public_resources(), pk=resource_id))
