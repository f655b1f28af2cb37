from django.urls import path

from communs.usage import views

app_name = "usage"

urlpatterns = [
    path("organisations/<int:pk>/software/", views.declare_choose, name="declare_choose"),
    path("organisations/<int:pk>/software/<slug:slug>/", views.declare, name="declare"),
    path(
        "organisations/<int:pk>/software/<slug:slug>/experience/",
        views.experience_new,
        name="experience_new",
    ),
    path("experiences/<int:pk>/", views.experience_detail, name="experience"),
    path("experiences/<int:pk>/edit/", views.experience_edit, name="experience_edit"),
    path(
        "experiences/<int:pk>/withdraw/",
        views.experience_withdraw_view,
        name="experience_withdraw",
    ),
    path("catalogue/<slug:slug>/experiences/", views.experiences, name="experiences"),
    path("catalogue/<slug:slug>/users/", views.software_users, name="users"),
    path("declarations/<int:pk>/contact/", views.contact, name="contact"),
]
