"""Inspector pages that add a report's recommendations from a CSV file: upload, preview, confirm."""

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken

from ..import_forms import ImportConfirmForm, ImportUploadForm
from ..imports import COLUMNS, MAX_IMPORT_ROWS, template_csv
from ..prerequisites import before_adding_a_recommendation
from ..services import recommendations_import


@inspector_required
def recommendation_import(request):
    if missing := before_adding_a_recommendation():
        messages.error(request, missing.message)
        return redirect("recommendations:list")
    files = request.FILES if request.method == "POST" else None
    form = ImportUploadForm(posted(request), files, initial={"report": request.GET.get("report")})
    if request.method == "POST" and form.is_valid():
        report, text = form.cleaned_data["report"], form.cleaned_data["file"]
        confirm = ImportConfirmForm.for_preview(text=text, report=report, user=request.user, count=len(form.new))
        context = {"form": confirm, "report": report, "rows": form.new}
        return render(request, "recommendations/import_preview.html", context)
    return import_page(request, form)


@require_POST
@inspector_required
def recommendation_import_confirm(request):
    form = ImportConfirmForm(request.POST, user=request.user)
    if (
        form.is_valid()
        and form.report
        and (added := save_unless_taken(form, lambda: recommendations_import(new=form.new)))
    ):
        count = f"{len(added)} recommendations" if len(added) > 1 else "1 recommendation"
        messages.success(request, f"{count} added to {form.report}")
        return redirect(form.report)
    upload = ImportUploadForm(initial={"report": form.report.pk if form.report else None})
    return import_page(request, upload, problems=form.non_field_errors())


def import_page(request: Any, form: ImportUploadForm, problems: Sequence[object] = ()) -> HttpResponse:
    """The upload form, with the columns explained; `problems` are those found when confirming a preview."""
    context = {"form": form, "problems": problems, "columns": COLUMNS, "max_rows": f"{MAX_IMPORT_ROWS:,}"}
    return render(request, "recommendations/import.html", context)


@inspector_required
def recommendation_import_template(request):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recommendations-template.csv"'
    return response
