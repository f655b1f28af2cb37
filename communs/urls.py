from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from communs.accounts.signin import SignInView
from communs.web import pages
from communs.web import views as web_views

admin.site.site_header = "Communs"
admin.site.site_title = "Communs"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("robots.txt", web_views.robots_txt, name="robots_txt"),
    path("favicon.ico", web_views.favicon),
    # Before the catalogue's and evaluations' own patterns (see web.views.catalogue, compare).
    path("catalogue/", web_views.catalogue),
    path("compare/", web_views.compare),
    # Pages that span domains: site-level names, served by the web layer.
    path("organisations/<int:pk>/", pages.organisation, name="organisation"),
    path("catalogue/<slug:slug>/", pages.software, name="software"),
    path("categories/<slug:slug>/", pages.category, name="category"),
    path("resources/<int:pk>/", pages.resource, name="resource"),
    path("my-space/", pages.my_space, name="my_space"),
    path("", include("communs.catalog.urls")),
    path("", include("communs.evaluations.urls")),
    path("", include("communs.territories.urls")),
    path("", include("communs.usage.urls")),
    path("", include("communs.mutualisation.urls")),
    path("", include("communs.outcomes.urls")),
    path("", include("communs.resources.urls")),
    path("", include("communs.api.urls")),
    path("", include("communs.opendata.urls")),
    path("", include("communs.alerts.urls")),
    path("accounts/", include("communs.accounts.urls")),
    # Served before django.contrib.auth's own login: it says when an address is unconfirmed.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if not settings.PRODUCTION:
    # The embedded mode serves uploads (logos, re-encoded when uploaded) itself; in
    # production the HTTPS proxy serves MEDIA_ROOT at /media/.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", web_views.media_file),
    ]

if settings.BENCHMARK_VIEW:  # a bare view for `make bench-web` only
    urlpatterns += [path("bench/bare/", web_views.bare)]

handler400 = "communs.web.views.bad_request"
handler403 = "communs.web.views.permission_denied"
handler404 = "communs.web.views.page_not_found"
handler500 = "communs.web.views.server_error"
