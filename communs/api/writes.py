"""Writes through the API: an organisation's token, scoped, acts in the organisation's name.

Each write goes through the same form and service as the site's page, as the administrator
who created the token: what the site refuses, the API refuses, with the same messages.
"""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.responses import Status
from ninja.security import HttpBearer

from communs.api import public
from communs.api.errors import ApiError
from communs.api.models import ApiToken
from communs.api.schemas import (
    AnswerIn,
    AnswerOut,
    DeclarationIn,
    DeclarationOut,
    EndorsementIn,
    EndorsementOut,
    Error,
    ExperienceIn,
    ExperienceOut,
)
from communs.api.services import token_find
from communs.catalog.models import Software
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.forms import EndorsementForm
from communs.mutualisation.models import Need
from communs.mutualisation.services import need_endorse
from communs.territories.services import NotAllowed
from communs.usage.forms import AnswerForm, ExperienceForm, UsageDeclarationForm
from communs.usage.models import Experience, UsageDeclaration
from communs.usage.services import (
    answer_create,
    declaration_save,
    experience_create,
)

WRITE_ERRORS: dict[int, Any] = {400: Error, 401: Error, 403: Error, 404: Error, 429: Error}


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_find(token)
        if found is not None:
            found.mark_used()
        return found


def _token(request: HttpRequest, scope: str) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if not token.allows(scope):
        raise ApiError(
            403,
            "scope_missing",
            _("This token may not write %(scope)s: ask your administrators for one that may.")
            % {"scope": scope},
        )
    if token.created_by is None or not token.organisation.is_member(token.created_by):
        raise ApiError(
            403,
            "token_orphaned",
            _("The person who created this token left the organisation: create another one."),
        )
    return token


def _software(slug: str) -> Software:
    found = Software.objects.published().filter(slug=slug).first()
    if found is None:
        raise ApiError(
            400,
            "invalid",
            _("Some fields are not valid."),
            {"software": [_("No published software has this identifier.")]},
        )
    return found


def _refuse_invalid(form: BaseForm) -> None:
    if not form.is_valid():
        raise ApiError(
            400,
            "invalid",
            _("Some fields are not valid."),
            {name: [str(message) for message in errors] for name, errors in form.errors.items()},
        )


def declaration_write(request: HttpRequest, payload: DeclarationIn) -> Status[dict[str, Any]]:
    """Creates the organisation's declaration of ``software`` (201) or updates it (200).
    Fields left out keep their value. Scope: ``declarations``."""
    token = _token(request, ApiToken.Scope.DECLARATIONS)
    software = _software(payload.software)
    existing = UsageDeclaration.objects.filter(
        organisation=token.organisation, software=software
    ).first()
    fields = list(UsageDeclarationForm.Meta.fields)
    data = model_to_dict(existing, fields=fields) if existing else {}
    if existing is not None:  # the form names providers by slug, as the API does
        data["contractor"] = existing.contractor.slug if existing.contractor else ""
    data.update(payload.dict(exclude_unset=True, exclude={"software"}))
    form = UsageDeclarationForm(data, instance=existing, user=token.created_by)
    _refuse_invalid(form)
    values = {k: v for k, v in form.cleaned_data.items() if k != "referent_contactable"}
    try:
        declaration = declaration_save(
            organisation=token.organisation, software=software, values=values, by=token.created_by
        )
    except NotAllowed as error:
        raise ApiError(403, "not_allowed", str(error)) from error
    return Status(200 if existing else 201, public.declaration_record(declaration))


def experience_write(request: HttpRequest, payload: ExperienceIn) -> Status[dict[str, Any]]:
    """Publishes an experience of ``software`` in the organisation's name. Scope:
    ``experiences``."""
    token = _token(request, ApiToken.Scope.EXPERIENCES)
    software = _software(payload.software)
    form = ExperienceForm(payload.dict(exclude={"software"}))
    _refuse_invalid(form)
    try:
        experience = experience_create(
            organisation=token.organisation,
            software=software,
            values=form.cleaned_data,
            by=token.created_by,
        )
    except NotAllowed as error:
        raise ApiError(403, "not_allowed", str(error)) from error
    return Status(201, public.experience_record(experience))


def answer_write(request: HttpRequest, payload: AnswerIn) -> Status[dict[str, Any]]:
    """Answers a published difficulty in the organisation's name (a confirmed organisation).
    Scope: ``experiences``."""
    token = _token(request, ApiToken.Scope.EXPERIENCES)
    difficulty = Experience.objects.filter(
        pk=payload.experience,
        kind=Experience.Kind.DIFFICULTY,
        moderation=Experience.Moderation.PUBLISHED,
        software__status=Software.Status.PUBLISHED,
    ).first()
    if difficulty is None:
        raise ApiError(
            400,
            "invalid",
            _("Some fields are not valid."),
            {"experience": [_("No published difficulty has this identifier.")]},
        )
    form = AnswerForm(
        {"organisation": token.organisation.pk, "body": payload.body},
        organisations=[token.organisation],
    )
    _refuse_invalid(form)
    try:
        answer = answer_create(
            experience=difficulty,
            organisation=token.organisation,
            body=form.cleaned_data["body"],
            by=token.created_by,
        )
    except NotAllowed as error:
        raise ApiError(403, "not_allowed", str(error)) from error
    return Status(201, public.answer_record(answer))


def endorsement_write(request: HttpRequest, payload: EndorsementIn) -> Status[dict[str, Any]]:
    """The organisation endorses a need (again: its context and budget are replaced). Scope:
    ``endorsements``."""
    token = _token(request, ApiToken.Scope.ENDORSEMENTS)
    need = Need.objects.visible().filter(pk=payload.need).first()
    if need is None:
        raise ApiError(
            400,
            "invalid",
            _("Some fields are not valid."),
            {"need": [_("No published need has this identifier.")]},
        )
    form = EndorsementForm(
        {"organisation": token.organisation.pk, **payload.dict(exclude={"need"})},
        organisations=[token.organisation],
    )
    _refuse_invalid(form)
    try:
        endorsement = need_endorse(
            need=need,
            organisation=token.organisation,
            by=token.created_by,
            context=form.cleaned_data["context"],
            budget=form.cleaned_data["budget"],
        )
    except PoolingError as error:
        status = 403 if error.code == "not_member" else 400
        raise ApiError(status, error.code, error.message) from error
    return Status(201, public.endorsement_record(endorsement))


def register(api: NinjaAPI) -> None:
    auth = TokenAuth()
    api.post(
        "/declarations",
        auth=auth,
        response={200: DeclarationOut, 201: DeclarationOut, **WRITE_ERRORS},
        tags=["writes"],
        summary="Declare or update the use of a software",
    )(declaration_write)
    api.post(
        "/experiences",
        auth=auth,
        response={201: ExperienceOut, **WRITE_ERRORS},
        tags=["writes"],
        summary="Share an experience or a difficulty",
    )(experience_write)
    api.post(
        "/answers",
        auth=auth,
        response={201: AnswerOut, **WRITE_ERRORS},
        tags=["writes"],
        summary="Answer a difficulty",
    )(answer_write)
    api.post(
        "/endorsements",
        auth=auth,
        response={201: EndorsementOut, **WRITE_ERRORS},
        tags=["writes"],
        summary="Endorse a shared need",
    )(endorsement_write)
