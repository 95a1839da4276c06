"""Public pages about the forces: the list by region and a page per force, with its published letters."""

from collections import defaultdict
from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forces.models import Force, holders_on
from governance.clock import dues, reports_on_forces
from recommendations.register import delay_counts

from .caching import public_page
from .follow import follow_url
from .models import PublishedLetter
from .queries import entries_page, public_entries
from .register_queries import public_entries as public_register_entries

# The police regions in the order the inspectorate lists them, north to south, then Wales.
REGION_ORDER = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "Eastern",
    "London",
    "South East",
    "South West",
    "Wales",
]


def group_heading(force):
    if force.kind == Force.Kind.TERRITORIAL:
        return force.region
    return force.get_kind_display().replace("body", "bodies")


def group_rank(force):
    if force.kind == Force.Kind.TERRITORIAL:
        return (0, REGION_ORDER.index(force.region) if force.region in REGION_ORDER else len(REGION_ORDER))
    return (1, 0 if force.kind == Force.Kind.NATIONAL else 1)


@public_page
def force_list(request):
    forces = sorted(Force.objects.all(), key=lambda force: (group_rank(force), force.name))
    groups = [(heading, list(members)) for heading, members in groupby(forces, key=group_heading)]
    territorial_count = sum(force.is_territorial for force in forces)
    return render(request, "forces/force_list.html", {"groups": groups, "territorial_count": territorial_count})


RESPONSES_SHOWN = 10  # the latest reports on the force; the full list is on /responses/


LETTERS_PER_PAGE = 20


@public_page
def force_detail(request, slug):
    """The force at a glance, and its published letters a page at a time, newest first, each with the
    history of its recommendation's letters (corrections, withdrawals)."""
    force = get_object_or_404(Force, slug=slug)
    latest = PublishedLetter.objects.latest_versions().filter(force=force).order_by("-release_at", "-pk")
    page = entries_page(latest, request.GET.get("page"), LETTERS_PER_PAGE)
    context = {
        "force": force,
        "page": page,
        "history": letters_history(force, page.object_list),
        "holders": holders_on(force, timezone.localdate()),
        "counts": delay_counts(public_register_entries().filter(force=force)),
        "responses": dues(reports_on_forces().filter(force=force), limit=RESPONSES_SHOWN),
        "follow_url": follow_url("force", force.slug),
    }
    return render(request, "forces/force_detail.html", context)


def letters_history(force, entries):
    """Every public version of these letters, by recommendation, oldest first."""
    reviews = [entry.letter.review_id for entry in entries]
    versions = public_entries().filter(force=force, letter__review__in=reviews)
    history = defaultdict(list)
    for entry in versions.order_by("release_at", "letter__version"):
        history[entry.letter.review.recommendation].append(entry)
    return dict(history)
