"""One access helper per object: 404 for letters the signed-in user may not see."""

from typing import Any

from django.conf import settings
from django.shortcuts import get_object_or_404

from accounts.access import refuse
from accounts.models import User

from .models import BulkJob, Letter


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
        ),
        pk=pk,
    )


def get_issued_letter_for_liaison_officer(request: Any, pk: int) -> Letter:
    """Liaison officers see the letters issued to their own force, never drafts, never another force's."""
    letter = Letter.objects.filter(pk=pk, state=Letter.State.ISSUED).first()
    if letter is None or letter.force_id != request.user.force_id:
        refuse(request, f"letter {pk}")
    return letter


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
