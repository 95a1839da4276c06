"""The governance body's pages: the reports on its force with their 56-day clocks, and the response form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import governance_body_required, refuse
from core.forms import upload_form_arguments

from ..clock import dues, reports_on_forces
from ..forms import ResponseForm
from ..services import section55_submit


@governance_body_required
def body_home(request):
    context = {"dues": dues(reports_on_forces().filter(force_id=request.user.force_id)), "force": request.user.force}
    return render(request, "governance/body_home.html", context)


@governance_body_required
def body_report(request, pk):
    report = get_object_or_404(reports_on_forces(), pk=pk)
    if report.force_id != request.user.force_id:
        refuse(request, f"report {pk}")
    [due] = dues(reports_on_forces().filter(pk=pk))
    form = ResponseForm(report=report, **upload_form_arguments(request)) if not due.response else None
    if form is not None and form.is_bound and form.is_valid():
        try:
            section55_submit(
                report=report,
                by=request.user,
                chief_officer_comments=form.cleaned_data["chief_officer_comments"],
                response=form.cleaned_data["response"],
                answers=form.answers(),
                documents=form.cleaned_data["documents"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Response submitted and published")
            return redirect("governance:body-report", pk)
    return render(request, "governance/body_report.html", {"due": due, "report": report, "form": form})
