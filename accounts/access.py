"""The access policy: roles, the second factor and refusal, for every app. Who may open a page at all;
objects are then scoped by each app's access helpers, which refuse with `refuse`."""

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit

View = Callable[..., HttpResponse]


def needs_second_factor(user: Any) -> bool:
    """Inspectorate staff must have passed the second factor; OTPMiddleware gives users is_verified()."""
    verified = getattr(user, "is_verified", lambda: False)()
    return user.is_authenticated and user.is_inspector and not verified


def second_factor_url(user: Any, next_url: str) -> str:
    """The second factor's page (or its set-up, for someone without an app yet), returning to next_url."""
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    name = "accounts:two-factor" if enrolled else "accounts:two-factor-setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def staff_only(view: View) -> View:
    """Inspectorate staff, before the second factor too: for the second factor's own pages."""

    @wraps(view)
    @login_required
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_inspector:
            audit("access.refused", request, status=403, role=request.user.role)
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def role_required(check: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
            if needs_second_factor(request.user):
                return redirect(second_factor_url(request.user, request.get_full_path()))
            if not check(request.user):
                audit("access.refused", request, status=403, role=request.user.role)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def refuse(request: HttpRequest, what: str) -> NoReturn:
    """Someone asked for something of another force: log it, and say it does not exist (404)."""
    audit("access.refused", request, status=404, object=what)
    raise Http404("Not found.")


inspector_required = role_required(lambda user: user.is_inspector)


def may_issue_letters(user: Any) -> bool:
    """The signatory rule, the one place it is written: signatories issue letters (and resend their emails)."""
    return bool(user.is_authenticated and user.is_signatory)


signatory_required = role_required(may_issue_letters)
liaison_officer_required = role_required(lambda user: user.is_liaison_officer)
governance_body_required = role_required(lambda user: user.is_governance_body)
