"""Deployment check: email that is written to files instead of sent is reported."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


@register(Tags.security, deploy=True)
def email_is_sent(app_configs, **kwargs):
    if settings.EMAIL_BACKEND != FILE_BACKEND:
        return []
    return [
        Warning(
            f"Email is written to files in {settings.EMAIL_FILE_PATH}, not sent: letters and receipts reach nobody.",
            hint="Set EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) and unset EMAIL_TO_FILES.",
            id="outbox.W001",
        )
    ]
