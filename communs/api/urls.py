from django.urls import path

from communs.api.views import api

urlpatterns = [path("api/v1/", api.urls)]
