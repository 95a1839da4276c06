"""The public page cache's front door: first in the middleware, so a stored page costs one cache round trip."""

from collections.abc import Callable
from contextlib import suppress

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from .caching import CACHE_UNREACHABLE, brings_state, page_store, stored_page


class PublicPageCacheMiddleware:
    """Serve an anonymous visitor a stored public page before sessions, auth, CSRF and the rest have run.

    A page is stored here, on its way out, complete with the headers every other middleware added
    (security headers, CSP, Vary, Cache-Control), so serving it early loses nothing. Which pages may be
    stored is the view's decision (publications.caching.public_page); a request with a session or
    messages cookie always goes through the whole stack. Any other cookie (a CSRF token left by a form)
    changes nothing on a stored page, which by rule never uses one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method not in ("GET", "HEAD")
            or brings_state(request)
            or request.path.startswith(settings.STATIC_URL)
        ):
            return self.get_response(request)
        try:
            stored, pending = stored_page(request)
        except CACHE_UNREACHABLE:  # the page is built as if nothing were cached, and not stored
            return self.get_response(request)
        if stored is not None:
            return stored
        if request.method == "GET":  # a HEAD response is stored by nobody: it may come without a body
            request.public_page = pending  # type: ignore[attr-defined]
        response = self.get_response(request)
        if request.method == "GET":
            # The cache may go away while the page is built: the visitor still gets it.
            with suppress(*CACHE_UNREACHABLE):
                page_store(request, response, pending)
        return response
