"""Public pages about the forces: the list by region and a page per force."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render

from .models import Force

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


def force_list(request):
    forces = sorted(Force.objects.all(), key=lambda force: (group_rank(force), force.name))
    groups = [(heading, list(members)) for heading, members in groupby(forces, key=group_heading)]
    territorial_count = sum(force.is_territorial for force in forces)
    return render(request, "forces/force_list.html", {"groups": groups, "territorial_count": territorial_count})


def force_detail(request, slug):
    force = get_object_or_404(Force, slug=slug)
    return render(request, "forces/force_detail.html", {"force": force})
