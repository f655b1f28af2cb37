from django.urls import path

from communs.resources import views

app_name = "resources"

urlpatterns = [
    path("resources/", views.library, name="library"),
    path("resources/<int:pk>/download/", views.download, name="download"),
    path("resources/<int:pk>/useful/", views.useful, name="useful"),
    path("resources/<int:pk>/curate/", views.curate, name="curate"),
    path("catalogue/<slug:slug>/resources/new/", views.new, name="new"),
]
