"""Inspector pages for reports, topics and causes of concern."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page

from .forms import CauseOfConcernForm, ReportForm, TopicForm, TopicRenameForm
from .models import CauseOfConcern, InspectionReport, Topic
from .prerequisites import before_adding_to_a_topic
from .services import cause_save, report_save, topic_rename, topic_save


@inspector_required
def report_list(request):
    reports = InspectionReport.objects.select_related("force").annotate(
        cause_count=Count("causes_of_concern", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )
    return render(request, "inspections/report_list.html", {"reports": reports})


@inspector_required
def report_detail(request, pk):
    causes = CauseOfConcern.objects.select_related("topic").prefetch_related("recommendations")
    report = get_object_or_404(
        InspectionReport.objects.select_related("force").prefetch_related(
            Prefetch("causes_of_concern", causes), "recommendations"
        ),
        pk=pk,
    )
    history = history_of(
        InspectionReport.history.filter(id=report.pk), CauseOfConcern.history.filter(report_id=report.pk)
    )
    # Recommendations come in their own order (by reference within a report); those under no cause apart.
    standalone = [
        recommendation for recommendation in report.recommendations.all() if not recommendation.cause_of_concern_id
    ]
    context = {
        "report": report,
        "standalone": standalone,
        "history": history,
        "before_adding": before_adding_to_a_topic(),
    }
    return render(request, "inspections/report_detail.html", context)


@inspector_required
def report_edit(request, pk=None):
    report = get_object_or_404(InspectionReport, pk=pk) if pk else None
    form = ReportForm(posted(request), instance=report)
    if request.method == "POST" and form.is_valid():
        report = report_save(report=form.instance)
        messages.success(request, f"Report saved: {report.title}")
        return redirect(report)
    title = "Edit report" if report else "Add an inspection report"
    return form_page(
        request,
        form,
        title=title,
        back_url=report.get_absolute_url() if report else reverse("inspections:report-list"),
    )


@inspector_required
def topic_list(request):
    topics = Topic.objects.prefetch_related("renames")
    return render(request, "inspections/topic_list.html", {"topics": topics})


@inspector_required
def topic_edit(request, pk=None):
    topic = get_object_or_404(Topic, pk=pk) if pk else None
    form = TopicForm(posted(request), instance=topic)
    if (
        request.method == "POST"
        and form.is_valid()
        and (topic := save_unless_taken(form, lambda: topic_save(topic=form.instance)))
    ):
        messages.success(request, f"Topic saved: {topic.name}")
        return redirect("inspections:topic-list")
    title = "Correct the topic's name" if topic else "Add a topic"
    intro = "To record that a topic was renamed, keeping its former name, use 'Rename' instead." if topic else ""
    return form_page(request, form, title=title, intro=intro, back_url=reverse("inspections:topic-list"))


@inspector_required
def topic_rename_view(request, pk):
    topic = get_object_or_404(Topic, pk=pk)
    form = TopicRenameForm(posted(request), topic=topic)
    if request.method == "POST" and form.is_valid() and (renamed := save_unless_taken(form, lambda: rename(form))):
        messages.success(request, f"Topic renamed to {renamed.name}")
        return redirect("inspections:topic-list")
    return form_page(request, form, title=f"Rename ‘{topic.name}’", back_url=reverse("inspections:topic-list"))


def rename(form):
    """Rename a fresh copy of the topic: the form's own keeps its name if the new one turns out to be taken."""
    return topic_rename(topic=Topic.objects.get(pk=form.topic.pk), **form.cleaned_data)


@inspector_required
def cause_edit(request, report_pk=None, pk=None):
    cause = get_object_or_404(CauseOfConcern.objects.select_related("report"), pk=pk) if pk else None
    report = cause.report if cause else get_object_or_404(InspectionReport, pk=report_pk)
    if missing := before_adding_to_a_topic():
        messages.error(request, missing.message)
        return redirect(report)
    form = CauseOfConcernForm(posted(request), instance=cause)
    if request.method == "POST" and form.is_valid():
        cause_save(cause=form.instance, report=report)
        messages.success(request, "Cause of concern saved")
        return redirect(report)
    title = "Edit cause of concern" if cause else "Add a cause of concern"
    return form_page(request, form, title=title, caption=report.title, back_url=report.get_absolute_url())
