from django.urls import path

from communs.usage import views

app_name = "usage"

urlpatterns = [
    path("organisations/<int:pk>/software/", views.declare_choose, name="declare_choose"),
    path("organisations/<int:pk>/software/<slug:slug>/", views.declare, name="declare"),
    path("organisations/<int:pk>/join/", views.join, name="join"),
    path("memberships/<int:pk>/decide/", views.decide, name="decide"),
]
