"""Writes to the catalogue of recommendations and to the register of their status at each force."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forces.models import Force

from .models import CLOSURES, Recommendation, RegisterStatus, StatusChange


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, forces: Iterable[Force]) -> Recommendation:
    """Add or change a recommendation and the forces it names (when it does not apply to them all)."""
    recommendation.save()
    recommendation.forces.set(forces)
    return recommendation


@transaction.atomic
def recommendations_import(*, new: Iterable[tuple[Recommendation, Iterable[Force]]]) -> list[Recommendation]:
    """Add the recommendations of an imported file, each as the form would: all of them, or none."""
    return [recommendation_save(recommendation=recommendation, forces=forces) for recommendation, forces in new]


def status_change(
    *,
    recommendation: Recommendation,
    force: Force,
    status: str,
    changed_on: datetime.date,
    reason: str,
    by: User,
    basis: str = "",
    authorised_by: User | None = None,
    evidence: str = "",
) -> StatusChange:
    """Record a change of the recommendation's status at the force, checked as the register's rules say:
    a reason always; a closure needs a written basis and an authorising inspector; a verified completion
    names its evidence. Only inspectorate staff change the register."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff change the register.")
    if not recommendation.applicable_forces().filter(pk=force.pk).exists():
        raise ValidationError(f"Recommendation {recommendation.reference} does not apply to {force.name}.")
    problems = status_change_problems(status, reason, basis, authorised_by, evidence, changed_on)
    if problems:
        raise ValidationError(problems)
    return StatusChange.objects.create(
        recommendation=recommendation,
        force=force,
        status=status,
        changed_on=changed_on,
        reason=reason.strip(),
        basis=basis.strip(),
        authorised_by=authorised_by if status in CLOSURES else None,
        evidence=evidence.strip(),
        recorded_by=by,
    )


def status_change_problems(
    status: str, reason: str, basis: str, authorised_by: User | None, evidence: str, changed_on: datetime.date
) -> list[str]:
    problems = []
    if not reason.strip():
        problems.append("Give the reason for the change: it is shown on the timeline")
    if status in CLOSURES and not basis.strip():
        problems.append("Give the basis on which the recommendation is closed")
    if status in CLOSURES and (authorised_by is None or not authorised_by.is_inspector):
        problems.append("Name the inspector who authorises the closure")
    if status == RegisterStatus.COMPLETE_VERIFIED and not evidence.strip():
        problems.append("Name the evidence that shows the recommendation is complete")
    if changed_on > timezone.localdate():
        problems.append("The date of the change cannot be in the future")
    return problems
