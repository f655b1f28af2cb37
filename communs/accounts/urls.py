from django.urls import path

from communs.accounts import signin, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("verify/<str:uid>/<str:token>/", views.verify, name="verify"),
    path("verify/resend/", signin.resend_confirmation, name="resend_confirmation"),
    # Served before django.contrib.auth's own, which keeps the name "password_reset".
    path("password_reset/", views.password_reset, name="password_reset"),
]
