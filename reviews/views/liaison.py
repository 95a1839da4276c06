"""Liaison officers' pages: their force's requests, the upload form, and their submissions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.access import liaison_officer_required
from core.forms import upload_form_arguments

from ..access import get_row_for_liaison_officer
from ..extensions import LIAISON_PAGE, page_context
from ..forms import DocumentsForm
from ..models import Review
from ..services import AlreadyReceived, submission_upload
from ..status import rows_for_reviews


@liaison_officer_required
def force_home(request):
    force = request.user.force
    reviews = Review.objects.filter(forces=force).select_related("recommendation")
    rows = [rows[0] for rows in rows_for_reviews(reviews, force_ids=[force.pk]).values()]
    rows.sort(key=lambda row: row.deadline)
    context = {
        "force": force,
        "open_rows": [row for row in rows if not row.is_assessed],
        "past_rows": [row for row in rows if row.is_assessed],
    }
    return render(request, "reviews/liaison/force_home.html", context)


@liaison_officer_required
def liaison_review(request, pk):
    row = get_row_for_liaison_officer(request, pk)
    form = DocumentsForm(**upload_form_arguments(request))
    if form.is_bound and form.is_valid():
        try:
            submission = submission_upload(
                review=row.review,
                force=row.force,
                by=request.user,
                documents=form.cleaned_data["documents"],
                covering_note=form.cleaned_data["covering_note"],
                form_token=form.cleaned_data["form_token"],
            )
        except AlreadyReceived:
            messages.info(request, "These documents had already been received: nothing was sent twice.")
            return redirect("reviews:liaison-review", row.review.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = submission.documents.count()
            messages.success(request, f"{count} document{'s'[: count != 1]} received. We have emailed you a receipt.")
            return redirect("reviews:liaison-review", row.review.pk)
    context = {"row": row, "review": row.review, "form": form, **page_context(LIAISON_PAGE, row)}
    return render(request, "reviews/liaison/review.html", context)
