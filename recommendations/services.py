"""Writes to the catalogue of recommendations and to the register of their status at each force."""

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from core.documents import CheckedDocument, store_documents
from core.history import AuditedQuerySet
from forces.models import Force

from .models import (
    CLOSURES,
    OUTCOMES,
    Action,
    Evidence,
    ForceResponse,
    ProgressUpdate,
    Recommendation,
    RecommendationLink,
    RegisterEntry,
    RegisterStatus,
    StatusChange,
    TargetRevision,
)
from .register import open_deadline

logger = logging.getLogger(__name__)


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, forces: Iterable[Force]) -> Recommendation:
    """Add or change a recommendation and the forces it names (when it does not apply to them all);
    the register gains an entry at each force it now applies to."""
    recommendation.save()
    recommendation.forces.set(forces)
    entries_sync(recommendation)
    return recommendation


@transaction.atomic
def recommendations_import(*, new: Iterable[tuple[Recommendation, Iterable[Force]]]) -> list[Recommendation]:
    """Add the recommendations of an imported file, each as the form would: all of them, or none."""
    return [recommendation_save(recommendation=recommendation, forces=forces) for recommendation, forces in new]


def entries_sync(recommendation: Recommendation) -> None:
    """One register entry per force the recommendation applies to. A force it no longer applies to
    loses its entry but never its history."""
    applicable = set(recommendation.applicable_forces().values_list("pk", flat=True))
    existing = set(recommendation.entries.values_list("force_id", flat=True))
    recommendation.entries.exclude(force_id__in=applicable).delete()
    for force_id in sorted(applicable - existing):
        entry_write(recommendation, Force(pk=force_id))
    open_deadlines_refresh(Recommendation.objects.filter(pk=recommendation.pk))


def entry_refresh(recommendation: Recommendation, force: Force) -> RegisterEntry:
    """Rewrite the entry from the history it summarises, and when the recommendation is first overdue.
    Every write to the register ends here, so neither disagrees with the history."""
    entry = entry_write(recommendation, force)
    open_deadlines_refresh(Recommendation.objects.filter(pk=recommendation.pk))
    return entry


def entry_write(recommendation: Recommendation, force: Force) -> RegisterEntry:
    """The entry from its history: the latest status, response, target dates and claims. The entry is
    locked first: a write made at the same moment waits, then reads this one's history too."""
    RegisterEntry.objects.select_for_update().filter(recommendation=recommendation, force=force).first()
    latest = StatusChange.objects.filter(recommendation=recommendation, force=force).last()
    response = ForceResponse.objects.filter(recommendation=recommendation, force=force).last()
    actions = Action.objects.filter(recommendation=recommendation, force=force)
    claims = ProgressUpdate.objects.filter(recommendation=recommendation, force=force, claims_completion=True)
    verified = claims.filter(decision=ProgressUpdate.Decision.VERIFIED).last()
    last_claim = claims.last()
    entry, _ = RegisterEntry.objects.update_or_create(
        recommendation=recommendation,
        force=force,
        defaults={
            "status": latest.status if latest else RegisterStatus.AWAITING_RESPONSE,
            "status_since": latest.changed_on if latest else None,
            "response": response.position if response else "",
            "target_date": actions.aggregate(latest=Max("target_date"))["latest"],
            "target_revisions": TargetRevision.objects.filter(action__in=actions).count(),
            "claim_awaiting": claims.filter(decision=ProgressUpdate.Decision.AWAITING).exists(),
            "claimed_on": timezone.localdate(last_claim.written_at) if last_claim else None,
            "verified_on": timezone.localdate(verified.decided_at) if verified and verified.decided_at else None,
        },
    )
    return entry


def open_deadlines_refresh(recommendations: AuditedQuerySet) -> None:
    """Work out again when each recommendation is first overdue somewhere, from its entries. The rows are
    locked first, after the entries: a write at the same moment to another of its entries waits, then
    works it out again with this one's entry in view."""
    list(recommendations.select_for_update().values_list("pk", flat=True))
    recommendations.update_unrecorded(open_deadline=open_deadline())


@transaction.atomic
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
    internal_note: str = "",
    successor: Recommendation | None = None,
) -> StatusChange:
    """Record a change of the recommendation's status at the force, checked as the register's rules say:
    a reason always; a closure needs a written basis and an authorising inspector; a verified completion
    names its evidence. Only inspectorate staff change the register."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff change the register.")
    if not recommendation.applicable_forces().filter(pk=force.pk).exists():
        raise ValidationError(f"Recommendation {recommendation.reference} does not apply to {force.name}.")
    problems = status_change_problems(status, reason, basis, authorised_by, evidence, changed_on)
    if status == RegisterStatus.CLOSED_SUPERSEDED and (successor is None or successor.pk == recommendation.pk):
        problems.append("Name the recommendation that supersedes it")
    if problems:
        raise ValidationError(problems)
    change = StatusChange.objects.create(
        recommendation=recommendation,
        force=force,
        status=status,
        changed_on=changed_on,
        reason=reason.strip(),
        basis=basis.strip(),
        authorised_by=authorised_by if status in CLOSURES else None,
        evidence=evidence.strip(),
        internal_note=internal_note.strip(),
        recorded_by=by,
    )
    if status == RegisterStatus.CLOSED_SUPERSEDED and successor is not None:
        link_add(earlier=recommendation, later=successor, kind=RecommendationLink.Kind.SUPERSEDED_BY, by=by)
    entry_refresh(recommendation, force)
    return change


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


def link_add(
    *, earlier: Recommendation, later: Recommendation, kind: str, by: User, note: str = ""
) -> RecommendationLink:
    """Link two recommendations across reports; a link already there is kept as it is."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff link recommendations.")
    if earlier.pk == later.pk:
        raise ValidationError("A recommendation cannot be linked to itself")
    link, _ = RecommendationLink.objects.get_or_create(
        earlier=earlier, later=later, kind=kind, defaults={"added_by": by, "note": note.strip()}
    )
    return link


# The force's side. A liaison officer writes only for their own force; the register entry follows.


def check_force_side(by: User, force: Force, recommendation: Recommendation) -> None:
    if not (by.is_liaison_officer and by.force_id == force.pk):
        raise PermissionDenied("Only the force's liaison officer writes the force's side of the register.")
    if not recommendation.entries.filter(force=force).exists():
        raise ValidationError(f"Recommendation {recommendation.reference} does not apply to {force.name}.")


@transaction.atomic
def force_response_record(
    *, recommendation: Recommendation, force: Force, position: str, reasons: str, by: User
) -> ForceResponse:
    """The force's response. Its first response moves a recommendation awaiting one to being progressed."""
    check_force_side(by, force, recommendation)
    if position != ForceResponse.Position.AGREED and not reasons.strip():
        raise ValidationError("Give the force's reasons for not agreeing in full")
    response = ForceResponse.objects.create(
        recommendation=recommendation, force=force, position=position, reasons=reasons.strip(), recorded_by=by
    )
    entry = entry_refresh(recommendation, force)
    if entry.status == RegisterStatus.AWAITING_RESPONSE:
        record(
            recommendation,
            force,
            RegisterStatus.BEING_PROGRESSED,
            f"The force responded: {response.get_position_display().lower()}.",
            by,
        )
    return response


@transaction.atomic
def action_add(
    *, recommendation: Recommendation, force: Force, description: str, owner: str, target_date: datetime.date, by: User
) -> Action:
    check_force_side(by, force, recommendation)
    action = Action.objects.create(
        recommendation=recommendation,
        force=force,
        description=description.strip(),
        owner=owner.strip(),
        original_target_date=target_date,
        target_date=target_date,
        added_by=by,
    )
    entry_refresh(recommendation, force)
    return action


@transaction.atomic
def target_revise(*, action: Action, new_date: datetime.date, reason: str, by: User) -> TargetRevision:
    """Move an action's target date. The original stays, and so does every revision with its reason."""
    check_force_side(by, action.force, action.recommendation)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not reason.strip():
        raise ValidationError("Give the reason the target date moves")
    if new_date == action.target_date:
        raise ValidationError("The new target date is the same as the current one")
    revision = TargetRevision.objects.create(
        action=action, previous_date=action.target_date, new_date=new_date, reason=reason.strip(), revised_by=by
    )
    action.target_date = new_date
    action.save(update_fields=["target_date"])
    entry_refresh(action.recommendation, action.force)
    return revision


@transaction.atomic
def progress_update_add(
    *,
    recommendation: Recommendation,
    force: Force,
    text: str,
    documents: Iterable[CheckedDocument],
    claims_completion: bool,
    by: User,
) -> ProgressUpdate:
    """A progress update with its evidence. One that claims completion is recorded on the register as
    "force reports complete" and waits for an inspector, with its evidence, before it counts as done."""
    check_force_side(by, force, recommendation)
    entry = RegisterEntry.objects.select_for_update().get(recommendation=recommendation, force=force)
    if claims_completion and (entry.claim_awaiting or entry.status in OUTCOMES):
        raise ValidationError("The force's completion cannot be claimed now: " + claim_refusal(entry))
    update = ProgressUpdate.objects.create(
        recommendation=recommendation,
        force=force,
        text=text.strip(),
        claims_completion=claims_completion,
        decision=ProgressUpdate.Decision.AWAITING if claims_completion else "",
        written_by=by,
    )
    try:
        store_documents(documents, lambda checked: Evidence(update=update))
    except OSError as error:  # a full disk, say: the rollback removes the update, and no file is left
        logger.exception("Evidence from %s could not be stored", force.name)
        reason = error.strerror or "storage error"
        raise ValidationError(
            f"The service could not store the evidence just now ({reason}), so nothing was sent. "
            "Choose the files again and send them later."
        ) from error
    if claims_completion:
        record(
            recommendation,
            force,
            RegisterStatus.FORCE_REPORTS_COMPLETE,
            "The force reported the recommendation complete.",
            by,
        )
    else:
        entry_refresh(recommendation, force)
    return update


def claim_refusal(entry: RegisterEntry) -> str:
    if entry.claim_awaiting:
        return "an earlier claim is awaiting verification"
    return f"the recommendation is already {entry.get_status_display().lower()}"


@transaction.atomic
def claim_decide(*, update: ProgressUpdate, verified: bool, reason: str, by: User) -> StatusChange:
    """An inspector verifies the force's claim (the recommendation is complete, with the claim and its
    evidence as the evidence) or returns it with reasons (it is being progressed again)."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff verify a force's claim.")
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if not update.is_awaiting:
        raise ValidationError("This claim has already been decided")
    if not reason.strip():
        raise ValidationError("Give the reasons for your decision: the force sees them")
    update.decision = ProgressUpdate.Decision.VERIFIED if verified else ProgressUpdate.Decision.RETURNED
    update.decision_reason, update.decided_by, update.decided_at = reason.strip(), by, timezone.now()
    update.save(update_fields=["decision", "decision_reason", "decided_by", "decided_at"])
    if verified:
        return record(
            update.recommendation,
            update.force,
            RegisterStatus.COMPLETE_VERIFIED,
            reason,
            by,
            evidence=claim_evidence(update),
        )
    return record(
        update.recommendation, update.force, RegisterStatus.BEING_PROGRESSED, f"Claim returned: {reason.strip()}", by
    )


def claim_evidence(update: ProgressUpdate) -> str:
    """What verified the completion: the force's claim and how many documents came with it (their names
    are on the claim itself, for staff and the force)."""
    claimed = f"The force's claim of {timezone.localdate(update.written_at):%-d %B %Y}"
    count = update.evidence.count()
    if not count:
        return claimed
    return f"{claimed} and the {count} document{'s' if count != 1 else ''} sent with it"


def record(
    recommendation: Recommendation, force: Force, status: str, reason: str, by: User, evidence: str = ""
) -> StatusChange:
    """A status change that follows from the force's side or a decision on it, dated today."""
    change = StatusChange.objects.create(
        recommendation=recommendation,
        force=force,
        status=status,
        changed_on=timezone.localdate(),
        reason=reason.strip(),
        evidence=evidence,
        recorded_by=by,
    )
    entry_refresh(recommendation, force)
    return change
