from django.urls import path

from communs.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("catalogue/<slug:slug>/evaluate/", views.evaluate_now, name="evaluate"),
    path("catalogue/<slug:slug>/checks/<str:check_id>/reply/", views.reply, name="reply"),
    path("compare/", views.compare, name="compare"),
    path("methodology/", views.methodology, name="methodology"),
]
