"""Signing in and out."""

from typing import cast

from django.contrib.auth import views as auth_views

from core.addresses import client_address
from core.audit import audit

from .access import needs_second_factor, second_factor_url
from .forms import SignInForm
from .throttle import seconds_to_wait


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        """After repeated failures the next attempt waits, growing with each failure, unchecked (429)."""
        wait = seconds_to_wait(request.POST.get("username", ""), client_address(request))
        if not wait:
            return super().post(request, *args, **kwargs)
        audit("auth.sign_in_delayed", request, seconds=wait)
        form = cast(SignInForm, self.get_form())
        form.refuse_unchecked(f"Too many failed attempts: wait {wait} second{'s' if wait != 1 else ''} and try again.")
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(wait)
        return response

    def get_success_url(self):
        """Inspectorate staff go on to their second factor before anything else."""
        url = super().get_success_url()
        return second_factor_url(self.request.user, url) if needs_second_factor(self.request.user) else url


class SignOutView(auth_views.LogoutView):
    pass
