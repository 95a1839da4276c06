from django.urls import path

from . import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("two-factor/", two_factor.verify, name="two-factor"),
    path("two-factor/set-up/", two_factor.setup, name="two-factor-setup"),
    path("two-factor/set-up/qr-code.svg", two_factor.setup_qr_code, name="two-factor-qr"),
]
