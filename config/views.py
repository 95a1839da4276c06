"""The home page, where a user lands after signing in with nowhere else to go, and the admin's sign-in."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import needs_second_factor


def home(request):
    return render(request, "home.html")


@login_required
def landing(request):
    """Staff land on their dashboard, liaison officers on their force's page, governance bodies on their
    responses, anyone else at home."""
    if request.user.is_inspector:
        return redirect("reviews:dashboard")
    if request.user.is_liaison_officer:
        return redirect("reviews:liaison-home")
    if request.user.is_governance_body:
        return redirect("governance:body-home")
    return redirect("home")


def admin_sign_in(request):
    """The admin signs in through the service's sign-in page, with its wait between tries, its lockout and
    its second factor, never a form of its own. Signed-in users the admin is not for are refused here."""
    if request.user.is_authenticated and not request.user.is_inspector:
        raise PermissionDenied
    if request.user.is_authenticated and not needs_second_factor(request.user):
        return redirect("admin:index")
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('accounts:sign-in')}?{query}")
