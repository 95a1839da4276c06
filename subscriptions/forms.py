"""The subscribe form and the one-button forms that confirm and unsubscribe (a POST: a scanner that
fetches the links in an email does neither)."""

from django import forms

from core.forms import GovukForm


class SubscribeForm(GovukForm, forms.Form):
    submit_label = "Subscribe"
    email = forms.EmailField(
        max_length=254,
        label="Email address",
        help_text="We will send you an email to confirm the address before we send anything else.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ConfirmForm(GovukForm, forms.Form):
    submit_label = "Confirm my subscription"


class UnsubscribeForm(GovukForm, forms.Form):
    submit_label = "Unsubscribe"
