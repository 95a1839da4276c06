"""The service's URLs and one minimal view, for `manage.py bench_cache` only (never in ROOT_URLCONF)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as service_urlpatterns


def minimal(request: HttpRequest) -> HttpResponse:
    """The framework's floor: a view that does nothing, behind the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *service_urlpatterns]
