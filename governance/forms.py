"""The section 55 response form: the chief officer's comments, the body's response, an answer per
recommendation of the report, and documents."""

from typing import Any

from django import forms

from core.documents import check_uploads
from core.forms import GovukForm, MultipleFileField
from inspections.models import InspectionReport
from recommendations.models import Recommendation


class ResponseForm(GovukForm, forms.Form):
    submit_label = "Submit and publish the response"
    chief_officer_comments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        label="The chief officer's comments",
        help_text="Section 55 asks the body to invite the chief officer's comments first",
        error_messages={"required": "Enter the chief officer's comments"},
    )
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50000,
        label="Your response to the report",
        error_messages={"required": "Enter your response to the report"},
    )
    documents = MultipleFileField(
        required=False,
        label="Documents (optional)",
        help_text="PDF or Word (.docx), up to 20MB each. They are published with the response.",
    )

    def __init__(self, *args: Any, report: InspectionReport, raw_names: Any = (), **kwargs: Any) -> None:
        self.raw_names = list(raw_names)
        super().__init__(*args, **kwargs)
        self.recommendations = list(Recommendation.objects.filter(report=report).order_by("reference"))
        for recommendation in self.recommendations:
            self.fields[f"answer_{recommendation.pk}"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=10000,
                required=False,
                label=f"Your answer to recommendation {recommendation.reference}",
                help_text=recommendation.text[:300],
            )
        self.order_fields(["chief_officer_comments", "response", *self.answer_names(), "documents"])

    def answer_names(self) -> list[str]:
        return [f"answer_{recommendation.pk}" for recommendation in self.recommendations]

    def clean_documents(self) -> list[Any]:
        return check_uploads(self.cleaned_data["documents"], self.raw_names)

    def answers(self) -> dict[Recommendation, str]:
        return {rec: self.cleaned_data.get(f"answer_{rec.pk}", "") for rec in self.recommendations}
