"""Forms for the forces' reference data: an office holder's term, and its end."""

from typing import Any, cast

from django import forms

from core.forms import DateField, GovukForm

from .models import OfficeHolder


class OfficeHolderForm(GovukForm, forms.ModelForm):
    """A term of office; the model's clean() refuses an end before the start and overlapping terms."""

    submit_label = "Save office holder"
    started_on = DateField(label="In office from", help_text="The first day in office, for example 1 7 2016.")
    ended_on = DateField(
        label="In office until",
        required=False,
        help_text="The last day in office. Leave blank if they are still in office.",
    )

    class Meta:
        model = OfficeHolder
        fields = ["office", "name", "post_nominals", "area_name", "started_on", "ended_on"]
        widgets = {"office": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["office"]).choices = OfficeHolder.Office.choices  # no empty radio


class OfficeHolderEndForm(GovukForm, forms.Form):
    submit_label = "End the term"
    ended_on = DateField(label="Last day in office", help_text="For example 11 4 2021.")

    def __init__(self, *args: Any, holder: OfficeHolder, **kwargs: Any) -> None:
        self.holder = holder
        super().__init__(*args, **kwargs)

    def clean_ended_on(self) -> Any:
        ended_on = self.cleaned_data["ended_on"]
        if ended_on and ended_on < self.holder.started_on:
            raise forms.ValidationError(
                f"The last day in office must be on or after the first, {self.holder.started_on:%-d %B %Y}"
            )
        return ended_on
