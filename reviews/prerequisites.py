"""What reviews need first, and where to supply it."""

from django.urls import reverse

from core.prerequisites import Missing

ASSESSMENT_FRAMEWORK_MISSING = "Add the review's elements and outcome categories before assessing forces."


def before_assessing(review) -> Missing | None:
    """Forces are judged on each element and given an outcome: both lists must exist first."""
    if review.elements.exists() and review.outcome_categories.exists():
        return None
    url = reverse("reviews:review-framework", args=[review.pk])
    return Missing(ASSESSMENT_FRAMEWORK_MISSING, "Add the elements and outcome categories", url)
