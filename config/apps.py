"""The admin site, made to require the second factor (django-otp) like every inspectorate page."""

from django.contrib.admin.apps import AdminConfig


class OTPAdminConfig(AdminConfig):
    default_site = "django_otp.admin.OTPAdminSite"
