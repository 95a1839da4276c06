"""The sign-in form, laid out with the GOV.UK Design System."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.forms.utils import ErrorDict


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been deactivated. Contact the inspectorate's service team.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        # AuthenticationForm sets max_length without its validator: an absurd username would reach
        # authenticate() and the lockout records, which keep at most 255 characters.
        self.fields["username"].validators.append(
            MaxLengthValidator(150, "Enter a username of 150 characters or fewer")
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own form carries `next`
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.ONE_HALF, autocomplete="username", spellcheck="false"),
            Field.text("password", field_width=Fluid.ONE_HALF),
            Button("submit", "Sign in", data_prevent_double_click="true"),
        )

    def refuse_unchecked(self, message):
        """Show `message` without validating: the password is not even checked, so nothing is counted."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)
