"""The public register: every published recommendation's status at each force, a force's timeline for one
recommendation, and a force's register. No sign-in; never an internal note or an evidence document."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forces.models import Force
from inspections.models import InspectionReport, Topic
from recommendations.models import Recommendation, RegisterEntry, RegisterStatus
from recommendations.register import Delay, Event, claim_summary, delay_counts, timeline

from .caching import public_page
from .follow import follow_url
from .forms import EntryFilterForm, RegisterFilterForm
from .register_queries import (
    entry_conditions,
    filter_recommendations,
    public_entries,
    public_recommendations,
    status_counts,
    with_counts,
)

PAGE_SIZE = 25


def register_options(chosen):
    """The filters' choices: only years, topics and forces the public register has entries for. Reports are
    too many to choose from (fifty a year): the chosen one, reached from a recommendation's page, is named."""
    recommendations = public_recommendations()
    reports = InspectionReport.objects.filter(Exists(recommendations.filter(report=OuterRef("pk"))))
    return {
        "report": reports.filter(pk=chosen["report"]).first() if chosen["report"] else None,
        "years": [day.year for day in reports.dates("published_on", "year", order="DESC")],
        "topics": Topic.objects.filter(Exists(recommendations.filter(topic=OuterRef("pk")))),
        # Entries are made for every force a recommendation applies to, published or not: an index probe each.
        "forces": Force.objects.filter(Exists(RegisterEntry.objects.filter(force=OuterRef("pk")))).order_by("name"),
        "statuses": RegisterStatus.choices,
        "kinds": Recommendation.Kind.choices,
    }


@public_page
def register_list(request):
    form = RegisterFilterForm(request.GET)
    chosen = form.chosen()
    recommendations = filter_recommendations(public_recommendations(), **form.filters(chosen))
    order = ["-report__published_on", "report__title", "reference"]
    page = Paginator(recommendations.order_by(*order).values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The forces' counts for this page's recommendations only: never an aggregate over the whole register.
    shown = with_counts(Recommendation.objects.filter(pk__in=list(page.object_list)).select_related("report", "topic"))
    rows = [(recommendation, status_counts(recommendation)) for recommendation in shown.order_by(*order)]
    query = urlencode({name: value for name, value in chosen.items() if value})
    context = {"page": page, "rows": rows, "chosen": chosen, "query": query, **register_options(chosen)}
    if chosen["topic"]:  # the register of one topic: offer to follow it
        context["follow_url"] = follow_url("topic", chosen["topic"])
    return render(request, "publications/register_list.html", context)


def public_recommendation(reference):
    return get_object_or_404(
        public_recommendations().select_related("report", "topic", "cause_of_concern"), reference=reference
    )


def public_event(event: Event) -> Event:
    """What the public reads of an event: its evidence documents counted, never named or linked. Every
    timeline source gives the public audience only what is public (links included)."""
    event.internal_note = ""
    event.by = ""
    event.document_count = len(event.documents)  # type: ignore[attr-defined]
    event.documents = []
    return event


@public_page
def recommendation_force(request, reference, force_slug):
    recommendation = public_recommendation(reference)
    entry = (
        public_entries()
        .filter(recommendation=recommendation, force__slug=force_slug)
        .select_related("recommendation__cause_of_concern")
        .first()
    )
    if entry is None:
        raise Http404("The recommendation does not apply to this force.")
    events = [public_event(event) for event in timeline(recommendation, entry.force, for_staff=False)]
    context = {"recommendation": recommendation, "entry": entry, "events": events, "claim": claim_summary(entry)}
    return render(request, "publications/register_force_timeline.html", context)


@public_page
def force_register(request, slug):
    force = get_object_or_404(Force, slug=slug)
    chosen = EntryFilterForm(request.GET).chosen()
    entries = public_entries().filter(force=force)
    counts = delay_counts(entries)
    if chosen["status"]:
        entries = entries.filter(status=chosen["status"])
    if chosen["overdue"]:
        entries = entries.filter(entry_conditions("", "recommendation__due_on", timezone.localdate())[Delay.OVERDUE])
    entries = entries.order_by("-recommendation__report__published_on", "recommendation__reference")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({name: value for name, value in chosen.items() if value})
    context = {
        "force": force,
        "page": page,
        "counts": counts,
        "chosen": chosen,
        "query": query,
        "statuses": RegisterStatus.choices,
    }
    return render(request, "publications/force_register.html", context)
