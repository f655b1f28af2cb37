from django.urls import path

from communs.opendata import views

app_name = "opendata"

urlpatterns = [
    path("opendata/", views.index, name="index"),
    path("opendata/files/<path:name>", views.download, name="file"),
]
