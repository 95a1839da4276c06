"""Opening a review of a recommendation: the forces asked, the dates, the lead signatory."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.pages import form_page
from recommendations.models import Recommendation
from recommendations.prerequisites import before_opening_a_review

from ..forms import ReviewOpenForm
from ..services import review_open


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
        return redirect("reviews:review-framework", review.pk)
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
