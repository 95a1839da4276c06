"""Forms for letter templates, sentences and paragraphs, and for editing a draft letter."""

import json

from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateField, GovukForm
from reviews.models import ElementJudgement, OutcomeCategory

from .limits import LETTER_CHARACTERS, PASSAGE_CHARACTERS, TEMPLATE_CHARACTERS, check_length, check_letter_text
from .models import LetterTemplate
from .placeholders import check_grouped_sentence, check_placeholders, check_sentence
from .services import check_letter_date


class LetterTemplateForm(GovukForm, forms.ModelForm):
    submit_label = "Save letter template"

    class Meta:
        model = LetterTemplate
        fields = ["heading", "body", "names_office_holders"]
        labels = {"heading": "Heading", "body": "Standard text"}
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}

    def clean_heading(self):
        return check_placeholders(self.cleaned_data["heading"])

    def clean_body(self):
        return check_placeholders(check_length(self.cleaned_data["body"], TEMPLATE_CHARACTERS, "The standard text"))


class JudgementSentenceForm(GovukForm, forms.ModelForm):
    submit_label = "Save sentence"

    class Meta:
        model = ElementJudgement
        fields = ["letter_sentence"]
        labels = {"letter_sentence": "Sentence in the letter"}
        widgets = {"letter_sentence": forms.Textarea(attrs={"rows": 4})}

    def clean_letter_sentence(self):
        return check_sentence(check_length(self.cleaned_data["letter_sentence"], PASSAGE_CHARACTERS, "The sentence"))


class OutcomeParagraphForm(GovukForm, forms.ModelForm):
    submit_label = "Save paragraph"

    class Meta:
        model = OutcomeCategory
        fields = ["letter_paragraph"]
        labels = {"letter_paragraph": "Paragraph in the letter"}
        widgets = {"letter_paragraph": forms.Textarea(attrs={"rows": 5})}

    def clean_letter_paragraph(self):
        return check_sentence(check_length(self.cleaned_data["letter_paragraph"], PASSAGE_CHARACTERS, "The paragraph"))


def check_grouped_text(text):
    return check_grouped_sentence(check_length(text, PASSAGE_CHARACTERS, "The sentence"))


def shared_labels(review):
    """The judgement labels two or more of the review's elements allow, in the order the framework lists them."""
    seen: dict[str, int] = {}
    for element in review.elements.prefetch_related("judgements"):
        for judgement in element.judgements.all():
            seen[judgement.label] = seen.get(judgement.label, 0) + 1
    return [label for label, count in seen.items() if count > 1]


class GroupedSentencesForm(GovukForm, forms.Form):
    """A sentence per judgement label that several elements share, said once for all the elements of a force's
    assessment judged so."""

    submit_label = "Save grouped sentences"

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = shared_labels(review)
        current = {grouped.label: grouped.letter_sentence for grouped in review.grouped_sentences.all()}
        for index, label in enumerate(self.labels):
            self.fields[f"sentence_{index}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                strip=True,
                validators=[check_grouped_text],
                label=f"When two or more elements are judged ‘{label}’",
                help_text="Leave blank for each element to say its own sentence.",
                initial=current.get(label, ""),
            )

        # The fields are numbered: if the framework's labels changed since the page was shown, a number could
        # name another label, so the labels shown come back with the form and must still be the labels.
        self.fields["labels_shown"] = forms.CharField(
            widget=forms.HiddenInput, required=False, strip=False, initial=json.dumps(self.labels)
        )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("labels_shown") != json.dumps(self.labels):
            raise ValidationError(
                "The review's judgements changed after you opened this page. Check the sentences and save again."
            )
        return cleaned

    def sentences(self):
        return {label: self.cleaned_data[f"sentence_{index}"] for index, label in enumerate(self.labels)}


class LetterEditForm(GovukForm, forms.Form):
    submit_label = "Save draft"
    letter_date = DateField(
        label="Letter date",
        required=False,
        help_text="The date the letter carries, for example 2 10 2017. Leave it blank to date the letter the day "
        "it is issued.",
    )
    heading = forms.CharField(max_length=300, label="Heading")
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "data-letter-preview-source": ""}),
        max_length=LETTER_CHARACTERS,
        validators=[check_letter_text],
        label="Letter text",
        help_text="Paragraphs are separated by a blank line. Start each line of a quotation with '>'. "
        "Put *asterisks* around report titles for italics. Anything else is printed exactly as typed.",
    )

    def __init__(self, *args, letter, **kwargs):
        self.letter = letter
        super().__init__(*args, **kwargs)

    def clean_letter_date(self):
        return check_letter_date(self.letter, self.cleaned_data["letter_date"])
