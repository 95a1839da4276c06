"""Inspector pages for recommendations, and opening a review of one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page

from ..forms import RecommendationForm, ReviewOpenForm
from ..models import Recommendation
from ..prerequisites import before_adding_a_recommendation, before_opening_a_review
from ..services import review_open


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
    if request.method == "POST" and form.is_valid() and (recommendation := save_unless_taken(form, form.save)):
        messages.success(request, f"Recommendation {recommendation.reference} saved")
        return redirect(recommendation)
    title = f"Edit recommendation {recommendation.reference}" if recommendation else "Add a recommendation"
    back = recommendation.get_absolute_url() if recommendation else reverse("recommendations:list")
    return form_page(request, form, title=title, back_url=back)


@inspector_required
def review_create(request, pk):
    recommendation = get_object_or_404(Recommendation.objects.select_related("report"), pk=pk)
    if missing := before_opening_a_review():
        messages.error(request, missing.message)
        return redirect(recommendation)
    form = ReviewOpenForm(posted(request), recommendation=recommendation)
    opening = request.method == "POST" and form.is_valid()
    if opening and (review := save_unless_taken(form, lambda: open_from(form, recommendation, request.user))):
        messages.success(request, f"Review opened: {review.forces.count()} forces have been emailed the request")
        return redirect("recommendations:review-framework", review.pk)
    return form_page(
        request,
        form,
        title="Open a review",
        caption=f"Recommendation {recommendation.reference}",
        intro="Each force asked is emailed what is needed and by when. Next you set the elements each plan "
        "is judged on and the outcome categories.",
        back_url=recommendation.get_absolute_url(),
    )


def open_from(form, recommendation, by):
    fields = {name: value for name, value in form.cleaned_data.items() if name not in ("scope", "chosen_forces")}
    return review_open(recommendation=recommendation, by=by, forces=form.forces(), **fields)
