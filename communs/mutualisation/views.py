from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communs.catalog import listing
from communs.catalog.models import Software
from communs.mutualisation import selectors, services
from communs.mutualisation.documents import KINDS
from communs.mutualisation.errors import PoolingError
from communs.mutualisation.forms import (
    CampaignForm,
    CommentForm,
    CommitForm,
    EndorsementForm,
    MergeForm,
    MilestoneForm,
    NeedForm,
    PledgeForm,
    PledgeLimitForm,
    QuoteForm,
    ReasonForm,
    SplitForm,
)
from communs.mutualisation.models import (
    VEHICLE_EXPLANATIONS,
    Campaign,
    Comment,
    Milestone,
    Need,
    Pledge,
    PledgeLimit,
    Quote,
    Vehicle,
)
from communs.mutualisation.states import CAMPAIGN_TRANSITIONS
from communs.resources import uploads
from communs.resources.models import Resource
from communs.territories.models import Organisation


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "403.html", {"reason": reason}, status=403)


# What changes the list of needs (the cached fragment's key, the pages' links).
NEED_PARAMETERS = ("q", "software", "category", "region", "departement", "status", "sort")
NEEDS_PAGE_SIZE = 30


def need_list(request: HttpRequest) -> HttpResponse:
    """Shared needs, filtered and sorted, on numbered pages.

    The filters, the needs and the pages' links are the same for everyone: they are kept in
    the fragments cache until a need, an endorsement or what a need shows changes
    (catalog/listing.py, web/fragments.py).
    """
    results = listing.cached_fragment(
        "needs",
        listing.parameters(request.GET, (*NEED_PARAMETERS, "page")),
        lambda: _need_results(request),
    )
    return render(
        request,
        "mutualisation/need_list.html",
        {"results": mark_safe(results)},  # noqa: S308 (rendered by our template)
    )


# The needs filter lists at most this many software (those with the most needs): a list of
# every software with a need (1,640 at ten times France) was three quarters of the page.
NEED_SOFTWARE_OPTIONS = 200


def _need_results(request: HttpRequest) -> str:
    params = request.GET
    territory = None
    territory_id = params.get("region") or params.get("departement") or ""
    if territory_id.isdigit():
        territory = Organisation.objects.filter(
            pk=int(territory_id), kind__in=["region", "departement"]
        ).first()
    statuses = [s for s in Need.Status if s != Need.Status.PROPOSED]
    status = params.get("status", "")
    needs = selectors.need_list(
        text=params.get("q", "").strip()[:200],
        software=params.get("software", ""),
        category=params.get("category", ""),
        territory=territory,
        status=status if status in statuses else "",
        sort=params.get("sort", ""),
    )
    # The page's ids first (the counts are computed for every need only when they sort),
    # then its needs with their counts and the columns a card shows.
    page = Paginator(needs.values_list("pk", flat=True), NEEDS_PAGE_SIZE).get_page(
        params.get("page")
    )
    ids = list(page.object_list)
    shown = (
        Need.objects.filter(pk__in=ids)
        .with_counts()
        .select_related("software", "category", "raised_by")
        .only(
            "title",
            "status",
            "created_at",
            "software__slug",
            "software__name",
            "category__slug",
            "raised_by__name",
        )
        .in_bulk()
    )
    page.object_list = [shown[pk] for pk in ids]
    territories = selectors.need_territories()
    software_listed, software_capped = selectors.need_software_options(
        params.get("software", ""), NEED_SOFTWARE_OPTIONS
    )
    return render_to_string(
        "mutualisation/_need_results.html",
        {
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "query_string": listing.parameters(params, NEED_PARAMETERS),
            "params": params,
            "statuses": statuses,
            # Only software that has needs, and at national scale only those with the most:
            # the others are found by name through the search field.
            "software_options": listing.options(software_listed, params.get("software", "")),
            "software_capped": software_capped,
            "software_shown": NEED_SOFTWARE_OPTIONS,
            "category_groups": selectors.need_categories(),
            "region_options": listing.options(territories["region"], params.get("region", "")),
            "departement_options": listing.options(
                territories["departement"], params.get("departement", "")
            ),
        },
        request=request,
    )


def _need_or_404(request: HttpRequest, pk: int) -> Need:
    need: Need = get_object_or_404(
        Need.objects.select_related("software", "category", "raised_by"), pk=pk
    )
    if need.status == Need.Status.PROPOSED and not (
        need.may_be_decided_by(request.user) or need.proposed_by_id == request.user.pk
    ):
        raise Http404
    return need


def _need_page(
    request: HttpRequest, need: Need, *, status: int = 200, **forms: forms.BaseForm
) -> HttpResponse:
    """The need's page; a refused post passes its bound form so that nothing typed is lost."""
    organisations = selectors.member_organisations(request.user)
    comments = need.comments.select_related("author")
    if not request.user.is_staff:
        comments = comments.filter(moderation=Comment.Moderation.PUBLISHED)
    context = {
        "need": need,
        "endorsements": need.endorsements.select_related("organisation"),
        "comments": comments,
        "campaigns": need.campaigns.public() if not request.user.is_staff else need.campaigns.all(),
        "may_decide": need.status == Need.Status.PROPOSED and need.may_be_decided_by(request.user),
        "decide_form": ReasonForm(),
        "endorse_form": EndorsementForm(organisations=organisations) if organisations else None,
        "comment_form": CommentForm() if request.user.is_authenticated else None,
        "may_start_campaign": bool(organisations)
        and need.status in (Need.Status.OPEN, Need.Status.FUNDED),
        "merge_form": MergeForm(need=need) if request.user.is_staff else None,
    }
    context.update(forms)
    return render(request, "mutualisation/need_detail.html", context, status=status)


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    if need.merged_into_id is not None:
        return redirect("mutualisation:need", pk=need.merged_into_id, permanent=True)
    return _need_page(request, need)


@login_required
@require_POST
def need_merge(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need, pk=pk)
    if not request.user.is_staff:
        return refused(request, _("Only curators merge needs."))
    form = MergeForm(request.POST, need=need)
    if form.is_valid():
        try:
            kept = services.need_merge(
                duplicate=need, kept=form.cleaned_data["kept"], by=request.user
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The duplicate is merged into this need."))
            return redirect(kept.get_absolute_url())
    return _need_page(request, need, status=400, merge_form=form)


@login_required
def need_propose(request: HttpRequest) -> HttpResponse:
    organisations = selectors.member_organisations(request.user)
    initial = {"software": Software.objects.filter(slug=request.GET.get("software", "")).first()}
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_propose(
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                software=form.cleaned_data["software"],
                category=form.cleaned_data["category"],
                organisation=form.cleaned_data["raised_by"],
                by=request.user,
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Thank you. Your need waits for a curator or a maintainer to accept it.")
            )
            return redirect(need.get_absolute_url())
    status = 400 if request.method == "POST" else 200  # refused: the same form, typed values kept
    return render(request, "mutualisation/need_form.html", {"form": form}, status=status)


@login_required
@require_POST
def need_decide(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need, pk=pk)
    accept = request.POST.get("decision") == "accept"
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.need_decide(need=need, accept=accept, by=request.user, reason=reason)
    except PoolingError as error:
        if error.code == "not_allowed":
            return refused(request, error.message)
        bound = ReasonForm(request.POST)
        bound.is_valid()
        bound.add_error(None, error.message)
        return _need_page(request, need, status=400, decide_form=bound)
    messages.success(request, _("The need is open.") if accept else _("The need is declined."))
    return redirect(need.get_absolute_url())


@login_required
@require_POST
def need_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    form = EndorsementForm(request.POST, organisations=selectors.member_organisations(request.user))
    if form.is_valid():
        try:
            services.need_endorse(
                need=need,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                context=form.cleaned_data["context"],
                budget=form.cleaned_data["budget"],
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your organisation endorses this need."))
            return redirect(need.get_absolute_url())
    return _need_page(request, need, status=400, endorse_form=form)


@login_required
@require_POST
def need_comment(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(need=need, by=request.user, body=form.cleaned_data["body"])
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(need.get_absolute_url())
    return _need_page(request, need, status=400, comment_form=form)


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.comment_hide(comment=comment, by=request.user, reason=reason)
    except PoolingError as error:
        if error.code == "not_allowed":
            return refused(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, _("The comment is hidden."))
    return redirect(comment.need.get_absolute_url())


@login_required
def campaign_new(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    organisations = selectors.member_organisations(request.user)
    if not organisations:
        return refused(request, _("Only members of an organisation start a campaign."))
    form = CampaignForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial={"title": need.title},
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                need=need, by=request.user, values=form.cleaned_data
            )
        except PoolingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The campaign is a draft: add a quote, then open it."))
            return redirect(campaign.get_absolute_url())
    explanations = [(str(Vehicle(v).label), str(VEHICLE_EXPLANATIONS[v])) for v in Vehicle]
    return render(
        request,
        "mutualisation/campaign_form.html",
        {"form": form, "need": need, "explanations": explanations},
    )


def _weights(text: str) -> list[Decimal]:
    try:
        return [Decimal(part.strip()) for part in text.split(",") if part.strip()]
    except InvalidOperation:
        return []


def _campaign_or_404(request: HttpRequest, pk: int) -> Campaign:
    campaign: Campaign = get_object_or_404(
        Campaign.objects.select_related("need", "coordinator"), pk=pk
    )
    if campaign.state == Campaign.State.DRAFT and not campaign.may_be_run_by(request.user):
        raise Http404
    return campaign


def _campaign_page(
    request: HttpRequest,
    campaign: Campaign,
    *,
    status: int = 200,
    commit_pledge: int | None = None,
    **forms: forms.BaseForm,
) -> HttpResponse:
    """The campaign's page; a refused post passes its bound form so that nothing is lost."""
    runs = campaign.may_be_run_by(request.user)
    organisations = selectors.member_organisations(request.user)
    split_form = SplitForm(request.GET or None)
    shares, split_error = [], ""
    if split_form.is_valid():
        try:
            shares = selectors.campaign_split(
                campaign,
                split_form.cleaned_data["method"],
                _weights(split_form.cleaned_data["weights"]),
            )
        except ValueError:
            split_error = _(
                "Give one positive weight per member (and populations for a split by population)."
            )
    else:
        shares = selectors.campaign_split(campaign, "equal", [])
    my_orgs = {organisation.pk for organisation in organisations}
    confirmed = campaign.confirmed()
    context = {
        "campaign": campaign,
        # Confirmed pledges fund the campaign; those above a limit still await an
        # administrator (reserved against the target, but not money anybody has agreed to).
        "confirmed": confirmed,
        "awaiting": campaign.pledged() - confirmed,
        "quotes": campaign.quotes.all(),
        "pledges": campaign.pledges.select_related("organisation"),
        "transitions": campaign.transitions.select_related("by", "pledge__organisation"),
        "milestones": campaign.milestones.all(),
        "runs": runs,
        "my_orgs": my_orgs,
        "today": timezone.localdate(),
        "pledge_form": PledgeForm(organisations=organisations)
        if organisations and campaign.is_open()
        else None,
        "quote_form": QuoteForm() if runs else None,
        "milestone_form": MilestoneForm() if runs else None,
        "commit_form": CommitForm(),
        "commit_pledge": commit_pledge,
        "split_form": split_form if request.GET else SplitForm(),
        "shares": shares,
        "split_error": split_error,
        "next_states": _next_states(campaign) if runs else [],
        "schemes": selectors.campaign_schemes(campaign, timezone.localdate()),
        "cited": campaign.cited_resources.published().select_related("software"),
        "citable": selectors.citable_resources(campaign) if runs else [],
    }
    context.update(forms)
    return render(request, "mutualisation/campaign_detail.html", context, status=status)


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _campaign_page(request, _campaign_or_404(request, pk))


def _next_states(campaign: Campaign) -> list[tuple[str, str]]:
    return [
        (target, str(Campaign.State(target).label))
        for target in sorted(CAMPAIGN_TRANSITIONS[campaign.state])
        if target != Campaign.State.FUNDED  # reached by pledges, not by hand
    ]


def _page(request: HttpRequest, campaign: Campaign) -> str:
    return request.build_absolute_uri(campaign.get_absolute_url())


def _fail(request: HttpRequest, error: PoolingError, campaign: Campaign) -> HttpResponse:
    if error.code in ("not_member", "not_coordinator"):
        return refused(request, error.message)
    messages.error(request, error.message)
    return redirect(campaign.get_absolute_url())


def _refuse_form(
    request: HttpRequest,
    error: PoolingError,
    campaign: Campaign,
    name: str,
    form: forms.BaseForm,
    **extra: int,
) -> HttpResponse:
    """A refused post: a 403 for who may not act, else the page again with the form's error."""
    if error.code in ("not_member", "not_coordinator"):
        return refused(request, error.message)
    form.add_error(None, error.message)
    return _campaign_page(request, campaign, status=400, **{name: form}, **extra)  # type: ignore[arg-type]


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    target = request.POST.get("target", "")
    if target not in Campaign.State.values:
        messages.error(request, _("Unknown state."))
        return redirect(campaign.get_absolute_url())
    try:
        services.campaign_transition(
            campaign=campaign, target=target, by=request.user, page_url=_page(request, campaign)
        )
    except PoolingError as error:
        return _fail(request, error, campaign)
    messages.success(request, _("The campaign's state changed."))
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def quote_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_or_404(request, pk)
    if not campaign.may_be_run_by(request.user):
        return refused(request, _("Only the coordinating organisation adds quotes."))
    form = QuoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, quote_form=form)
    try:
        services.quote_add(campaign=campaign, by=request.user, values=form.cleaned_data)
    except PoolingError as error:
        return _refuse_form(request, error, campaign, "quote_form", form)
    messages.success(request, _("The quote is added."))
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def pledge_create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_or_404(request, pk)
    form = PledgeForm(request.POST, organisations=selectors.member_organisations(request.user))
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, pledge_form=form)
    try:
        services.pledge_create(
            campaign=campaign,
            organisation=form.cleaned_data["organisation"],
            amount=form.cleaned_data["amount"],
            by=request.user,
            page_url=_page(request, campaign),
        )
    except PoolingError as error:
        return _refuse_form(request, error, campaign, "pledge_form", form)
    messages.success(request, _("Your pledge is recorded."))
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def pledge_commit(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    campaign = _campaign_or_404(request, pledge.campaign_id)
    form = CommitForm(request.POST)
    deliberation = form.cleaned_data["deliberation"] if form.is_valid() else ""
    try:
        services.pledge_commit(pledge=pledge, by=request.user, deliberation=deliberation)
    except PoolingError as error:
        return _refuse_form(request, error, campaign, "commit_form", form, commit_pledge=pledge.pk)
    messages.success(request, _("The commitment is recorded."))
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def pledge_pay(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    try:
        services.pledge_pay(pledge=pledge, by=request.user)
    except PoolingError as error:
        return _fail(request, error, pledge.campaign)
    messages.success(request, _("The payment is recorded."))
    return redirect(pledge.campaign.get_absolute_url())


@login_required
@require_POST
def milestone_save(request: HttpRequest, pk: int, milestone_pk: int | None = None) -> HttpResponse:
    campaign = _campaign_or_404(request, pk)
    milestone = (
        get_object_or_404(Milestone, pk=milestone_pk, campaign=campaign) if milestone_pk else None
    )
    if not campaign.may_be_run_by(request.user):
        return refused(request, _("Only the coordinating organisation follows delivery."))
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _campaign_page(request, campaign, status=400, milestone_form=form)
    try:
        services.milestone_save(
            campaign=campaign,
            by=request.user,
            values=form.cleaned_data,
            milestone=milestone,
            page_url=_page(request, campaign),
        )
    except PoolingError as error:
        return _refuse_form(request, error, campaign, "milestone_form", form)
    messages.success(request, _("The milestone is saved."))
    return redirect(campaign.get_absolute_url())


def _organisation_pledges_page(
    request: HttpRequest, organisation: Organisation, *, status: int = 200, **forms: forms.BaseForm
) -> HttpResponse:
    limit = PledgeLimit.objects.filter(organisation=organisation).select_related("set_by").first()
    is_admin = organisation.is_admin(request.user)
    context: dict[str, Any] = {
        "organisation": organisation,
        "limit": limit,
        "is_admin": is_admin,
        "limit_form": PledgeLimitForm(initial={"amount": limit.amount if limit else None}),
        "pledges": organisation.pledges.select_related("campaign", "by").order_by("-created_at"),
    }
    context.update(forms)
    return render(request, "mutualisation/organisation_pledges.html", context, status=status)


@login_required
def organisation_pledges(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's pledges and limit, for its members; administrators act here."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.is_member(request.user) and not request.user.is_staff:
        return refused(request, _("Only members of the organisation see its pledges."))
    return _organisation_pledges_page(request, organisation)


@login_required
@require_POST
def pledge_limit_set(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation.is_admin(request.user):
        return refused(request, _("Only an administrator of the organisation sets its limit."))
    form = PledgeLimitForm(request.POST)
    if not form.is_valid():
        return _organisation_pledges_page(request, organisation, status=400, limit_form=form)
    try:
        services.pledge_limit_set(
            organisation=organisation, amount=form.cleaned_data["amount"], by=request.user
        )
    except PoolingError as error:
        form.add_error(None, error.message)
        return _organisation_pledges_page(request, organisation, status=400, limit_form=form)
    messages.success(request, _("The pledge limit is saved."))
    return redirect("mutualisation:organisation_pledges", pk=organisation.pk)


@login_required
@require_POST
def pledge_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    accept = request.POST.get("decision") == "confirm"
    try:
        services.pledge_confirm(
            pledge=pledge, accept=accept, by=request.user, page_url=_page(request, pledge.campaign)
        )
    except PoolingError as error:
        if error.code == "not_admin":
            return refused(request, error.message)
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The pledge is confirmed.") if accept else _("The pledge is refused.")
        )
    return redirect("mutualisation:organisation_pledges", pk=pledge.organisation_id)


def quote_document(request: HttpRequest, pk: int) -> FileResponse:
    """A quote's document, for whoever may read its campaign, always as a download."""
    quote = get_object_or_404(Quote.objects.select_related("campaign"), pk=pk)
    _campaign_or_404(request, quote.campaign_id)
    if not quote.document:
        raise Http404
    try:
        handle = quote.document.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = quote.document.name.rsplit(".", 1)[-1]
    response = uploads.attachment(
        handle,
        filename=quote.document_name or f"devis.{extension}",
        content_type=KINDS.get(extension, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"  # never kept by a shared cache
    return response


@login_required
@require_POST
def campaign_cite(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("need"), pk=pk)
    resource = Resource.objects.published().filter(pk=request.POST.get("resource") or 0).first()
    if resource is None:
        messages.error(request, _("Choose a resource of the library."))
        return redirect(campaign.get_absolute_url())
    cite = request.POST.get("action") != "remove"
    try:
        services.campaign_cite_resource(
            campaign=campaign, resource=resource, cite=cite, by=request.user
        )
    except PoolingError as error:
        return _fail(request, error, campaign)
    messages.success(
        request,
        _("The campaign cites “%(title)s”.") % {"title": resource.title}
        if cite
        else _("The campaign no longer cites “%(title)s”.") % {"title": resource.title},
    )
    return redirect(campaign.get_absolute_url())
