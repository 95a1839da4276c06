"""Forms for reports, topics and causes of concern."""

from django import forms

from core.forms import DateField, GovukForm

from .models import CauseOfConcern, InspectionReport, Topic


class ReportForm(GovukForm, forms.ModelForm):
    published_on = DateField(label="Publication date", help_text="For example, 8 12 2016")
    url = forms.URLField(label="Link to the report", required=False, assume_scheme="https")

    class Meta:
        model = InspectionReport
        fields = ["title", "programme", "published_on", "url", "scope", "force"]
        widgets = {"scope": forms.RadioSelect}
        labels = {"force": "Force (for a report on one force)"}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        scope, force = cleaned.get("scope"), cleaned.get("force")
        if scope == InspectionReport.Scope.FORCE and not force:
            self.add_error("force", "Select the force the report is about")
        if scope == InspectionReport.Scope.NATIONAL and force:
            self.add_error("force", "A national report is not about one force: leave the force blank")
        return cleaned


class TopicForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name"]
        labels = {"name": "Name of the topic"}


class TopicRenameForm(GovukForm, forms.Form):
    submit_label = "Rename topic"
    new_name = forms.CharField(max_length=200, label="New name")
    renamed_on = DateField(label="Date of the change")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why the name changed")

    def __init__(self, *args, topic, **kwargs):
        self.topic = topic
        super().__init__(*args, **kwargs)

    def clean_new_name(self):
        name = self.cleaned_data["new_name"].strip()
        if name == self.topic.name:
            raise forms.ValidationError("Enter a name different from the current one")
        if Topic.objects.filter(name=name).exclude(pk=self.topic.pk).exists():
            raise forms.ValidationError("Another topic already has this name")
        return name


class CauseOfConcernForm(GovukForm, forms.ModelForm):
    class Meta:
        model = CauseOfConcern
        fields = ["topic", "text"]
        labels = {"text": "Cause of concern"}
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
