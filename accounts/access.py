"""Role checks for views: who may open a page at all. Objects are scoped by each app's access helpers."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from core.audit import audit

from .two_factor import needs_second_factor, second_factor_url


def role_required(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if needs_second_factor(request.user):
                return redirect(second_factor_url(request.user, request.get_full_path()))
            if not check(request.user):
                audit("access.refused", request, status=403, role=request.user.role)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


inspector_required = role_required(lambda user: user.is_inspector)
signatory_required = role_required(lambda user: user.is_signatory)
liaison_officer_required = role_required(lambda user: user.is_liaison_officer)
