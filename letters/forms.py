"""Forms for letter templates, sentences and paragraphs, and for editing a draft letter."""

from django import forms

from config.forms import GovukForm
from recommendations.models import ElementJudgement, OutcomeCategory

from .models import LetterTemplate
from .placeholders import check_placeholders, check_sentence


class LetterTemplateForm(GovukForm, forms.ModelForm):
    submit_label = "Save letter template"

    class Meta:
        model = LetterTemplate
        fields = ["heading", "body"]
        labels = {"heading": "Heading", "body": "Standard text"}
        widgets = {"body": forms.Textarea(attrs={"rows": 24})}

    def clean_heading(self):
        return check_placeholders(self.cleaned_data["heading"])

    def clean_body(self):
        return check_placeholders(self.cleaned_data["body"])


class JudgementSentenceForm(GovukForm, forms.ModelForm):
    submit_label = "Save sentence"

    class Meta:
        model = ElementJudgement
        fields = ["letter_sentence"]
        labels = {"letter_sentence": "Sentence in the letter"}
        widgets = {"letter_sentence": forms.Textarea(attrs={"rows": 4})}

    def clean_letter_sentence(self):
        return check_sentence(self.cleaned_data["letter_sentence"])


class OutcomeParagraphForm(GovukForm, forms.ModelForm):
    submit_label = "Save paragraph"

    class Meta:
        model = OutcomeCategory
        fields = ["letter_paragraph"]
        labels = {"letter_paragraph": "Paragraph in the letter"}
        widgets = {"letter_paragraph": forms.Textarea(attrs={"rows": 5})}

    def clean_letter_paragraph(self):
        return check_sentence(self.cleaned_data["letter_paragraph"])


class LetterEditForm(GovukForm, forms.Form):
    submit_label = "Save draft"
    heading = forms.CharField(max_length=300, label="Heading")
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "data-letter-preview-source": ""}),
        max_length=200_000,
        label="Letter text",
        help_text="Paragraphs are separated by a blank line. Start each line of a quotation with '>'. "
        "Put *asterisks* around report titles for italics. Anything else is printed exactly as typed.",
    )
