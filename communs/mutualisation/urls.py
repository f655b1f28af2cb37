from django.urls import path

from communs.mutualisation import notification_views, project_views, views

app_name = "mutualisation"

urlpatterns = [
    path("needs/", views.need_list, name="needs"),
    path("needs/propose/", views.need_propose, name="need_propose"),
    path("needs/<int:pk>/", views.need_detail, name="need"),
    path("needs/<int:pk>/decide/", views.need_decide, name="need_decide"),
    path("needs/<int:pk>/merge/", views.need_merge, name="need_merge"),
    path("needs/<int:pk>/endorse/", views.need_endorse, name="need_endorse"),
    path("needs/<int:pk>/comment/", views.need_comment, name="need_comment"),
    path("needs/<int:pk>/campaign/", views.campaign_new, name="campaign_new"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/state/", views.campaign_transition, name="campaign_transition"),
    path("campaigns/<int:pk>/quotes/", views.quote_add, name="quote_add"),
    path("campaigns/<int:pk>/resources/", views.campaign_cite, name="campaign_cite"),
    path("campaigns/<int:pk>/pledges/", views.pledge_create, name="pledge_create"),
    path("campaigns/<int:pk>/milestones/", views.milestone_save, name="milestone_add"),
    path(
        "campaigns/<int:pk>/milestones/<int:milestone_pk>/",
        views.milestone_save,
        name="milestone_edit",
    ),
    path("quotes/<int:pk>/document/", views.quote_document, name="quote_document"),
    path("pledges/<int:pk>/commit/", views.pledge_commit, name="pledge_commit"),
    path("pledges/<int:pk>/pay/", views.pledge_pay, name="pledge_pay"),
    path(
        "notifications/",
        notification_views.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe,
        name="unsubscribe",
    ),
    path("funding-schemes/", project_views.funding_schemes, name="funding_schemes"),
    path("projects/", project_views.project_list, name="projects"),
    path("projects/new/", project_views.project_new, name="project_new"),
    path("projects/<int:pk>/", project_views.project_detail, name="project"),
    path("projects/<int:pk>/join/", project_views.project_join, name="project_join"),
    path(
        "projects/<int:pk>/governance/", project_views.project_governance, name="project_governance"
    ),
    path("pledges/<int:pk>/confirm/", views.pledge_confirm, name="pledge_confirm"),
    path(
        "pledges/organisation/<int:pk>/",
        views.organisation_pledges,
        name="organisation_pledges",
    ),
    path("pledges/organisation/<int:pk>/limit/", views.pledge_limit_set, name="pledge_limit"),
]
