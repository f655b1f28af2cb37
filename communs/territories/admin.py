from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communs.territories.models import InseeAlias, Membership, Organisation
from communs.territories.services import membership_decide


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "epci_type", "insee_code", "siren", "population"]
    list_filter = ["confirmed", "kind", "epci_type", "official_edition"]
    search_fields = ["name", "insee_code", "siren", "postcodes"]
    raw_id_fields = ["epci", "departement", "region"]
    readonly_fields = ["official_edition"]


@admin.register(InseeAlias)
class InseeAliasAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "organisation", "reason"]
    search_fields = ["code", "name", "organisation__name"]
    raw_id_fields = ["organisation"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "organisation", "role", "status", "requested_at", "decided_by"]
    list_filter = ["status", "role"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    raw_id_fields = ["organisation", "user"]
    readonly_fields = ["decided_by"]
    actions = ["approve", "refuse"]

    def _decide(self, request: HttpRequest, queryset: QuerySet[Membership], approve: bool) -> int:
        count = 0
        for membership in queryset.select_related("organisation", "user"):
            page = request.build_absolute_uri(membership.organisation.get_absolute_url())
            membership_decide(
                membership=membership, approve=approve, by=request.user, page_url=page
            )
            count += 1
        return count

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        count = self._decide(request, queryset, approve=True)
        self.message_user(
            request,
            ngettext("%(count)d request approved.", "%(count)d requests approved.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Refuse the selected requests"))
    def refuse(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        count = self._decide(request, queryset, approve=False)
        self.message_user(
            request,
            ngettext("%(count)d request refused.", "%(count)d requests refused.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        # A status changed by hand in the form is a decision too: record who made it.
        if "status" in form.changed_data and obj.status != Membership.Status.REQUESTED:
            obj.decided_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
