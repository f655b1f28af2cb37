from django.urls import include, path
from django.views.generic import RedirectView

from communs.api import pages
from communs.api.views import api

# The API's own operations live in its namespace ("api", given by django-ninja); the pages
# where administrators manage tokens live in "api_tokens".
token_patterns = [
    path("organisations/<int:pk>/api-tokens/", pages.token_list, name="list"),
    path(
        "organisations/<int:pk>/api-tokens/<int:token_id>/revoke/",
        pages.token_revoke_view,
        name="revoke",
    ),
]

urlpatterns = [
    # The documentation's address as people type it, with a slash, leads to the page.
    path(
        "api/v1/docs/",
        RedirectView.as_view(pattern_name="api:openapi-view", permanent=True, query_string=True),
    ),
    path("api/v1/", api.urls),
    path("", include((token_patterns, "api_tokens"))),
]
