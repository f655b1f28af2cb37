from django.urls import path

from communs.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("verify/<str:uid>/<str:token>/", views.verify, name="verify"),
]
