"""One access helper per object: 404 for anything the signed-in user may not see."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import refuse
from forces.models import Force

from .models import Document, Review
from .status import ForceRow, force_row


def get_review(pk: int) -> Review:
    """Inspectors see every review; call only from views guarded by inspector_required."""
    return get_object_or_404(
        Review.objects.select_related("recommendation__report", "recommendation__topic", "lead_signatory"),
        pk=pk,
    )


def get_force_row(review: Review, force: Force) -> ForceRow:
    """The force's row in the review, or 404 when the review did not ask that force."""
    if (row := force_row(review, force)) is None:
        raise Http404("That force is not part of this review.")
    return row


def get_row_for_inspector(review_pk: int, slug: str) -> ForceRow:
    review = get_review(review_pk)
    return get_force_row(review, get_object_or_404(Force, slug=slug))


def get_row_for_liaison_officer(request: Any, review_pk: int) -> ForceRow:
    """A liaison officer's own force's row in a review; any other review is simply not found."""
    review = get_review(review_pk)
    if not review.forces.filter(pk=request.user.force_id).exists():
        refuse(request, f"review {review_pk}")
    return get_force_row(review, request.user.force)


def get_document_for_user(request: Any, pk: int) -> Document:
    document = get_object_or_404(Document.objects.select_related("submission"), pk=pk)
    user = request.user
    if user.is_inspector or (user.is_liaison_officer and document.submission.force_id == user.force_id):
        return document
    refuse(request, f"document {pk}")
