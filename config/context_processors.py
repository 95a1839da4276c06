"""Template context shared by every page: the service's names and the role's navigation."""

from django.conf import settings
from django.urls import reverse

from accounts.access import may_issue_letters, needs_second_factor


def navigation_for(user):
    """The service navigation items the signed-in role should see, as (label, url) pairs."""
    public_register = "Public register" if user.is_authenticated and user.is_inspector else "Register"
    items = [
        ("Published letters", reverse("publications:letters")),
        (public_register, reverse("publications:register")),
        ("Forces", reverse("forces:list")),
    ]
    if not user.is_authenticated or needs_second_factor(user):
        return items  # staff see their navigation only once past the second factor
    if user.is_inspector:
        items = [
            ("Dashboard", reverse("reviews:dashboard")),
            ("Reports", reverse("inspections:report-list")),
            ("Recommendations", reverse("recommendations:list")),
            ("Register", reverse("recommendations:register-list")),
            ("Section 55", reverse("governance:responses-due")),
            *items,
            ("Reference data", reverse("admin:index")),
        ]
    elif user.is_liaison_officer:
        items = [
            ("Your force's requests", reverse("reviews:liaison-home")),
            ("Your force's recommendations", reverse("recommendations:liaison-register")),
            *items,
        ]
    elif user.is_governance_body:
        items = [("Your responses", reverse("governance:body-home")), *items]
    return items


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "inspectorate_name": settings.INSPECTORATE_NAME,
        "inspectorate_short_name": settings.INSPECTORATE_SHORT_NAME,
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
        "navigation": navigation_for(request.user),
        "may_issue_letters": may_issue_letters(request.user),
    }
