"""Middleware: a cap on request size, no NUL bytes in addresses, and the absolute lifetime of a session."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

from .audit import audit


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BYTES before any of it is read (413)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("The request's length is not a number.", status=400, content_type="text/plain")
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            audit("request.too_large", request, length=length)
            return HttpResponse(
                f"The request is too large: send at most {limit}MB at a time.", status=413, content_type="text/plain"
            )
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path or the query string: no database can store or compare one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        parts = [request.path, *(part for key, values in request.GET.lists() for part in (key, *values))]
        if any("\x00" in part for part in parts):
            raise BadRequest("A NUL byte in the address.")
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Sign out a session SESSION_ABSOLUTE_SECONDS after sign-in, however active it has been.

    The idle timeout is Django's own: SESSION_COOKIE_AGE, renewed on every request.
    """

    KEY = "signed_in_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signed_in_at = request.session.setdefault(self.KEY, time.time())
            if time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                audit("session.expired", request)
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
