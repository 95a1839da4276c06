"""Form helpers shared by every app: GOV.UK layout, dates, several files in one field, saving safely."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.db import IntegrityError, transaction
from django.forms import BoundField
from django.http import HttpRequest, QueryDict
from django.utils.html import conditional_escape

MIN_YEAR, MAX_YEAR = 2000, 2100
T = TypeVar("T")


def choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's model choice field `name` (single or multiple), typed so its queryset can be set."""
    return cast(forms.ModelChoiceField[Any], form.fields[name])


if TYPE_CHECKING:
    FormBase = forms.BaseForm  # what the mixin is mixed into, for the type checker
else:
    FormBase = object


class GovukForm(FormBase):
    """Mixin: crispy-forms-gds renders the form with a submit button that blocks double clicks."""

    submit_label = "Save"

    @property
    def helper(self) -> FormHelper:
        """Built when rendered, so that fields a form adds in __init__ are laid out too."""
        helper = FormHelper()
        helper.form_method = "post"
        helper.attrs = {"novalidate": ""}
        helper.layout = Layout(*self.fields, Button("submit", self.submit_label, data_prevent_double_click="true"))
        return helper

    @property
    def no_tag_helper(self) -> FormHelper:
        """The same layout, for a template that writes its own <form> tag."""
        helper = self.helper
        helper.form_tag = False
        return helper

    def __getitem__(self, name: str) -> BoundField:
        # crispy-forms-gds prints labels and hints with |safe; some of ours come from the database.
        bound_field = super().__getitem__(name)
        bound_field.label = conditional_escape(bound_field.label)
        bound_field.help_text = conditional_escape(bound_field.help_text)
        return bound_field


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data to bind: on every POST, even an empty one (`request.POST or None` would treat an empty
    post as a page view and say nothing), and None for a page view."""
    return request.POST if request.method == "POST" else None


def upload_form_arguments(request: Any) -> dict[str, Any]:
    """Data, files and the file names as sent, for a form with uploads. Bound on every POST, even an
    empty one (`request.POST or None` would treat that as a page view and say nothing)."""
    if request.method != "POST":
        return {"data": None, "files": None, "raw_names": ()}
    return {"data": request.POST, "files": request.FILES, "raw_names": request.raw_upload_names}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One field, several files: cleans to a list of uploads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "class": "govuk-file-upload"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class DateField(DateInputField):
    """GOV.UK's day, month and year inputs, refusing impossible and implausible dates plainly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("require_all_fields", False)
        super().__init__(*args, **kwargs)

    def compress(self, data_list: Any) -> Any:
        try:
            value = super().compress(data_list)
        except forms.ValidationError:
            raise forms.ValidationError("Enter a real date", code="invalid") from None
        if value and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(f"Enter a year between {MIN_YEAR} and {MAX_YEAR}", code="invalid")
        return value


SAVED_AT_THE_SAME_MOMENT = (
    "Someone else saved the same thing at the same moment, so this was not saved. Check the page and save again."
)


def save_unless_taken(form: forms.BaseForm, save: Callable[[], T], taken: str = SAVED_AT_THE_SAME_MOMENT) -> T | None:
    """Run save() in a savepoint and return what it returns. If another request saved a clashing row
    (a unique constraint) between this form's checks and its save, nothing is kept and None is returned:
    the form is checked again, so that its own checks say what is taken, or else it is given `taken`."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        form.full_clean()
        if not form.errors:
            form.add_error(None, taken)
        return None
