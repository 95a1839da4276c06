"""Writes to the catalogue of recommendations."""

from collections.abc import Iterable

from django.db import transaction

from forces.models import Force

from .models import Recommendation


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, forces: Iterable[Force]) -> Recommendation:
    """Add or change a recommendation and the forces it names (when it does not apply to them all)."""
    recommendation.save()
    recommendation.forces.set(forces)
    return recommendation
