"""One access helper per object: 404 for letters the signed-in user may not see."""

from typing import Any

from django.shortcuts import get_object_or_404

from accounts.access import refuse

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
