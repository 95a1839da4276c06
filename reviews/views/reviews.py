"""Inspector pages for a review: its force table, its assessment framework and the dashboard."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.forms import posted, save_unless_taken
from core.history import history_of
from core.pages import form_page

from .. import extensions
from ..access import get_review
from ..dashboard import Dashboard
from ..extensions import page_context
from ..forms import ElementForm, OutcomeCategoryForm, QualifierForm
from ..models import AssessmentElement, OutcomeCategory, Qualifier, Review
from ..prerequisites import before_assessing
from ..services import element_save, outcome_save, qualifier_save
from ..status import ForceStatus, rows_for_reviews, status_counts


def filter_rows(rows, status, region, overdue):
    if status:
        rows = [row for row in rows if row.status == status]
    if region:
        rows = [row for row in rows if row.force.region == region]
    if overdue:
        rows = [row for row in rows if row.is_overdue]
    return rows


@inspector_required
def review_detail(request, pk):
    review = get_review(pk)
    all_rows = rows_for_reviews([review])[review.pk]
    status, region = request.GET.get("status", ""), request.GET.get("region", "")
    overdue = request.GET.get("overdue") == "1"
    context = {
        "review": review,
        "rows": filter_rows(all_rows, status, region, overdue),
        "counts": status_counts(all_rows),
        "total": len(all_rows),
        "overdue_count": sum(row.is_overdue for row in all_rows),
        "statuses": ForceStatus.choices,
        "regions": sorted({row.force.region for row in all_rows if row.force.region}),
        "status": status,
        "region": region,
        "overdue": overdue,
        "history": review_history(review),
        "before_assessing": before_assessing(review),
        **page_context(extensions.REVIEW_PAGE, review, all_rows),
    }
    return render(request, "reviews/review_detail.html", context)


def review_history(review):
    return history_of(
        Review.history.filter(id=review.pk),
        AssessmentElement.history.filter(review_id=review.pk),
        OutcomeCategory.history.filter(review_id=review.pk),
        Qualifier.history.filter(review_id=review.pk),
        *(source(review) for source in extensions.REVIEW_HISTORY),
    )


@inspector_required
def dashboard(request):
    return render(request, "reviews/dashboard.html", {"dashboard": Dashboard.for_user(request.user)})


@inspector_required
def review_framework(request, pk):
    review = get_review(pk)
    elements = review.elements.prefetch_related("judgements")
    context = {
        "review": review,
        "elements": elements,
        "outcomes": review.outcome_categories.all(),
        "qualifiers": review.qualifiers.all(),
    }
    return render(request, "reviews/review_framework.html", context)


@inspector_required
def element_edit(request, review_pk=None, pk=None):
    element = get_object_or_404(AssessmentElement.objects.select_related("review"), pk=pk) if pk else None
    review = element.review if element else get_review(review_pk)
    form = ElementForm(posted(request), instance=element or AssessmentElement(review=review))
    if request.method == "POST" and form.is_valid() and save_element(form):
        messages.success(request, f"Element saved: {form.instance.name}")
        return redirect("reviews:review-framework", review.pk)
    title = "Edit element" if element else "Add an element"
    back = reverse("reviews:review-framework", args=[review.pk])
    return form_page(request, form, title=title, caption=review.title, back_url=back)


def save_element(form):
    """Save the element with its judgements; None, with the form saying why, when that cannot be done."""
    labels = form.cleaned_data["judgements"]
    try:
        return save_unless_taken(form, lambda: element_save(element=form.instance, labels=labels))
    except ValidationError as error:
        form.add_error("judgements", error)
        return None


@inspector_required
def outcome_edit(request, review_pk=None, pk=None):
    outcome = get_object_or_404(OutcomeCategory.objects.select_related("review"), pk=pk) if pk else None
    review = outcome.review if outcome else get_review(review_pk)
    form = OutcomeCategoryForm(posted(request), instance=outcome or OutcomeCategory(review=review))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_unless_taken(form, lambda: outcome_save(outcome=form.instance))
    ):
        messages.success(request, f"Outcome category saved: {form.instance.name}")
        return redirect("reviews:review-framework", review.pk)
    title = "Edit outcome category" if outcome else "Add an outcome category"
    back = reverse("reviews:review-framework", args=[review.pk])
    return form_page(request, form, title=title, caption=review.title, back_url=back)


@inspector_required
def qualifier_edit(request, review_pk=None, pk=None):
    qualifier = get_object_or_404(Qualifier.objects.select_related("review"), pk=pk) if pk else None
    review = qualifier.review if qualifier else get_review(review_pk)
    form = QualifierForm(posted(request), instance=qualifier or Qualifier(review=review))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_unless_taken(form, lambda: qualifier_save(qualifier=form.instance))
    ):
        messages.success(request, f"Qualifier saved: {form.instance.phrase}")
        return redirect("reviews:review-framework", review.pk)
    title = "Edit qualifier" if qualifier else "Add a qualifier"
    back = reverse("reviews:review-framework", args=[review.pk])
    return form_page(request, form, title=title, caption=review.title, back_url=back)
