"""The top layer as an app (its management commands), and the admin site made to require the second
factor (django-otp) like every inspectorate page."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ServiceConfig(AppConfig):
    default = True
    name = "config"
    verbose_name = "Recommendation Tracker"


class OTPAdminConfig(admin_apps.AdminConfig):
    default = False  # named in INSTALLED_APPS for the admin; "config" itself is ServiceConfig
    default_site = "django_otp.admin.OTPAdminSite"
