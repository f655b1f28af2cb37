from django.urls import path

from communs.alerts import views
from communs.alerts.feeds import OrganisationAlertsFeed

app_name = "alerts"

urlpatterns = [
    path("my-space/alerts/", views.preferences, name="preferences"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("organisations/<int:pk>/alerts.atom", OrganisationAlertsFeed(), name="feed"),
    path("organisations/<int:pk>/webhooks/", views.hooks, name="hooks"),
    path("organisations/<int:pk>/webhooks/<int:hook_id>/", views.hook, name="hook"),
    path(
        "organisations/<int:pk>/webhooks/<int:hook_id>/off/",
        views.hook_deactivate,
        name="hook_deactivate",
    ),
]
