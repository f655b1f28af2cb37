from django.urls import path

from communs.territories import views

app_name = "territories"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
]
