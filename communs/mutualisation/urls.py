from django.urls import path

from communs.mutualisation import views

app_name = "mutualisation"

urlpatterns = [
    path("needs/", views.need_list, name="needs"),
    path("needs/propose/", views.need_propose, name="need_propose"),
    path("needs/<int:pk>/", views.need_detail, name="need"),
    path("needs/<int:pk>/decide/", views.need_decide, name="need_decide"),
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
    path("pledges/<int:pk>/commit/", views.pledge_commit, name="pledge_commit"),
    path("pledges/<int:pk>/pay/", views.pledge_pay, name="pledge_pay"),
]
