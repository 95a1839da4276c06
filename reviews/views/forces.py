"""Inspector pages for one force in a review: submissions, extension, assessment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.forms import posted, upload_form_arguments
from core.history import history_of
from core.pages import form_page

from ..access import get_row_for_inspector
from ..extensions import FORCE_PAGE, page_context
from ..forms import AssessmentForm, ExtensionForm, LoggedSubmissionForm, UploadReopenForm
from ..models import Assessment, AssessmentJudgement, Document, Extension, Submission, UploadReopening
from ..prerequisites import before_assessing
from ..register import register_proposal
from ..services import (
    AlreadyReceived,
    assessment_change,
    assessment_record,
    extension_grant,
    submission_log,
    uploads_reopen,
)


def row_url(row):
    return reverse("reviews:force-in-review", args=[row.review.pk, row.force.slug])


@inspector_required
def force_in_review(request, pk, slug):
    row = get_row_for_inspector(pk, slug)
    judgements = row.assessment.judgements.select_related("element", "judgement") if row.assessment else []
    context = {
        "row": row,
        "review": row.review,
        "judgements": judgements,
        "history": force_history(row),
        "before_assessing": None if row.assessment else before_assessing(row.review),
        "proposal": register_proposal(row),
        **page_context(FORCE_PAGE, row),
    }
    return render(request, "reviews/force_in_review.html", context)


def force_history(row):
    scope = {"review_id": row.review.pk, "force_id": row.force.pk}
    return history_of(
        Submission.history.filter(**scope),
        Document.history.filter(submission__review_id=row.review.pk, submission__force_id=row.force.pk),
        Extension.history.filter(**scope),
        UploadReopening.history.filter(**scope),
        Assessment.history.filter(**scope),
        AssessmentJudgement.history.filter(assessment__review_id=row.review.pk, assessment__force_id=row.force.pk),
    )


@inspector_required
def submission_log_view(request, pk, slug):
    row = get_row_for_inspector(pk, slug)
    form = LoggedSubmissionForm(review=row.review, **upload_form_arguments(request))
    if form.is_bound and form.is_valid():
        try:
            submission_log(
                review=row.review,
                force=row.force,
                by=request.user,
                received_on=form.cleaned_data["received_on"],
                documents=form.cleaned_data["documents"],
                covering_note=form.cleaned_data["covering_note"],
                form_token=form.cleaned_data["form_token"],
            )
        except AlreadyReceived:
            messages.info(request, "This submission had already been logged: nothing was logged twice.")
            return redirect(row_url(row))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Submission from {row.force.name} logged")
            return redirect(row_url(row))
    return form_page(
        request,
        form,
        title="Log a submission received by email",
        caption=row.force.name,
        back_url=row_url(row),
    )


@inspector_required
def extension_view(request, pk, slug):
    row = get_row_for_inspector(pk, slug)
    initial = {"new_deadline": row.extension.new_deadline, "reason": row.extension.reason} if row.extension else None
    form = ExtensionForm(posted(request), review=row.review, initial=initial)
    if request.method == "POST" and form.is_valid():
        extension = extension_grant(review=row.review, force=row.force, by=request.user, **form.cleaned_data)
        messages.success(request, f"{row.force.name} may now submit until {extension.new_deadline:%-d %B %Y}")
        return redirect(row_url(row))
    return form_page(request, form, title="Grant an extension", caption=row.force.name, back_url=row_url(row))


@inspector_required
def uploads_reopen_view(request, pk, slug):
    row = get_row_for_inspector(pk, slug)
    if row.issued_letter is None:
        messages.info(request, f"{row.force.name} has no issued letter: its uploads are not closed.")
        return redirect(row_url(row))
    form = UploadReopenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            reopening = uploads_reopen(review=row.review, force=row.force, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{row.force.name} may upload again until {reopening.until:%-d %B %Y}")
            return redirect(row_url(row))
    intro = (
        f"Uploads closed when the letter to {row.force.name} was issued on "
        f"{row.issued_letter.letter_date:%-d %B %Y}. Reopening them lets its liaison officers send documents "
        "again until the day you choose."
    )
    return form_page(request, form, title="Reopen uploads", caption=row.force.name, back_url=row_url(row), intro=intro)


def assessment_saved_message(row):
    if row.letter is not None and row.letter.is_editable:
        return f"Assessment of {row.force.name} saved. The draft letter keeps its text: edit it to match."
    return f"Assessment of {row.force.name} saved"


@inspector_required
def assessment_view(request, pk, slug):
    row = get_row_for_inspector(pk, slug)
    if row.assessment_locked:
        return render(request, "reviews/assessment_locked.html", {"row": row, "review": row.review})
    if missing := before_assessing(row.review):
        messages.info(request, missing.message)
        return redirect("reviews:review-framework", row.review.pk)
    form = AssessmentForm(posted(request), review=row.review, assessment=row.assessment)
    if request.method == "POST" and form.is_valid():
        fields = {
            "outcome": form.cleaned_data["outcome"],
            "judgements": form.judgements(),
            "qualifier": form.qualifier(),
            "notes": form.cleaned_data["notes"],
            "by": request.user,
        }
        try:
            if row.assessment:
                assessment_change(assessment=row.assessment, **fields)
            else:
                assessment_record(review=row.review, force=row.force, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, assessment_saved_message(row))
            return redirect(row_url(row))
    return form_page(request, form, title="Assess the force's plans", caption=row.force.name, back_url=row_url(row))
