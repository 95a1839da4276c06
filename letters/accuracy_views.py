"""Pages of the factual-accuracy check: the review's rule and the inspectorate's replies (staff); the draft,
its watermarked PDF and the comment form (the force's liaison officers); evidence, for both."""

import dataclasses

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import inspector_required, liaison_officer_required, role_required
from core.forms import posted, upload_form_arguments
from core.pages import form_page
from core.responses import document_response, pdf_response
from reviews.access import get_review

from .access import (
    get_check_for_inspector,
    get_check_for_liaison_officer,
    get_comment_for_inspector,
    get_evidence_for_user,
)
from .accuracy import (
    accuracy_check_sign_off,
    accuracy_comment_add,
    accuracy_comment_decide,
    accuracy_refusal,
    accuracy_rule_set,
    check_paragraphs,
    paragraph_text,
    sign_off_refusal,
)
from .accuracy_forms import AccuracyCommentForm, AccuracyReplyForm, AccuracyRuleForm
from .markup import plain_text
from .pdf import render_pdf
from .pdf_engine import PdfNotMade
from .presentation import draft_view

ACCURACY_MARK = "DRAFT FOR FACTUAL ACCURACY CHECK – NOT FOR PUBLICATION"


@require_POST
@inspector_required
def accuracy_rule(request, pk):
    review = get_review(pk)
    form = AccuracyRuleForm(request.POST)
    if form.is_valid():
        rule = accuracy_rule_set(review=review, by=request.user, **form.cleaned_data)
        state = f"on: {rule.working_days} working days" if rule.enabled else "off"
        messages.success(request, f"Factual-accuracy check {state}")
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("letters:template", review.pk)


@inspector_required
def check_detail(request, pk):
    check = get_check_for_inspector(pk)
    context = {
        "check": check,
        "letter": check.letter,
        "paragraphs": check_paragraphs(check),
        "sign_off_refusal": sign_off_refusal(check, request.user),
        "issue_refusal": accuracy_refusal(check.letter),
    }
    return render(request, "letters/accuracy/check.html", context)


@inspector_required
def comment_reply(request, pk):
    comment = get_comment_for_inspector(pk)
    check = comment.accuracy_check
    initial = {"outcome": comment.outcome, "reason": comment.reason} if comment.is_decided else None
    form = AccuracyReplyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accuracy_comment_decide(comment=comment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Reply saved to the comment on paragraph {comment.paragraph}")
            return redirect("letters:accuracy", check.pk)
    intro = f"{check.letter.force.name} wrote on paragraph {comment.paragraph}: “{comment.text}”"
    back = reverse("letters:accuracy", args=[check.pk])
    return form_page(
        request, form, title="Reply to the comment", caption=check.letter.review.title, intro=intro, back_url=back
    )


@require_POST
@inspector_required
def check_sign_off(request, pk):
    check = get_check_for_inspector(pk)
    try:
        accuracy_check_sign_off(check=check, by=request.user)
        messages.success(request, "Reply signed off: the force can read the outcome of each comment")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("letters:accuracy", check.pk)


@liaison_officer_required
def liaison_check(request, pk):
    check = get_check_for_liaison_officer(request, pk)
    context = {"check": check, "letter": check.letter, "paragraphs": check_paragraphs(check)}
    return render(request, "letters/accuracy/liaison_check.html", context)


@liaison_officer_required
def liaison_comment(request, pk, number):
    check = get_check_for_liaison_officer(request, pk)
    try:
        text = paragraph_text(check, number)
    except ValidationError:
        return redirect("letters:liaison-accuracy", check.pk)
    form = AccuracyCommentForm(**upload_form_arguments(request))
    if check.takes_comments() and form.is_bound and form.is_valid():
        try:
            accuracy_comment_add(
                check=check,
                paragraph=number,
                text=form.cleaned_data["text"],
                documents=form.cleaned_data["documents"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Comment on paragraph {number} sent")
            return redirect("letters:liaison-accuracy", check.pk)
    if not check.takes_comments():
        messages.error(request, "Comments on this draft are closed.")
        return redirect("letters:liaison-accuracy", check.pk)
    intro = f"Paragraph {number}: “{plain_text(text)}”"
    back = reverse("letters:liaison-accuracy", args=[check.pk])
    return form_page(
        request,
        form,
        title=f"Comment on paragraph {number}",
        caption=check.letter.review.title,
        intro=intro,
        back_url=back,
    )


@liaison_officer_required
def liaison_check_pdf(request, pk):
    """The draft as sent to the force, marked on every page as a draft for checking, not for publication."""
    check = get_check_for_liaison_officer(request, pk)
    view = dataclasses.replace(
        draft_view(check.letter), heading=check.heading, body=check.body, draft_mark=ACCURACY_MARK
    )
    try:
        pdf = render_pdf({"letter": view})
    except PdfNotMade as error:
        messages.error(request, " ".join(error.messages))
        return redirect("letters:liaison-accuracy", check.pk)
    letter = check.letter
    return pdf_response(pdf, f"factual-accuracy-draft-{letter.review.slug}-{letter.force.slug}.pdf")


@role_required(lambda user: user.is_inspector or user.is_liaison_officer)
def evidence_download(request, pk):
    return document_response(request, get_evidence_for_user(request, pk))
