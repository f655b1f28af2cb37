"""Pages that span domains, composed here from the read functions each app exposes.

The web layer sits above every domain app: it may read from catalog, territories, usage and
evaluations; none of them reads from it. Template tags stay free of queries: the views
below call selectors, then render each app's fragment with the data they got.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from communs.catalog.models import Category, Software
from communs.catalog.publiccode_mapping import missing_for_export
from communs.catalog.vocabulary import CATEGORY_LABELS
from communs.evaluations.presentation import panel
from communs.mutualisation import selectors as pooling
from communs.outcomes import selectors as outcomes
from communs.resources import selectors as resources
from communs.resources.services import may_share
from communs.territories import selectors as territories
from communs.territories.models import Organisation
from communs.usage import selectors as usage
from communs.web import fragments
from communs.web.cards import attach_card_facts

# The parts of an organisation's page that are the same for every visitor who is not signed
# in, kept together in the fragments cache (web/fragments.py) and split on this marker.
ORGANISATION_SPLIT = "<!-- organisation-page-part -->"


def _organisation_parts(
    request: HttpRequest, found: Organisation, standing: territories.MembershipState | None = None
) -> list[str]:
    """The page's title, facts, stack and member communes, rendered."""
    is_member = standing is not None and standing.is_member
    stack = {
        "organisation": found,
        "stack": usage.organisation_stack(found),
        "standing": standing,
        "software_choices": usage.declarable_software(found) if is_member else [],
    }
    return [
        escape(found.name),
        render_to_string("web/_organisation_head.html", {"organisation": found}),
        render_to_string("web/_organisation_stack.html", stack, request=request),
        render_to_string(
            "web/_organisation_members.html", {"members": territories.member_communes(found)}
        ),
    ]


def _found_organisation(pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related("epci", "departement", "region"), pk=pk
    )


def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation as the person looking sees it: their standing, its stack, requests.

    For visitors who are not signed in the page is the same for all: its parts come from the
    fragments cache, without reading the organisation, until it or what it shows changes."""
    found: Organisation | None = None
    if request.user.is_authenticated:
        found = _found_organisation(pk)
        standing = territories.membership_state(found, request.user)
        parts = _organisation_parts(request, found, standing)
    else:
        standing = territories.MembershipState(None)  # not signed in

        def build() -> str:
            return ORGANISATION_SPLIT.join(_organisation_parts(request, _found_organisation(pk)))

        parts = fragments.cached_organisation_page(pk, build).split(ORGANISATION_SPLIT)
    title, head, stack_section, members_section = (mark_safe(part) for part in parts)  # noqa: S308
    return render(
        request,
        "web/organisation.html",
        {
            "organisation": found,
            "title": title,
            "head": head,
            "stack_section": stack_section,
            "members_section": members_section,
            "standing": standing,
            "pending": territories.pending_requests(found, request.user) if found else [],
            "awaiting_pledges": pooling.awaiting_pledges_for(request.user)
            .filter(organisation=found)
            .count()
            if found
            else 0,
            "outcomes_section": render_to_string(
                "outcomes/_dashboard.html",
                {"dashboard": outcomes.organisation_dashboard(found)},
                request=request,
            )
            if found and standing.is_member
            else "",
        },
    )


def software(request: HttpRequest, slug: str) -> HttpResponse:
    """A software's page: the catalogue entry, who uses it, and its evaluation.

    Its cost does not grow with its users: the list is capped and counts are aggregates. For
    visitors who are not signed in the page is the same for all: its title and body come from
    the fragments cache, without reading the software, until it or what it shows changes
    (web/fragments.py). Signed-in people see their own page (what they may do depends on who
    they are); its outcomes section, the same for everyone, is kept for them too.
    """
    if request.user.is_authenticated:
        parts = _software_parts(request, _found_software(slug))
    else:
        parts = fragments.cached_software_page(
            slug, lambda: SOFTWARE_SPLIT.join(_software_parts(request, _found_software(slug)))
        ).split(SOFTWARE_SPLIT)
    title, body = (mark_safe(part) for part in parts)  # noqa: S308 (rendered by our templates)
    return render(request, "catalog/software_detail.html", {"title": title, "body": body})


# The two parts of a software's page (title, body), kept together for visitors who are not
# signed in and split on this marker.
SOFTWARE_SPLIT = "<!-- software-page-part -->"


def _found_software(slug: str) -> Software:
    return get_object_or_404(
        Software.objects.published().prefetch_related("categories", "providers"), slug=slug
    )


def _software_parts(request: HttpRequest, found: Software) -> list[str]:
    """The page's title and body, rendered as the person asking sees them."""
    users = {
        "software": found,
        **usage.software_users(found, request.user),
        # Where "does yours use it?" leads: the member's space, or finding one's organisation.
        "declare_url": reverse(
            "my_space" if request.user.is_authenticated else "territories:organisation_list"
        ),
    }

    def outcomes_section() -> str:
        summary = {
            **outcomes.benchmark_page(outcomes.software_benchmark(found)),
            "minimum": outcomes.MIN_ORGANISATIONS,
            "benchmark_url": reverse("outcomes:software", kwargs={"slug": found.slug}),
        }
        return render_to_string("outcomes/_software_summary.html", summary, request=request)

    sections = {
        "users_section": render_to_string("usage/_users.html", users, request=request),
        "evaluation_section": render_to_string(
            "evaluations/_panel.html", panel(found, request.user), request=request
        ),
        "resources_section": render_to_string(
            "resources/_software_resources.html",
            {
                "software": found,
                "resources": resources.software_resources(found),
                "may_share": may_share(request.user),
            },
            request=request,
        ),
        # The same for everyone, signed in or not: kept until an outcome or a declaration of
        # this software changes (reading the figures of every declaration of a widely used
        # software is the page's costliest query).
        "outcomes_section": fragments.cached_section("outcomes", found.slug, outcomes_section),
    }
    body = render_to_string(
        "catalog/_software_body.html",
        {
            "software": found,
            "missing_for_export": missing_for_export(found),
            **{name: mark_safe(html) for name, html in sections.items()},  # noqa: S308
        },
        request=request,
    )
    return [escape(found.name), body]


def category(request: HttpRequest, slug: str) -> HttpResponse:
    """A category's software, with the way to compare their evaluations."""
    if slug not in CATEGORY_LABELS:
        raise Http404(_("There is no such category."))
    found = get_object_or_404(Category, slug=slug)
    return render(
        request,
        "catalog/category_detail.html",
        {
            "category": found,
            "software_list": attach_card_facts(
                list(Software.objects.published().in_category(slug).prefetch_related("categories"))
            ),
            "compare_url": reverse("evaluations:compare"),
            "outcomes_url": reverse("outcomes:category", kwargs={"slug": slug}),
        },
    )


def resource(request: HttpRequest, pk: int) -> HttpResponse:
    """A document of the library, with the experiences and the campaigns that cite it."""
    found = get_object_or_404(resources.visible_resources(request.user).with_useful_count(), pk=pk)
    return render(
        request,
        "resources/detail.html",
        {
            **resources.resource_page(found, request.user),
            "citations_section": render_to_string(
                "mutualisation/_citing_campaigns.html",
                {"campaigns": pooling.campaigns_citing(found)},
                request=request,
            ),
        },
    )


@login_required
def my_space(request: HttpRequest) -> HttpResponse:
    """What the signed-in person has to do with Communs, and their next useful step."""
    user = request.user
    memberships = territories.user_memberships(user)
    return render(
        request,
        "web/my_space.html",
        {
            "memberships": memberships,
            "curator_requests": territories.requests_for_curators(user),
            "declarations": usage.user_declarations(user),
            "experiences": usage.user_experiences(user),
            "sent_messages": usage.user_messages(user),
            "pooling_section": render_to_string(
                "mutualisation/_my_space.html",
                {
                    "to_decide": pooling.proposed_needs_for(user),
                    "endorsements": pooling.user_endorsements(user),
                    "pledges": pooling.user_pledges(user),
                    "awaiting": pooling.awaiting_pledges_for(user),
                    "needs_url": reverse("mutualisation:needs"),
                },
                request=request,
            ),
            "is_member_somewhere": any(m.status == "approved" for m in memberships),
        },
    )
