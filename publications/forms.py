"""Forms for filtering the public letters, scheduling a publication and withdrawing a published letter."""

import datetime
import re

from django import forms
from django.utils import timezone

from core.forms import DateField, GovukForm, choices
from letters.models import Letter
from recommendations.models import Recommendation, RegisterStatus


class LetterFilterForm(forms.Form):
    """The public letter list's filters, from the query string. A value that is not valid is ignored."""

    force = forms.SlugField(required=False, max_length=100)
    topic = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    review = forms.SlugField(required=False, max_length=200)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2200)
    q = forms.CharField(required=False, max_length=200)

    def chosen(self):
        """The valid filters as text, the invalid ones left out: what the list and its links use."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        return {name: "" if value is None else str(value).strip() for name, value in values.items()}


class RegisterFilterForm(LetterFilterForm):
    """The public register's filters, from the query string. A value that is not valid is ignored."""

    review = None  # type: ignore[assignment]
    report = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *RegisterStatus.choices])
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Recommendation.Kind.choices])
    priority = forms.ChoiceField(required=False, choices=[("", "Any"), ("yes", "Priority"), ("no", "Not priority")])
    overdue = forms.BooleanField(required=False)

    def chosen(self):
        chosen = super().chosen()
        chosen["overdue"] = "1" if chosen["overdue"] == "True" else ""
        return chosen

    def filters(self, chosen):
        """The chosen values as filter_recommendations() takes them."""
        return {
            "report": int(chosen["report"]) if chosen["report"] else None,
            "year": int(chosen["year"]) if chosen["year"] else None,
            "topic": int(chosen["topic"]) if chosen["topic"] else None,
            "force": chosen["force"],
            "status": chosen["status"],
            "kind": chosen["kind"],
            "priority": {"yes": True, "no": False}.get(chosen["priority"]),
            "overdue": bool(chosen["overdue"]),
            "q": chosen["q"],
        }


class EntryFilterForm(forms.Form):
    """A force's register page: its entries at one status, or those overdue."""

    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *RegisterStatus.choices])
    overdue = forms.BooleanField(required=False)

    def chosen(self):
        self.is_valid()
        status = self.cleaned_data.get("status") or ""
        return {"status": status, "overdue": "1" if self.cleaned_data.get("overdue") else ""}


class LetterChoiceField(forms.ModelMultipleChoiceField):
    """Letters named by their force, and their version once corrected."""

    def label_from_instance(self, obj):
        return f"{obj.force.name}{f' (version {obj.version})' if obj.version > 1 else ''}"


class ScheduleForm(GovukForm, forms.Form):
    submit_label = "Schedule publication"
    release_on = DateField(label="Release date", help_text="Nothing is public before this moment")
    release_time = forms.CharField(
        label="Release time", max_length=5, initial="09:30", help_text="24-hour clock, for example 09:30"
    )
    letters = LetterChoiceField(
        queryset=Letter.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Letters to publish",
        error_messages={"required": "Select at least one issued letter to publish"},
    )
    overview_title = forms.CharField(
        max_length=300,
        required=False,
        label="Title of the national overview",
        help_text="Leave blank to publish letters without a national overview, for example a corrected letter",
    )
    introduction = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20_000,
        label="Introduction to the national overview",
    )

    def __init__(self, *args, letters, **kwargs):
        super().__init__(*args, **kwargs)
        choices(self, "letters").queryset = letters
        self.fields["letters"].initial = list(letters.values_list("pk", flat=True))

    def clean_release_time(self):
        value = self.cleaned_data["release_time"].strip()
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value)
        if not match:
            raise forms.ValidationError("Enter a release time on the 24-hour clock, for example 09:30")
        return datetime.time(int(match[1]), int(match[2]))

    def release_at(self):
        day, time = self.cleaned_data["release_on"], self.cleaned_data["release_time"]
        return timezone.make_aware(datetime.datetime.combine(day, time))


class WithdrawForm(GovukForm, forms.Form):
    submit_label = "Withdraw letter"
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        label="Reason (shown to the public)",
        error_messages={"required": "Enter the reason for withdrawing the letter"},
    )
