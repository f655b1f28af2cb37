from django.contrib import admin

from communs.mutualisation.forms import FundingSchemeForm
from communs.mutualisation.models import (
    Campaign,
    Comment,
    Endorsement,
    FundingScheme,
    Maintainer,
    Milestone,
    Need,
    Pledge,
    PledgeLimit,
    ProjectMember,
    Quote,
    SharedProject,
    Transition,
)


@admin.register(Maintainer)
class MaintainerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["software", "user"]
    autocomplete_fields = ["software"]
    raw_id_fields = ["user"]


class EndorsementInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Endorsement
    extra = 0
    raw_id_fields = ["organisation", "by"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "status", "software", "category", "raised_by", "demo"]
    list_filter = ["status", "demo"]
    search_fields = ["title", "description"]
    raw_id_fields = ["software", "raised_by", "proposed_by"]
    inlines = [EndorsementInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["need", "author", "moderation", "created_at"]
    list_filter = ["moderation"]
    raw_id_fields = ["need", "author"]


class QuoteInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Quote
    extra = 0


class MilestoneInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Milestone
    extra = 0


class TransitionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ["pledge", "source", "target", "by", "at"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "state", "target", "deadline", "vehicle", "coordinator", "demo"]
    list_filter = ["state", "vehicle", "demo"]
    # States change through the site's services only, so that each change is recorded.
    readonly_fields = ["state"]
    raw_id_fields = ["need", "coordinator", "created_by"]
    inlines = [QuoteInline, MilestoneInline, TransitionInline]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["campaign", "organisation", "amount", "state"]
    list_filter = ["state"]
    readonly_fields = ["state"]
    raw_id_fields = ["campaign", "organisation", "by"]


@admin.register(PledgeLimit)
class PledgeLimitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "amount", "set_by", "set_at"]
    raw_id_fields = ["organisation", "set_by"]


class ProjectMemberInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProjectMember
    extra = 0
    raw_id_fields = ["organisation", "joined_by"]


@admin.register(SharedProject)
class SharedProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "software", "demo"]
    list_filter = ["demo"]
    search_fields = ["name"]
    raw_id_fields = ["software", "created_by"]
    inlines = [ProjectMemberInline]


@admin.register(FundingScheme)
class FundingSchemeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = FundingSchemeForm
    list_display = ["name", "funder", "rate", "ceiling", "deadline"]
    search_fields = ["name", "funder"]
    filter_horizontal = ["territories"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
