"""The API's addresses under /api/v1/: each a public page, cached and marked public like the open data."""

from django.shortcuts import redirect
from django.urls import URLPattern

from .api import api
from .caching import public_page


def api_home(request, **kwargs):
    """ninja's home points to its interactive docs, which are off (they load scripts from a CDN): the
    description itself is the API's documentation. ninja still reverses this address for its paths."""
    return redirect(f"{api.urls_namespace}:openapi-json")


def public_patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        pattern.callback = api_home if pattern.name == "api-root" else public_page(pattern.callback)
    return patterns, app_name, namespace


urls = public_patterns()
