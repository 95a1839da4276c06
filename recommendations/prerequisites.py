"""What reviews and recommendations need first, and where to supply it."""

from django.urls import reverse

from accounts.models import User
from core.prerequisites import Missing
from inspections.models import InspectionReport
from inspections.prerequisites import before_adding_to_a_topic

ASSESSMENT_FRAMEWORK_MISSING = "Add the review's elements and outcome categories before assessing forces."
NO_SIGNATORY = "A review needs a lead signatory, and no signatory has an account yet: ask an administrator to add one."


def before_assessing(review) -> Missing | None:
    """Forces are judged on each element and given an outcome: both lists must exist first."""
    if review.elements.exists() and review.outcome_categories.exists():
        return None
    url = reverse("recommendations:review-framework", args=[review.pk])
    return Missing(ASSESSMENT_FRAMEWORK_MISSING, "Add the elements and outcome categories", url)


def before_opening_a_review() -> Missing | None:
    if User.objects.filter(role=User.Role.SIGNATORY, is_active=True).exists():
        return None
    return Missing(NO_SIGNATORY)


def before_adding_a_recommendation() -> Missing | None:
    """A recommendation is made in an inspection report, on a topic."""
    if not InspectionReport.objects.exists():
        url = reverse("inspections:report-create")
        return Missing("Add the inspection report that makes the recommendation first.", "Add a report", url)
    return before_adding_to_a_topic()
