"""Inspector pages of the register: a recommendation's status at every force, and one force's timeline
with the form that records a change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import inspector_required
from core.forms import posted
from forces.models import Force

from ..forms import StatusChangeForm
from ..models import Recommendation
from ..register import register_rows
from ..services import status_change


def get_recommendation(pk):
    return get_object_or_404(Recommendation.objects.select_related("report", "topic"), pk=pk)


@inspector_required
def register(request, pk):
    recommendation = get_recommendation(pk)
    context = {"recommendation": recommendation, "rows": register_rows(recommendation)}
    return render(request, "recommendations/register.html", context)


@inspector_required
def force_register(request, pk, slug):
    recommendation = get_recommendation(pk)
    row = next((row for row in register_rows(recommendation) if row.force.slug == slug), None)
    if row is None:
        get_object_or_404(Force, slug=slug)
        return redirect("recommendations:register", recommendation.pk)
    form = StatusChangeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            status_change(recommendation=recommendation, force=row.force, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Status at {row.force.name} recorded")
            return redirect("recommendations:force-register", recommendation.pk, slug)
    context = {"recommendation": recommendation, "row": row, "form": form}
    return render(request, "recommendations/force_register.html", context)
