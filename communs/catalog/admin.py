from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from communs.catalog.forms import ProviderAdminForm, PubliccodeImportForm, SoftwareAdminForm
from communs.catalog.models import Category, Provider, Software
from communs.catalog.remote import FetchError, fetch_publiccode
from communs.catalog.services import PubliccodeRefused, software_import_publiccode


class ProviderInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Provider.software.through
    extra = 0
    verbose_name = _("provider")
    verbose_name_plural = _("providers")
    autocomplete_fields = ["provider"]


@admin.register(Software)
class SoftwareAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = SoftwareAdminForm
    list_display = [
        "name",
        "status",
        "licence",
        "licence_crpa_listed",
        "development_status",
        "updated_at",
    ]
    list_filter = [
        "status",
        "development_status",
        "licence_family",
        "licence_crpa_listed",
        "licence_is_free",
        "software_type",
        "categories",
    ]
    search_fields = ["name", "slug", "search_text"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories"]
    readonly_fields = [
        "licence_family",
        "licence_is_free",
        "licence_crpa_listed",
        "created_at",
        "updated_at",
    ]
    inlines = [ProviderInline]

    # The evaluations app, a higher layer, adds its "Evaluate now" action (evaluations/admin.py).

    fieldsets = [
        (None, {"fields": ["name", "slug", "status"]}),
        (
            _("Descriptions"),
            {
                "fields": [
                    "short_description_fr",
                    "short_description_en",
                    "usage_fr",
                    "usage_en",
                    "long_description_fr",
                    "long_description_en",
                    "advantages_fr",
                    "advantages_en",
                    "replaces",
                    "categories",
                ]
            },
        ),
        (
            _("Licence"),
            {
                "fields": [
                    "licence",
                    "licence_family",
                    "licence_is_free",
                    "licence_crpa_listed",
                ]
            },
        ),
        (_("Links"), {"fields": ["website", "repository_url", "documentation_url", "logo"]}),
        (
            _("publiccode.yml metadata"),
            {
                "fields": [
                    "development_status",
                    "software_type",
                    "maintenance_type",
                ]
            },
        ),
        (_("Other catalogues"), {"fields": ["wikidata_id", "sill_id", "comptoir_du_libre_id"]}),
        (
            _("publiccode.yml details"),
            {
                "fields": [
                    "platforms",
                    "available_languages",
                    "software_version",
                    "release_date",
                    "publisher_name",
                    "publisher_uri",
                    "maintenance_contacts",
                    "funded_by",
                    "dependencies",
                    "used_by_suggestions",
                ],
                "classes": ["collapse"],
            },
        ),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]
    change_list_template = "admin/catalog/software/change_list.html"

    def get_urls(self) -> list[Any]:
        own = [
            path(
                "import-publiccode/",
                self.admin_site.admin_view(self.import_publiccode),
                name="catalog_software_import_publiccode",
            )
        ]
        return own + super().get_urls()

    def import_publiccode(self, request: HttpRequest) -> HttpResponse:
        """Create or update an entry from a publiccode.yml file or address."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return HttpResponse(status=403)
        bound = request.method == "POST"
        form = PubliccodeImportForm(
            request.POST if bound else None, request.FILES if bound else None
        )
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                content = (
                    upload.read(2 * 1024 * 1024)
                    if upload
                    else fetch_publiccode(form.cleaned_data["url"])
                )
                outcome = software_import_publiccode(content=content)
            except FetchError as error:
                problems = [str(error)]
            except PubliccodeRefused as refused:
                problems = refused.issues
            else:
                message = (
                    _("“%(name)s” was created as a draft from its publiccode.yml.")
                    if outcome.created
                    else _("“%(name)s” was updated from its publiccode.yml.")
                )
                messages.success(request, message % {"name": outcome.software.name})
                return redirect(
                    reverse("admin:catalog_software_change", args=[outcome.software.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "problems": problems,
            "title": _("Import a publiccode.yml"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/catalog/software/import_publiccode.html", context)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ProviderAdminForm
    list_display = ["name", "siren", "website"]
    search_fields = ["name", "siren"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["software"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "slug"]
    search_fields = ["slug"]

    def has_add_permission(self, request: object) -> bool:
        return False  # the vocabulary comes from the publiccode.yml standard

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
