"""The service's URLs: public pages, sign-in, role pages and the admin for reference data."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from publications.api_urls import urls as publications_api_urls

from . import views

admin.site.site_header = "Recommendation Tracker reference data"
admin.site.site_title = "Reference data"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("account/landing/", views.landing, name="landing"),
    path("account/", include("accounts.urls")),
    path("", include("outbox.urls")),
    path("forces/", include("publications.force_urls")),
    path("manage/", include("inspections.urls")),
    path("", include("recommendations.urls")),
    path("", include("governance.urls")),
    path("", include("reviews.urls")),
    path("", include("letters.urls")),
    path("", include("publications.urls")),
    path("", include("subscriptions.urls")),
    path("api/v1/", publications_api_urls),
    path("admin/login/", views.admin_sign_in, name="admin-sign-in"),  # before the admin's own sign-in page
    path("admin/", admin.site.urls),
]
