"""Signing in and out."""

from django.contrib.auth import views as auth_views

from .forms import SignInForm
from .two_factor import needs_second_factor, second_factor_url


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        """Inspectorate staff go on to their second factor before anything else."""
        url = super().get_success_url()
        return second_factor_url(self.request.user, url) if needs_second_factor(self.request.user) else url


class SignOutView(auth_views.LogoutView):
    pass
