"""Public pages of governance bodies' section 55 responses: every report on a force with its response,
on time, late (by how many days) or not yet received once due; each response beside its report."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from core.responses import document_response
from governance.clock import dues, reports_on_forces
from governance.models import Section55Document

PAGE_SIZE = 25


def response_list(request):
    page = Paginator(reports_on_forces().order_by("-published_on", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    report_ids = [report.pk for report in page]
    context = {"page": page, "dues": dues(reports_on_forces().filter(pk__in=report_ids))}
    return render(request, "publications/response_list.html", context)


def response_detail(request, pk, force_slug):
    report = get_object_or_404(reports_on_forces(), pk=pk, force__slug=force_slug)
    [due] = dues(reports_on_forces().filter(pk=report.pk))
    return render(request, "publications/response_detail.html", {"report": report, "due": due})


def response_document(request, pk):
    """A response's documents are published with it: anyone may download them."""
    return document_response(request, get_object_or_404(Section55Document, pk=pk), public=True)
