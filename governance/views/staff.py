"""The inspectorate's view of section 55 responses: which are due, which are late, which came."""

from django.core.paginator import Paginator
from django.shortcuts import render

from accounts.access import inspector_required

from ..clock import dues, reports_on_forces

PAGE_SIZE = 50


@inspector_required
def responses_due(request):
    page = Paginator(reports_on_forces().order_by("-published_on", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    report_ids = [report.pk for report in page]
    context = {"page": page, "dues": dues(reports_on_forces().filter(pk__in=report_ids))}
    return render(request, "governance/responses_due.html", context)
