"""The two steps of an import: the file, checked and previewed; then the previewed text, posted back under a
signature (so that what is saved is what was shown) and checked again, since the register may have changed."""

import hashlib
from typing import Any

from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.forms import GovukForm
from inspections.models import InspectionReport

from .imports import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, NewRecommendation, check_import, normalised, read_upload

NOT_PREVIEWED = "These recommendations were not the ones checked on the preview: upload the file again"


class ReportChoiceField(forms.ModelChoiceField[InspectionReport]):
    def label_from_instance(self, obj: InspectionReport) -> str:
        return f"{obj.title} ({obj.published_on:%B %Y})"


class ImportUploadForm(GovukForm, forms.Form):
    submit_label = "Check the file"
    report = ReportChoiceField(
        queryset=InspectionReport.objects.all(),
        label="Report",
        empty_label="Select a report",
        error_messages={"required": "Select the report that makes these recommendations"},
    )
    file = forms.FileField(
        label="CSV file",
        help_text=f"Saved as CSV UTF-8, at most 1 MB and {MAX_IMPORT_ROWS:,} rows",
        error_messages={"required": "Select a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self) -> str:
        return read_upload(self.cleaned_data["file"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.new: list[NewRecommendation] = []
        report, text = self.cleaned_data.get("report"), self.cleaned_data.get("file")
        if report and text is not None:
            try:
                self.new = check_import(report=report, text=text)
            except ValidationError as error:
                self.add_error("file", error)
        return self.cleaned_data


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def salt(user: Any) -> str:
    return f"recommendations.import:{user.pk}"


class ImportConfirmForm(GovukForm, forms.Form):
    csv_text = forms.CharField(widget=forms.HiddenInput, required=False, strip=False, max_length=MAX_IMPORT_BYTES)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.report: InspectionReport | None = None
        self.new: list[NewRecommendation] = []

    @classmethod
    def for_preview(cls, *, text: str, report: InspectionReport, user: Any, count: int) -> "ImportConfirmForm":
        token = signing.dumps({"report": report.pk, "sha256": sha256(text)}, salt=salt(user))
        form = cls(initial={"csv_text": text, "token": token}, user=user)
        form.submit_label = f"Add these {count} recommendations" if count > 1 else "Add this recommendation"
        return form

    @property
    def helper(self) -> FormHelper:
        helper = super().helper
        helper.form_action = reverse("recommendations:import-confirm")
        return helper

    def is_multipart(self) -> bool:
        return True  # URL-encoded, a 1 MB file could pass the 2 MB limit on posted fields

    def clean(self) -> dict[str, Any]:
        text = normalised(self.cleaned_data.get("csv_text") or "")
        self.report = self.previewed_report(text)
        if self.report is None:
            raise ValidationError(NOT_PREVIEWED)
        try:
            self.new = check_import(report=self.report, text=text)
        except ValidationError as error:
            self.add_error(None, error)
        return self.cleaned_data

    def previewed_report(self, text: str) -> InspectionReport | None:
        """The report the text was previewed for, if the signature says this user previewed this text."""
        try:
            previewed = signing.loads(self.cleaned_data.get("token") or "", salt=salt(self.user))
        except signing.BadSignature:
            return None
        if previewed.get("sha256") != sha256(text):
            return None
        return InspectionReport.objects.filter(pk=previewed.get("report")).first()
