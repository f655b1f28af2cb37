from django.urls import path

from communs.territories import views

app_name = "territories"

# The organisation's own page spans domains: the root URLconf serves it (communs.web.pages).
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<int:pk>/join/", views.join, name="join"),
    path("memberships/<int:pk>/decide/", views.decide, name="decide"),
]
