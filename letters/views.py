"""Inspector and signatory pages for letters; liaison officers' download of their force's letters."""

import dataclasses

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import inspector_required, liaison_officer_required, signatory_required
from core.files import without_files
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page
from core.responses import pdf_response, stored_file_response
from forces.models import Force
from outbox.models import Delivery
from reviews.access import get_force_row, get_review
from reviews.models import ElementJudgement, OutcomeCategory
from reviews.status import deadline_for, review_rows

from .access import (
    approval_refusal,
    get_issued_letter_for_liaison_officer,
    get_job_for_inspector,
    get_letter_for_inspector,
)
from .accuracy import accuracy_refusal
from .accuracy_forms import AccuracyRuleForm
from .compose import letter_sources
from .extensions import letter_histories
from .forms import (
    GroupedSentencesForm,
    JudgementSentenceForm,
    LetterEditForm,
    LetterTemplateForm,
    OutcomeParagraphForm,
    shared_labels,
)
from .jobs import NOTHING_TO_DO, job_remaining, start_job
from .limits import LETTER_CHARACTERS
from .models import AccuracyCheckRule, BulkJob, Letter, LetterTemplate
from .pdf import render_pdf
from .pdf_engine import PdfNotMade
from .placeholders import GROUPED_PLACEHOLDER, PLACEHOLDERS
from .prerequisites import before_issuing
from .presentation import letter_view
from .services import (
    grouped_sentences_save,
    issue_refusal,
    letter_approve,
    letter_correct,
    letter_draft,
    letter_edit,
    letter_issue,
    letter_text_save,
    template_save,
)


def show_refusal(request, error):
    messages.error(request, " ".join(error.messages))


TEMPLATE_SAVED_ELSEWHERE = (
    "Another inspector saved a letter template for this review at the same moment, so yours was not saved. "
    "Save again to replace theirs with yours, or open the template again to see theirs."
)


@inspector_required
def template_edit(request, pk):
    review = get_review(pk)
    template = LetterTemplate.objects.filter(review=review).first() or LetterTemplate(review=review)
    form = LetterTemplateForm(posted(request), instance=template)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_unless_taken(form, lambda: template_save(template=form.instance), TEMPLATE_SAVED_ELSEWHERE)
    ):
        messages.success(request, "Letter template saved")
        return redirect("letters:template", review.pk)
    context = {
        "review": review,
        "form": form,
        "placeholders": PLACEHOLDERS,
        "elements": review.elements.prefetch_related("judgements"),
        "outcomes": review.outcome_categories.all(),
        "grouped_sentences": grouped_sentences(review),
        "accuracy_form": accuracy_rule_form(review),
    }
    return render(request, "letters/template_edit.html", context)


def grouped_sentences(review):
    """Each judgement label several elements share, with the sentence said once for them ('' for none)."""
    current = {grouped.label: grouped.letter_sentence for grouped in review.grouped_sentences.all()}
    return [(label, current.get(label, "")) for label in shared_labels(review)]


def accuracy_rule_form(review):
    rule = AccuracyCheckRule.objects.filter(review=review).first()
    return AccuracyRuleForm(
        initial={"enabled": bool(rule and rule.enabled), "working_days": rule.working_days if rule else 10}
    )


@inspector_required
def sentence_edit(request, pk):
    judgement = get_object_or_404(ElementJudgement.objects.select_related("element__review"), pk=pk)
    form = JudgementSentenceForm(posted(request), instance=judgement)
    review = judgement.element.review
    if request.method == "POST" and form.is_valid():
        letter_text_save(part=form.instance)
        messages.success(request, f"Sentence saved for ‘{judgement.label}’")
        return redirect("letters:template", review.pk)
    title = f"Sentence for ‘{judgement.label}’"
    return form_page(request, form, title=title, caption=judgement.element.name, back_url=template_url(review))


@inspector_required
def paragraph_edit(request, pk):
    outcome = get_object_or_404(OutcomeCategory.objects.select_related("review"), pk=pk)
    form = OutcomeParagraphForm(posted(request), instance=outcome)
    if request.method == "POST" and form.is_valid():
        letter_text_save(part=form.instance)
        messages.success(request, f"Paragraph saved for ‘{outcome.name}’")
        return redirect("letters:template", outcome.review.pk)
    title = f"Paragraph for ‘{outcome.name}’"
    return form_page(request, form, title=title, caption="Outcome category", back_url=template_url(outcome.review))


@inspector_required
def grouped_sentences_edit(request, pk):
    review = get_review(pk)
    form = GroupedSentencesForm(posted(request), review=review)
    if request.method == "POST" and form.is_valid():
        grouped_sentences_save(review=review, sentences=form.sentences())
        messages.success(request, "Grouped sentences saved")
        return redirect("letters:template", review.pk)
    intro = (
        f"When two or more elements of a force's assessment share a judgement, the letter can say one sentence "
        f"for them all, at the place of the first. Write ${GROUPED_PLACEHOLDER} where it names them: the "
        "elements' phrases in their order, as 'A and B' or 'A, B and C'. An element without a phrase says its "
        "own sentence."
    )
    if not form.labels:
        intro = "No judgement is allowed for more than one element of this review, so there is nothing to group."
    return form_page(
        request, form, title="Grouped sentences", caption=review.title, back_url=template_url(review), intro=intro
    )


def template_url(review):
    return reverse("letters:template", args=[review.pk])


@require_POST
@inspector_required
def letter_create(request, pk, slug):
    row = get_force_row(get_review(pk), get_object_or_404(Force, slug=slug))
    try:
        letter = letter_draft(review=row.review, force=row.force, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("reviews:force-in-review", pk, slug)
    messages.success(request, f"Letter drafted for {row.force.name}")
    return redirect(letter)


@inspector_required
def letter_detail(request, pk):
    letter = get_letter_for_inspector(pk)
    versions = without_files(Letter.objects.filter(assessment_id=letter.assessment_id)).order_by("version")
    history = history_of(
        Letter.history.filter(assessment_id=letter.assessment_id),
        *letter_histories(letter),
    )
    context = {
        "letter": letter,
        "view": letter_view(letter),
        "versions": versions,
        "history": history,
        "approval_refusal": approval_refusal(letter, request.user) if letter.state == Letter.State.DRAFT else None,
        "before_issuing": before_issuing(letter.force) if letter.state == Letter.State.APPROVED else None,
        "accuracy_refusal": accuracy_refusal(letter) if letter.state == Letter.State.APPROVED else None,
        "deliveries": without_files(Delivery.objects.about(letter)).select_related("resent_by"),
    }
    return render(request, "letters/letter_detail.html", context)


@inspector_required
def letter_edit_view(request, pk):
    letter = get_letter_for_inspector(pk)
    if not letter.is_editable:
        messages.error(request, "An issued letter cannot be changed. Make a corrected version instead.")
        return redirect(letter)
    initial = {"heading": letter.heading, "body": letter.body, "letter_date": letter.letter_date}
    form = LetterEditForm(posted(request), letter=letter, initial=initial)
    if request.method == "POST" and form.is_valid():
        letter_edit(letter=letter, by=request.user, **form.cleaned_data)
        messages.success(request, "Draft saved")
        return redirect(letter)
    body = form.data.get("body", letter.body) if form.is_bound else letter.body
    context = {
        "letter": letter,
        "form": form,
        "preview": preview_view(letter, body),
        "sources": letter_sources(letter, body, deadline_for(letter.review, letter.force)),
        "approval_by_another_user": settings.LETTER_APPROVAL_BY_ANOTHER_USER,
    }
    return render(request, "letters/letter_edit.html", context)


def preview_view(letter, body):
    return dataclasses.replace(letter_view(letter), body=body)


@require_POST
@inspector_required
def letter_preview(request, pk):
    """The live preview: the edited text rendered exactly as the letter will render it."""
    letter = get_letter_for_inspector(pk)
    view = preview_view(letter, request.POST.get("body", "")[:LETTER_CHARACTERS])
    return HttpResponse(render_to_string("letters/includes/letter_body.html", {"view": view}))


@inspector_required
def letter_pdf(request, pk):
    """Issued: the stored bytes, never rendered again. Otherwise a preview rendered from the draft."""
    letter = get_letter_for_inspector(pk)
    if letter.is_issued:
        return stored_file_response(request, letter.pdf, sha256=letter.pdf_sha256, filename=letter.filename)
    try:
        preview = render_pdf({"letter": letter_view(letter)})
    except PdfNotMade as error:
        show_refusal(request, error)
        return redirect(letter)
    return pdf_response(preview, letter.filename, inline=True)


@require_POST
@inspector_required
def letter_approve_view(request, pk):
    letter = get_letter_for_inspector(pk)
    try:
        letter_approve(letter=letter, by=request.user)
        messages.success(request, "Letter approved: a signatory can now issue it")
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(letter)


@signatory_required
def letter_issue_view(request, pk):
    """GET: what issuing will do (to, copy, version, date), and that it cannot be undone. POST: issue."""
    letter = get_letter_for_inspector(pk)
    if letter.is_issued:
        messages.info(request, "This letter has already been issued.")
        return redirect(letter)
    if refusal := issue_refusal(letter):
        messages.error(request, refusal)
        return redirect(letter)
    if request.method == "POST":
        if request.POST.get("letter") != confirmation_token(letter):
            messages.error(request, "The letter changed after you opened this page. Check it and confirm again.")
            return redirect("letters:issue", letter.pk)
        try:
            letter = letter_issue(letter=letter, by=request.user)
        except ValidationError as error:
            show_refusal(request, error)
            return redirect(letter)
        messages.success(request, f"Letter issued. Its email to {letter.sent_to} is queued: see below when it has gone")
        return redirect(letter)
    context = {"letter": letter, "issue": issue_facts(letter, request.user)}
    return render(request, "letters/issue_confirm.html", context)


def confirmation_token(letter):
    """Names the letter as approved when the confirmation page showed it: an edit and a new approval since
    (another date, other text) make a different token, so nothing is issued that the signatory did not see."""
    return f"{letter.pk}@{letter.approved_at.isoformat()}"


def issue_facts(letter, signatory):
    """What issuing the letter now would send, to whom, dated when, signed by whom (or why it would not)."""
    force = letter.force
    return {
        "letter": letter,
        "token": confirmation_token(letter),
        "force": force,
        "refusal": issue_refusal(letter),
        "to": force.chief_officer_email,
        "copy": force.governance_email,
        "letter_date": letter.letter_date or timezone.localdate(),
        "date_chosen": letter.letter_date is not None,
        "signatory": signatory.signatory_name,
    }


@signatory_required
def issue_all_view(request, pk):
    """GET: every approved letter that will be issued, and that it cannot be undone. POST: issue exactly
    those, in the background; if the list (or a letter in it) changed in between, show it again."""
    review = get_review(pk)
    rows = [row for row in review_rows(review) if row.letter and row.letter.state == Letter.State.APPROVED]
    if request.method == "POST" and not rows:
        messages.error(request, NOTHING_TO_DO[BulkJob.Kind.ISSUE])
        return redirect(review)
    if request.method == "POST":
        confirmed = set(request.POST.getlist("letter"))
        if confirmed and confirmed == {confirmation_token(row.letter) for row in rows}:
            try:
                job = start_job(review=review, kind=BulkJob.Kind.ISSUE, by=request.user)
            except ValidationError as error:
                show_refusal(request, error)
                return redirect(review)
            return redirect("letters:job", job.pk)
        messages.error(
            request, "The letters ready to issue changed after you opened this page. Check the list and confirm again."
        )
        return redirect("letters:issue-all", review.pk)
    for row in rows:
        row.letter.force = row.force  # already loaded with the row: no query per letter
    context = {"review": review, "letters": [issue_facts(row.letter, request.user) for row in rows]}
    return render(request, "letters/issue_all_confirm.html", context)


@require_POST
@inspector_required
def letter_correct_view(request, pk):
    letter = get_letter_for_inspector(pk)
    try:
        correction = letter_correct(letter=letter, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(letter)
    messages.success(request, f"Version {correction.version} drafted: it will replace version {letter.version}")
    return redirect(correction)


@require_POST
@inspector_required
def draft_all(request, pk):
    review = get_review(pk)
    try:
        job = start_job(review=review, kind=BulkJob.Kind.DRAFT, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(review)
    return redirect("letters:job", job.pk)


def job_context(job):
    """A failed job's page says what it did not reach, as well as what it did."""
    return {"job": job, "remaining": job_remaining(job) if job.state == BulkJob.State.FAILED else []}


@inspector_required
def job_detail(request, pk):
    return render(request, "letters/job_detail.html", job_context(get_job_for_inspector(pk)))


@inspector_required
def job_progress(request, pk):
    job = get_job_for_inspector(pk)
    response = HttpResponse(render_to_string("letters/includes/job_progress.html", job_context(job)))
    response["X-Job-Finished"] = "1" if job.is_finished else "0"  # the page stops asking
    return response


@liaison_officer_required
def liaison_letter_pdf(request, pk):
    letter = get_issued_letter_for_liaison_officer(request, pk)
    return stored_file_response(request, letter.pdf, sha256=letter.pdf_sha256, filename=letter.filename)
