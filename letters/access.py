"""One access helper per object: 404 for letters the signed-in user may not see."""

from typing import Any

from django.conf import settings
from django.shortcuts import get_object_or_404

from accounts.access import refuse
from accounts.models import User

from .models import AccuracyCheck, AccuracyComment, AccuracyEvidence, BulkJob, ChaseLetter, Letter


def get_letter_for_inspector(pk: int) -> Letter:
    return get_object_or_404(
        Letter.objects.select_related(
            "force",
            "review__recommendation",
            "review__lead_signatory",
            "replaces",
            "drafted_by",
            "edited_by",
            "approved_by",
            "issued_by",
            "accuracy_check",
        ),
        pk=pk,
    )


def get_issued_letter_for_liaison_officer(request: Any, pk: int) -> Letter:
    """Liaison officers see the letters issued to their own force, never drafts, never another force's."""
    letter = Letter.objects.filter(pk=pk, state=Letter.State.ISSUED).first()
    if letter is None or letter.force_id != request.user.force_id:
        refuse(request, f"letter {pk}")
    return letter


def get_chase_letter_for_inspector(pk: int) -> ChaseLetter:
    return get_object_or_404(
        ChaseLetter.objects.select_related("review__recommendation", "force", "drafted_by", "sent_by"), pk=pk
    )


def get_job_for_inspector(pk: int) -> BulkJob:
    return get_object_or_404(BulkJob.objects.select_related("review"), pk=pk)


def approval_refusal(letter: Letter, by: User) -> str | None:
    """Why `by` may not approve the letter, or None. Also asked by the letter page, to offer only what works."""
    if not by.is_inspector:
        return "Only inspectorate staff approve letters."
    if letter.state != Letter.State.DRAFT:
        return "Only a draft letter can be approved."
    if settings.LETTER_APPROVAL_BY_ANOTHER_USER and letter.last_editor_id == by.pk:
        return (
            "You were the last to edit this letter, so someone else must approve it: "
            "ask another inspector or a signatory to check it."
        )
    return None


def get_check_for_inspector(pk: int) -> AccuracyCheck:
    return get_object_or_404(AccuracyCheck.objects.select_related("letter__force", "letter__review"), pk=pk)


def get_check_for_liaison_officer(request: Any, pk: int) -> AccuracyCheck:
    """A force's liaison officers see the checks of their own force's letters; another force's are not found."""
    check = AccuracyCheck.objects.select_related("letter__force", "letter__review").filter(pk=pk).first()
    if check is None or check.letter.force_id != request.user.force_id:
        refuse(request, f"accuracy check {pk}")
    return check


def get_comment_for_inspector(pk: int) -> AccuracyComment:
    return get_object_or_404(AccuracyComment.objects.select_related("accuracy_check__letter__force", "made_by"), pk=pk)


def get_evidence_for_user(request: Any, pk: int) -> AccuracyEvidence:
    """Inspectors, and the liaison officers of the force that sent it: nobody else, and never the public."""
    evidence = AccuracyEvidence.objects.select_related("comment__accuracy_check__letter").filter(pk=pk).first()
    user = request.user
    if evidence is not None and (
        user.is_inspector
        or (user.is_liaison_officer and evidence.comment.accuracy_check.letter.force_id == user.force_id)
    ):
        return evidence
    refuse(request, f"accuracy evidence {pk}")
