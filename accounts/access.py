"""Role checks for views: who may open a page at all. Objects are scoped by each app's access helpers."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


inspector_required = role_required(lambda user: user.is_inspector)
signatory_required = role_required(lambda user: user.is_signatory)
liaison_officer_required = role_required(lambda user: user.is_liaison_officer)
