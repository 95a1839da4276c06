"""What a recommendation needs first, and where to supply it."""

from django.urls import reverse

from accounts.models import User
from core.prerequisites import Missing
from inspections.models import InspectionReport
from inspections.prerequisites import before_adding_to_a_topic

NO_SIGNATORY = "A review needs a lead signatory, and no signatory has an account yet: ask an administrator to add one."


def before_adding_a_recommendation() -> Missing | None:
    """A recommendation is made in an inspection report, on a topic."""
    if not InspectionReport.objects.exists():
        url = reverse("inspections:report-create")
        return Missing("Add the inspection report that makes the recommendation first.", "Add a report", url)
    return before_adding_to_a_topic()


def before_opening_a_review() -> Missing | None:
    if User.objects.filter(role=User.Role.SIGNATORY, is_active=True).exists():
        return None
    return Missing(NO_SIGNATORY)
