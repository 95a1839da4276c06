"""Inspector pages: schedule a review's publication; withdraw a published letter."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import inspector_required
from core.files import without_files
from core.forms import posted
from core.pages import form_page
from core.prerequisites import Missing
from reviews.access import get_review

from .forms import ScheduleForm, WithdrawForm
from .models import PublishedLetter
from .services import letter_withdraw, publication_schedule, publishable_letters

NOTHING_TO_PUBLISH = (
    "No issued letter is waiting to be published: a letter can be published once a signatory has issued it."
)


@inspector_required
def publications_for_review(request, pk):
    review = get_review(pk)
    publications = without_files(review.publications.all()).prefetch_related("letters__letter__force")
    publishable = publishable_letters(review).count()
    context = {
        "review": review,
        "publications": publications,
        "publishable": publishable,
        "before_publishing": None if publishable else before_publishing(review),
    }
    return render(request, "publications/manage_publications.html", context)


def before_publishing(review) -> Missing:
    """Only issued letters are published: the way to them is the review's letters waiting to be issued."""
    url = reverse("reviews:review-detail", args=[review.pk]) + "?status=approved"
    return Missing(NOTHING_TO_PUBLISH, "See the review's approved letters", url)


@inspector_required
def schedule(request, pk):
    review = get_review(pk)
    if not publishable_letters(review).exists():
        messages.error(request, NOTHING_TO_PUBLISH)
        return redirect("publications:manage", review.pk)
    form = ScheduleForm(posted(request), letters=publishable_letters(review))
    if request.method == "POST" and form.is_valid():
        try:
            publication = publication_schedule(
                review=review,
                letters=form.cleaned_data["letters"],
                release_at=form.release_at(),
                overview_title=form.cleaned_data["overview_title"],
                introduction=form.cleaned_data["introduction"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = publication.letters.count()
            when = f"{publication.release_at:%-d %B %Y at %H:%M}"
            messages.success(request, f"{count} letter{'s'[: count != 1]} will be published on {when}")
            return redirect("publications:manage", review.pk)
    return form_page(
        request,
        form,
        title="Schedule publication",
        caption=review.title,
        intro="The letters and the overview become public together at the release time, and not before.",
        back_url=review.get_absolute_url(),
    )


@inspector_required
def withdraw(request, pk):
    entry = get_object_or_404(PublishedLetter.objects.select_related("letter__force", "publication__review"), pk=pk)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        letter_withdraw(entry=entry, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, f"The letter to {entry.letter.force.name} has been withdrawn")
        return redirect("publications:manage", entry.publication.review_id)
    return form_page(
        request,
        form,
        title=f"Withdraw the letter to {entry.letter.force.name}",
        caption=entry.publication.review.title,
        intro="The letter's page stays, with a notice giving the date and your reason. It is never silently removed.",
        back_url=reverse("publications:manage", args=[entry.publication.review_id]),
    )
