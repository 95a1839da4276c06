"""Sending a failed email again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.access import signatory_required

from .access import get_delivery_for_staff
from .services import delivery_resend


@require_POST
@signatory_required
def delivery_resend_view(request, pk):
    delivery = get_delivery_for_staff(pk)
    try:
        delivery_resend(delivery=delivery, by=request.user)
        messages.success(request, f"The email to {', '.join(delivery.to)} is queued to be sent again")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back_url(request, delivery))


def back_url(request, delivery):
    """Back to the page the button was on, or else to the page of what the email is about."""
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    about = delivery.about
    return about.get_absolute_url() if hasattr(about, "get_absolute_url") else "home"
