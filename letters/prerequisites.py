"""What a letter needs before it can be drafted or issued, and where to supply it."""

from django.urls import reverse

from core.prerequisites import Missing

from .models import LetterTemplate

TEMPLATE_MISSING = "Write the review's letter template before drafting letters."


def before_drafting(review) -> Missing | None:
    """Letters are composed from the review's template: it must be written first."""
    if LetterTemplate.objects.filter(review=review).exists():
        return None
    return Missing(TEMPLATE_MISSING, "Write the letter template", reverse("letters:template", args=[review.pk]))


def before_issuing(force) -> Missing | None:
    """An issued letter is emailed to the chief officer: the force needs that address first."""
    if force.chief_officer_email:
        return None
    return Missing(
        f"Add the chief officer's email address for {force.name} before issuing.",
        f"Add the email address for {force.name}",
        reverse("admin:forces_force_change", args=[force.pk]),
    )
