"""The forms for a recommendation in the catalogue, and for a change of its status at a force."""

from typing import Any

from django import forms

from accounts.models import User
from core.documents import check_uploads
from core.forms import DateField, GovukForm, MultipleFileField, choices
from forces.models import Force
from inspections.models import CauseOfConcern, InspectionReport, Topic

from .models import ForceResponse, Recommendation, RecommendationLink, RegisterStatus
from .register import Delay


class RecommendationForm(GovukForm, forms.ModelForm):
    timescale_date = DateField(label="Fixed date", required=False, help_text="Only for a fixed date.")

    class Meta:
        model = Recommendation
        fields = [
            "reference",
            "report",
            "cause_of_concern",
            "topic",
            "text",
            "kind",
            "is_priority",
            "priority_reason",
            "timescale",
            "timescale_months",
            "timescale_date",
            "applies_to_all_territorial_forces",
            "forces",
        ]
        labels = {
            "text": "Recommendation",
            "kind": "Kind",
            "is_priority": "A priority recommendation",
            "priority_reason": "Why it is a priority",
            "timescale": "Timescale",
            "timescale_months": "Number of months after publication",
            "applies_to_all_territorial_forces": "Applies to all territorial forces",
            "forces": "Chosen forces (when it does not apply to all territorial forces)",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "timescale": forms.RadioSelect,
            "forces": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "cause_of_concern").queryset = CauseOfConcern.objects.select_related("topic", "report")
        choices(self, "forces").queryset = Force.objects.order_by("name")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        timescale = cleaned.get("timescale")
        if timescale == Recommendation.Timescale.MONTHS_AFTER_PUBLICATION:
            if not cleaned.get("timescale_months"):
                self.add_error("timescale_months", "Enter the number of months after publication")
            cleaned["timescale_date"] = None
        elif timescale == Recommendation.Timescale.FIXED_DATE:
            if not cleaned.get("timescale_date"):
                self.add_error("timescale_date", "Enter the date the recommendation is due")
            cleaned["timescale_months"] = None
        cause, report = cleaned.get("cause_of_concern"), cleaned.get("report")
        if cause and report and cause.report_id != report.pk:
            self.add_error("cause_of_concern", "Select a cause of concern from the same report")
        if not cleaned.get("applies_to_all_territorial_forces") and not cleaned.get("forces"):
            self.add_error("forces", "Select the forces the recommendation applies to")
        self.check_kind_and_priority(cleaned)
        return cleaned

    def check_kind_and_priority(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("is_priority") and not (cleaned.get("priority_reason") or "").strip():
            self.add_error("priority_reason", "Say why the recommendation is a priority")
        if cleaned.get("kind") == Recommendation.Kind.CAUSE_OF_CONCERN and not cleaned.get("cause_of_concern"):
            self.add_error("cause_of_concern", "Select the cause of concern this recommendation answers")


class StaffChoiceField(forms.ModelChoiceField):
    """Inspectorate staff by the names people know them by."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class StatusChangeForm(GovukForm, forms.Form):
    submit_label = "Record the change"
    status = forms.ChoiceField(choices=RegisterStatus.choices, widget=forms.RadioSelect, label="New status")
    changed_on = DateField(label="Date of the change", help_text="The day it took effect, for example 27 4 2018")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reason (shown on the timeline)",
        error_messages={"required": "Give the reason for the change: it is shown on the timeline"},
    )
    basis = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Basis of the closure",
        help_text="Needed to close a recommendation",
    )
    authorised_by = StaffChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Inspector authorising the closure",
        help_text="Needed to close a recommendation",
    )
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label="Evidence of completion",
        help_text="Needed to record a verified completion: a review's assessment, an inspection, documents",
    )

    successor = forms.CharField(
        max_length=60,
        required=False,
        label="Reference of the recommendation that supersedes it",
        help_text="Needed to close a recommendation as superseded, for example peel-2018-r3",
    )
    internal_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        label="Internal note (optional)",
        help_text="Seen only by inspectorate staff: never by forces or the public",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(role__in=[User.Role.INSPECTOR, User.Role.SIGNATORY], is_active=True)
        choices(self, "authorised_by").queryset = staff.order_by("last_name", "first_name")

    def clean_successor(self) -> Recommendation | None:
        reference = self.cleaned_data["successor"].strip()
        if not reference:
            return None
        successor = Recommendation.objects.filter(reference=reference).first()
        if successor is None:
            raise forms.ValidationError(f"There is no recommendation with the reference {reference}")
        return successor


class ClaimDecisionForm(GovukForm, forms.Form):
    submit_label = "Record the decision"
    decision = forms.ChoiceField(
        choices=[("verify", "Verify: the recommendation is complete"), ("return", "Return it to the force")],
        widget=forms.RadioSelect,
        label="Your decision on the force's claim",
        error_messages={"required": "Choose whether to verify the claim or return it"},
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Reasons (the force sees them)",
        error_messages={"required": "Give the reasons for your decision: the force sees them"},
    )


class ForceResponseForm(GovukForm, forms.Form):
    submit_label = "Record the response"
    position = forms.ChoiceField(
        choices=ForceResponse.Position.choices,
        widget=forms.RadioSelect,
        label="The force's response",
        error_messages={"required": "Choose the force's response"},
    )
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
        label="Reasons",
        help_text="Needed when the force does not agree in full",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        position = cleaned.get("position")
        if position and position != ForceResponse.Position.AGREED and not cleaned.get("reasons", "").strip():
            self.add_error("reasons", "Give the force's reasons for not agreeing in full")
        return cleaned


class ActionForm(GovukForm, forms.Form):
    submit_label = "Add the action"
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Action",
        error_messages={"required": "Describe the action"},
    )
    owner = forms.CharField(
        max_length=200,
        label="Owner",
        help_text="The post responsible, for example Head of Professional Standards",
        error_messages={"required": "Name the action's owner"},
    )
    target_date = DateField(label="Target date", help_text="For example 31 3 2018")


class TargetRevisionForm(GovukForm, forms.Form):
    submit_label = "Revise the target date"
    new_date = DateField(label="New target date")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Why the date moves",
        help_text="Kept with the original date; the inspectorate and the public see it",
        error_messages={"required": "Give the reason the target date moves"},
    )


class ProgressUpdateForm(GovukForm, forms.Form):
    submit_label = "Send the update"
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        label="What the force has done",
        error_messages={"required": "Say what the force has done"},
    )
    documents = MultipleFileField(
        required=False,
        label="Evidence (optional)",
        help_text="PDF or Word (.docx), up to 20MB each. You can select several files.",
    )
    claims_completion = forms.BooleanField(
        required=False,
        label="The force has completed this recommendation",
        help_text="The inspectorate then checks the evidence and verifies the claim or returns it",
    )

    def __init__(self, *args: Any, raw_names: Any = (), **kwargs: Any) -> None:
        self.raw_names = list(raw_names)
        super().__init__(*args, **kwargs)

    def clean_documents(self) -> list[Any]:
        return check_uploads(self.cleaned_data["documents"], self.raw_names)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("claims_completion") and not cleaned.get("documents") and "documents" not in self.errors:
            self.add_error("documents", "Attach the evidence that shows the recommendation is complete")
        return cleaned


class RegisterFilterForm(forms.Form):
    """The staff register's filters, from the query string. A value that is not a choice is ignored
    (the filter is dropped), as a shared link with a stale value should still show the register."""

    report = forms.ModelChoiceField(queryset=InspectionReport.objects.all(), required=False, empty_label="Any report")
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), required=False, empty_label="Any topic")
    force = forms.ModelChoiceField(
        queryset=Force.objects.order_by("name"), required=False, to_field_name="slug", empty_label="Any force"
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *RegisterStatus.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Recommendation.Kind.choices], required=False)
    priority = forms.ChoiceField(choices=[("", "Priority or not"), ("yes", "Priority only")], required=False)
    delay = forms.ChoiceField(choices=[("", "Any"), *Delay.choices], required=False, label="Delay")

    def chosen(self) -> dict[str, Any]:
        if not self.is_valid():
            return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return self.cleaned_data

    def apply(self, entries: Any) -> Any:
        chosen = self.chosen()
        lookups = {
            "report": "recommendation__report",
            "topic": "recommendation__topic",
            "force": "force",
            "status": "status",
            "kind": "recommendation__kind",
            "delay": "delay",
        }
        filters = {lookups[name]: value for name, value in chosen.items() if name in lookups and value}
        if chosen.get("priority") == "yes":
            filters["recommendation__is_priority"] = True
        return entries.filter(**filters)


class LinkForm(GovukForm, forms.Form):
    submit_label = "Add the link"
    kind = forms.ChoiceField(
        choices=RecommendationLink.Kind.choices, widget=forms.RadioSelect, label="This recommendation is"
    )
    later = forms.CharField(
        max_length=60,
        label="Reference of the other recommendation",
        help_text="For example peel-2018-r3",
        error_messages={"required": "Enter the other recommendation's reference"},
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False, label="Note (optional)"
    )

    def clean_later(self) -> Recommendation:
        reference = self.cleaned_data["later"].strip()
        later = Recommendation.objects.filter(reference=reference).first()
        if later is None:
            raise forms.ValidationError(f"There is no recommendation with the reference {reference}")
        return later
