from django.urls import path

from communs.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("verify/<str:uid>/<str:token>/", views.verify, name="verify"),
    # Served before django.contrib.auth's own, which keeps the name "password_reset".
    path("password_reset/", views.password_reset, name="password_reset"),
]
