"""What must come first: pages offer an action only when it can succeed, and otherwise link to what is missing."""

from dataclasses import dataclass

from django.urls import reverse

from accounts.models import User


@dataclass(frozen=True)
class Missing:
    """A prerequisite not yet met: what to do first (also the refusal's wording) and where to do it."""

    message: str
    link_text: str = ""
    url: str = ""


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
