"""The service's home page, and where a user lands after signing in with nowhere else to go."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


def home(request):
    return render(request, "home.html")


@login_required
def landing(request):
    """Staff land on their dashboard, liaison officers on their force's page, anyone else at home."""
    if request.user.is_inspector:
        return redirect("recommendations:dashboard")
    if request.user.is_liaison_officer:
        return redirect("recommendations:liaison-home")
    return redirect("home")
