"""Inspectors' pages for chasing letters: draft them for every overdue force (a bulk job), read one, send one
or all, and the review's chasing text."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import inspector_required
from core.files import without_files
from core.forms import GovukForm, posted
from core.pages import form_page
from core.responses import stored_file_response
from outbox.models import Delivery
from reviews.access import get_review

from .access import get_chase_letter_for_inspector
from .chasers import chase_letter_send, chase_refusal, chase_template_for, chase_template_save, chases_to_send
from .jobs import start_job
from .limits import TEMPLATE_CHARACTERS, check_length
from .models import BulkJob, ChaseTemplate
from .placeholders import CHASE_PLACEHOLDERS, check_chase_placeholders


class ChaseTemplateForm(GovukForm, forms.ModelForm):
    submit_label = "Save chasing letter text"

    class Meta:
        model = ChaseTemplate
        fields = ["heading", "body"]
        labels = {"heading": "Heading", "body": "Text of the chasing letter"}
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def clean_heading(self):
        return check_chase_placeholders(self.cleaned_data["heading"])

    def clean_body(self):
        return check_chase_placeholders(check_length(self.cleaned_data["body"], TEMPLATE_CHARACTERS, "The text"))


def show_refusal(request, error):
    messages.error(request, " ".join(error.messages))


@require_POST
@inspector_required
def chase_all(request, pk):
    review = get_review(pk)
    try:
        job = start_job(review=review, kind=BulkJob.Kind.CHASE, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(review)
    return redirect("letters:job", job.pk)


@inspector_required
def chase_detail(request, pk):
    chase = get_chase_letter_for_inspector(pk)
    context = {
        "chase": chase,
        "refusal": None if chase.is_sent else chase_refusal(chase),
        "deliveries": without_files(Delivery.objects.about(chase)).select_related("resent_by"),
    }
    return render(request, "letters/chasing/chase_detail.html", context)


@inspector_required
def chase_pdf(request, pk):
    """The stored bytes, made once when the letter was drafted: what the force receives."""
    chase = get_chase_letter_for_inspector(pk)
    return stored_file_response(request, chase.pdf, sha256=chase.pdf_sha256, filename=chase.filename)


@require_POST
@inspector_required
def chase_send(request, pk):
    chase = get_chase_letter_for_inspector(pk)
    try:
        chase = chase_letter_send(chase=chase, by=request.user)
        messages.success(request, f"Chasing letter sent to {chase.force.name}: its email is queued")
    except ValidationError as error:
        show_refusal(request, error)
    return redirect(chase)


@require_POST
@inspector_required
def chase_send_all(request, pk):
    """Send every drafted chasing letter of a force still overdue; say which could not be sent and why."""
    review = get_review(pk)
    sent, refused = 0, []
    for chase in chases_to_send(review):
        try:
            chase_letter_send(chase=chase, by=request.user)
            sent += 1
        except ValidationError as error:
            refused.append(f"{chase.force.name}: {' '.join(error.messages)}")
    if sent:
        messages.success(request, f"{sent} chasing letter{'s' if sent != 1 else ''} sent")
    if refused or not sent:
        messages.error(request, " ".join(refused) or "No drafted chasing letter is waiting to be sent.")
    return redirect(review)


@inspector_required
def chase_template_edit(request, pk):
    review = get_review(pk)
    form = ChaseTemplateForm(posted(request), instance=chase_template_for(review))
    if request.method == "POST" and form.is_valid():
        chase_template_save(template=form.instance)
        messages.success(request, "Chasing letter text saved")
        return redirect(review)
    names = ", ".join(f"${name}" for name in sorted(CHASE_PLACEHOLDERS))
    intro = (
        "Chasing letters go to forces whose deadline (or extension) has passed with nothing sent. "
        f"Letters already drafted keep their text. Placeholders: {names}."
    )
    back_url = review.get_absolute_url()
    return form_page(request, form, title="Chasing letter text", caption=review.title, back_url=back_url, intro=intro)
