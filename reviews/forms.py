"""Forms for reviews: opening one, its framework, submissions and documents, extensions, reopening
uploads and assessments."""

import datetime
import uuid
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from accounts.models import User
from core.documents import check_uploads
from core.forms import DateField, GovukForm, MultipleFileField, choices
from forces.models import Force

from .models import AssessmentElement, OutcomeCategory, Qualifier, Review
from .status import today


class ReviewOpenForm(GovukForm, forms.ModelForm):
    submit_label = "Open review and email the forces"
    ALL, CHOSEN = "all", "chosen"

    request_date = DateField(label="Request date")
    submission_deadline = DateField(label="Submission deadline")
    scope = forms.ChoiceField(
        label="Forces asked",
        widget=forms.RadioSelect,
        choices=[
            (ALL, "Every force the recommendation applies to"),
            (CHOSEN, "Only the forces chosen below"),
        ],
        initial=ALL,
    )
    chosen_forces = forms.ModelMultipleChoiceField(
        queryset=Force.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Chosen forces",
    )

    class Meta:
        model = Review
        fields = [
            "title",
            "slug",
            "request_date",
            "submission_deadline",
            "assessment_period",
            "lead_signatory",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        help_texts = {"slug": "Lower-case letters, numbers and hyphens. Left blank, it is made from the title."}

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        choices(self, "lead_signatory").queryset = User.objects.filter(role=User.Role.SIGNATORY, is_active=True)
        forces = recommendation.applicable_forces().order_by("name")
        choices(self, "chosen_forces").queryset = forces
        cast(forms.ChoiceField, self.fields["scope"]).choices = [
            (self.ALL, f"Every force the recommendation applies to ({forces.count()})"),
            (self.CHOSEN, "Only the forces chosen below"),
        ]

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))[:100]
        if Review.objects.filter(slug=slug).exists():
            raise ValidationError("Another review already uses this link name: choose another")
        return slug

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        requested, deadline = cleaned.get("request_date"), cleaned.get("submission_deadline")
        if requested and deadline and deadline < requested:
            self.add_error("submission_deadline", "The submission deadline must be on or after the request date")
        if cleaned.get("scope") == self.CHOSEN and not cleaned.get("chosen_forces"):
            self.add_error("chosen_forces", "Select at least one force")
        return cleaned

    def forces(self):
        if self.cleaned_data["scope"] == self.CHOSEN:
            return self.cleaned_data["chosen_forces"]
        return choices(self, "chosen_forces").queryset


def unique_in_review(instance, name, noun):
    siblings = type(instance).objects.filter(review=instance.review, name=name).exclude(pk=instance.pk)
    if siblings.exists():
        raise ValidationError(f"This review already has an {noun} with this name")
    return name


class ElementForm(GovukForm, forms.ModelForm):
    submit_label = "Save element"
    judgements = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Judgements allowed",
        help_text="One per line, for example: Already commenced",
    )

    class Meta:
        model = AssessmentElement
        fields = ["name", "phrase", "position", "judgements"]
        labels = {
            "name": "Element",
            "phrase": "Phrase in a grouped sentence (optional)",
            "position": "Order on the assessment form",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["judgements"].initial = "\n".join(j.label for j in self.instance.judgements.all())

    def clean_name(self):
        return unique_in_review(self.instance, self.cleaned_data["name"], "element")

    def clean_phrase(self):
        return " ".join(self.cleaned_data["phrase"].split())

    def clean_judgements(self):
        labels = [line.strip() for line in self.cleaned_data["judgements"].splitlines() if line.strip()]
        if len(labels) < 2:
            raise ValidationError("Enter at least two judgements, one per line")
        if len({label.lower() for label in labels}) != len(labels):
            raise ValidationError("Each judgement must be different")
        if any(len(label) > 100 for label in labels):
            raise ValidationError("Each judgement must be 100 characters or fewer")
        return labels


class QualifierForm(GovukForm, forms.ModelForm):
    submit_label = "Save qualifier"

    class Meta:
        model = Qualifier
        fields = ["phrase", "position"]
        labels = {"phrase": "Qualifier", "position": "Order on the assessment form"}
        help_texts = {
            "phrase": "A word or short phrase an inspector may choose to describe a force's plans, such as "
            "comprehensive. A sentence or paragraph says it where it has $qualifier.",
        }

    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split())
        siblings = Qualifier.objects.filter(review=self.instance.review, phrase__iexact=phrase)
        if siblings.exclude(pk=self.instance.pk).exists():
            raise ValidationError("This review already has this qualifier")
        return phrase


class OutcomeCategoryForm(GovukForm, forms.ModelForm):
    submit_label = "Save outcome category"

    class Meta:
        model = OutcomeCategory
        fields = ["name", "position", "register_status"]
        labels = {"name": "Outcome category", "position": "Order"}

    def clean_name(self):
        return unique_in_review(self.instance, self.cleaned_data["name"], "outcome category")


def files_not_kept(count):
    if count == 1:
        return ValidationError("The file you chose was not kept: choose it again", code="choose_again")
    return ValidationError(f"The {count} files you chose were not kept: choose them again", code="choose_again")


class DocumentsForm(GovukForm, forms.Form):
    """Several documents and a covering note; every file is checked by content before any is kept."""

    submit_label = "Send documents"
    documents = MultipleFileField(
        label="Documents",
        help_text="PDF or Word (.docx), up to 20MB each. You can select several files.",
        error_messages={"required": "Select at least one document"},
    )
    covering_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        label="Covering note (optional)",
    )
    form_token = forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={
            "required": "This form has expired. Reload the page and send the documents again.",
            "invalid": "This form has expired. Reload the page and send the documents again.",
        },
    )

    def __init__(self, *args, raw_names=(), **kwargs):
        self.raw_names = list(raw_names)
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if "form_token" in self.errors:  # a hidden field: its error is shown for the whole form
            self.add_error(None, self.errors.pop("form_token"))
        chosen = len(self.files.getlist("documents")) if self.files else 0
        if self.errors and chosen:
            # A browser never refills a file input: say so, or the user thinks the files were kept.
            self.add_error("documents", files_not_kept(chosen))
        return cleaned

    def clean_documents(self):
        return check_uploads(self.cleaned_data["documents"], self.raw_names)


class LoggedSubmissionForm(DocumentsForm):
    submit_label = "Log submission"
    received_on = DateField(label="Date received", help_text="The date the force's email arrived")

    field_order = ["received_on", "documents", "covering_note"]

    def __init__(self, *args, review, **kwargs):
        self.review = review
        super().__init__(*args, **kwargs)

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on < self.review.request_date:
            raise ValidationError("The date received must be on or after the request date")
        if received_on > today():
            raise ValidationError("The date received must be today or in the past")
        return received_on


class ExtensionForm(GovukForm, forms.Form):
    submit_label = "Grant extension"
    new_deadline = DateField(label="New deadline")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="Reason")

    def __init__(self, *args, review, **kwargs):
        self.review = review
        super().__init__(*args, **kwargs)

    def clean_new_deadline(self):
        new_deadline = self.cleaned_data["new_deadline"]
        if new_deadline <= self.review.submission_deadline:
            raise ValidationError(
                f"The new deadline must be after the review's deadline, {self.review.submission_deadline:%-d %B %Y}"
            )
        return new_deadline


class UploadReopenForm(GovukForm, forms.Form):
    submit_label = "Reopen uploads"
    until = DateField(label="Last day for uploads", help_text="For example 30 11 2025")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reason",
        error_messages={"required": "Enter the reason for reopening uploads"},
        help_text="Kept on record with your name and the date.",
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < today():
            raise ValidationError("The last day for uploads must be today or later")
        if until > today() + datetime.timedelta(days=365):
            raise ValidationError("The last day for uploads must be within a year from today")
        return until


class AssessmentForm(GovukForm, forms.Form):
    """A judgement per element of the review, an outcome category and notes."""

    submit_label = "Save assessment"

    def __init__(self, *args, review, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = list(review.elements.prefetch_related("judgements"))
        current = {j.element_id: j.judgement_id for j in assessment.judgements.all()} if assessment else {}
        for element in self.elements:
            self.fields[f"element_{element.pk}"] = forms.ModelChoiceField(
                queryset=element.judgements.all(),
                widget=forms.RadioSelect,
                label=element.name,
                empty_label=None,
                initial=current.get(element.pk),
                error_messages={"required": f"Select a judgement for ‘{element.name}’"},
            )
        self.fields["outcome"] = forms.ModelChoiceField(
            queryset=review.outcome_categories.all(),
            widget=forms.RadioSelect,
            empty_label=None,
            label="Outcome",
            initial=assessment.outcome_id if assessment else None,
            error_messages={"required": "Select an outcome"},
        )
        if review.qualifiers.exists():
            self.fields["qualifier"] = forms.ModelChoiceField(
                queryset=review.qualifiers.all(),
                widget=forms.RadioSelect,
                required=False,
                empty_label="None",
                label="Qualifier for the force's plans (optional)",
                help_text="The letter says it where its sentences have $qualifier, for example 'comprehensive plans'.",
                initial=assessment.qualifier_id if assessment else None,
            )
        self.fields["notes"] = forms.CharField(
            widget=forms.Textarea(attrs={"rows": 5}),
            required=False,
            max_length=10000,
            initial=assessment.notes if assessment else "",
            label="Notes (not shown to the force)",
        )

    def judgements(self):
        return {element: self.cleaned_data[f"element_{element.pk}"] for element in self.elements}

    def qualifier(self):
        return self.cleaned_data.get("qualifier")
