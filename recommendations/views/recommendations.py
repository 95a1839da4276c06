"""Inspector pages for recommendations, and opening a review of one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page

from ..forms import RecommendationForm
from ..models import Recommendation
from ..prerequisites import before_adding_a_recommendation, before_opening_a_review
from ..services import recommendation_save


@inspector_required
def recommendation_list(request):
    recommendations = Recommendation.objects.select_related("report", "topic").prefetch_related("reviews")
    context = {"recommendations": recommendations, "before_adding": before_adding_a_recommendation()}
    return render(request, "recommendations/recommendation_list.html", context)


@inspector_required
def recommendation_detail(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("report", "topic", "cause_of_concern").prefetch_related(
            "forces", "reviews"
        ),
        pk=pk,
    )
    context = {
        "recommendation": recommendation,
        "history": history_of(Recommendation.history.filter(id=pk)),
        "before_opening": before_opening_a_review(),
    }
    return render(request, "recommendations/recommendation_detail.html", context)


@inspector_required
def recommendation_edit(request, pk=None):
    recommendation = get_object_or_404(Recommendation, pk=pk) if pk else None
    if not recommendation and (missing := before_adding_a_recommendation()):
        messages.error(request, missing.message)
        return redirect("recommendations:list")
    initial = {"report": request.GET.get("report")} if not pk else None
    form = RecommendationForm(posted(request), instance=recommendation, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and (recommendation := save_unless_taken(form, lambda: saved(form)))
    ):
        messages.success(request, f"Recommendation {recommendation.reference} saved")
        return redirect(recommendation)
    title = f"Edit recommendation {recommendation.reference}" if recommendation else "Add a recommendation"
    back = recommendation.get_absolute_url() if recommendation else reverse("recommendations:list")
    return form_page(request, form, title=title, back_url=back)


def saved(form):
    return recommendation_save(recommendation=form.instance, forces=form.cleaned_data["forces"])
