"""Form helpers shared by every app: GOV.UK layout, dates, and several files in one field."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button
from django import forms
from django.utils.html import conditional_escape

MIN_YEAR, MAX_YEAR = 2000, 2100


class GovukForm:
    """Mixin: crispy-forms-gds renders the form with a submit button that blocks double clicks."""

    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Button("submit", self.submit_label, data_prevent_double_click="true"))

    def __getitem__(self, name):
        # crispy-forms-gds prints labels and hints with |safe; some of ours come from the database.
        bound_field = super().__getitem__(name)
        bound_field.label = conditional_escape(bound_field.label)
        bound_field.help_text = conditional_escape(bound_field.help_text)
        return bound_field


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One field, several files: cleans to a list of uploads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class DateField(DateInputField):
    """GOV.UK's day, month and year inputs, refusing impossible and implausible dates plainly."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("require_all_fields", False)
        super().__init__(*args, **kwargs)

    def compress(self, data_list):
        try:
            value = super().compress(data_list)
        except forms.ValidationError:
            raise forms.ValidationError("Enter a real date", code="invalid") from None
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(f"Enter a year between {MIN_YEAR} and {MAX_YEAR}", code="invalid")
        return value
