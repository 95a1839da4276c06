"""Forms of the factual-accuracy check: the review's rule, the force's comment, the inspectorate's reply."""

from typing import Any

from django import forms

from core.documents import check_uploads
from core.forms import GovukForm, MultipleFileField

from .accuracy import COMMENT_CHARACTERS, REASON_CHARACTERS
from .accuracy_models import MAX_WORKING_DAYS, AccuracyComment


class AccuracyRuleForm(GovukForm, forms.Form):
    submit_label = "Save the factual-accuracy check"
    enabled = forms.BooleanField(
        required=False,
        label="Send each approved letter to the force to check its facts before it is issued",
    )
    working_days = forms.IntegerField(
        min_value=1,
        max_value=MAX_WORKING_DAYS,
        label="Working days the force has to comment",
        help_text="Weekends and bank holidays in England and Wales do not count",
        error_messages={
            "required": "Enter the number of working days",
            "min_value": "Give the force at least 1 working day",
            "max_value": f"Give the force {MAX_WORKING_DAYS} working days or fewer",
            "invalid": "Enter a whole number of working days",
        },
    )


class AccuracyCommentForm(GovukForm, forms.Form):
    submit_label = "Send comment"
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=COMMENT_CHARACTERS,
        label="Your comment",
        help_text="Say what is factually wrong and what is right",
        error_messages={"required": "Enter your comment"},
    )
    documents = MultipleFileField(
        required=False,
        label="Evidence (optional)",
        help_text="PDF or Word (.docx), up to 20MB each",
    )

    def __init__(self, *args: Any, raw_names: Any = (), **kwargs: Any) -> None:
        self.raw_names = list(raw_names)
        super().__init__(*args, **kwargs)

    def clean_documents(self) -> list[Any]:
        return check_uploads(self.cleaned_data["documents"], self.raw_names)


class AccuracyReplyForm(GovukForm, forms.Form):
    submit_label = "Save reply"
    outcome = forms.ChoiceField(
        choices=[
            (AccuracyComment.Outcome.ACCEPTED, "Accepted: the draft will be changed"),
            (AccuracyComment.Outcome.REJECTED, "Not accepted"),
        ],
        widget=forms.RadioSelect,
        label="Is the comment accepted?",
        error_messages={"required": "Say whether the comment is accepted"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=REASON_CHARACTERS,
        label="Reason (the force reads it)",
        error_messages={"required": "Give the reason the force will read"},
    )
