"""Scheduling a review's publication, and withdrawing a published letter."""

import datetime
from collections.abc import Iterable
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from core.files import file_write, without_files
from core.history import bulk_create_audited
from letters.models import Letter
from letters.pdf import render_pdf
from reviews.models import Review

from .caching import generation_start
from .models import Publication, PublishedLetter
from .overview import Overview, standings_without_letters
from .queries import latest_public_entries
from .search import search_vectors_refresh, supersession_refresh


def publishable_letters(review: Review) -> QuerySet[Letter]:
    """Issued letters of the review not yet in any publication."""
    return without_files(
        Letter.objects.filter(review=review, state=Letter.State.ISSUED, publication_entry__isnull=True)
        .select_related("force", "assessment__outcome")
        .order_by("force__name", "version")
    )


@transaction.atomic
def publication_schedule(
    *,
    review: Review,
    letters: Iterable[Letter],
    release_at: datetime.datetime,
    overview_title: str,
    introduction: str,
    by: User,
) -> Publication:
    """Schedule letters (and the overview) for release; nothing is public until release_at.

    Everything is prepared now, the overview PDF included, so that at the release time the pages
    simply start showing it: no job has to run.
    """
    letters = list(letters)
    if not letters:
        raise ValidationError("Select at least one issued letter to publish.")
    Review.objects.select_for_update().filter(pk=review.pk).first()  # one scheduling of a review at a time
    if PublishedLetter.objects.filter(letter__in=letters).exists():
        raise ValidationError(
            "Some of these letters were already scheduled for publication, a moment ago perhaps: "
            "see the review's publication page."
        )
    if any(letter.state != Letter.State.ISSUED or letter.review_id != review.pk for letter in letters):
        raise ValidationError("Only this review's issued letters can be published.")
    entries = [
        PublishedLetter(
            letter=letter,
            letter_date=cast(datetime.date, letter.letter_date),  # an issued letter is dated (a constraint)
            force_id=letter.force_id,
            release_at=release_at,
            outcome_name=letter.assessment.outcome.name,
            outcome_position=letter.assessment.outcome.position,
        )
        for letter in letters
    ]
    publication = Publication(
        review=review, release_at=release_at, overview_title=overview_title, introduction=introduction, scheduled_by=by
    )
    if overview_title:
        overview_store(publication, overview_pdf_at(review, entries, release_at, overview_title, introduction))
    publication.save()
    for entry in entries:
        entry.publication = publication
    bulk_create_audited(PublishedLetter, entries, by=by)
    supersession_refresh(PublishedLetter, [review.pk])
    search_vectors_refresh(PublishedLetter, review_ids=[review.pk])
    transaction.on_commit(clear_public_pages)
    return publication


def overview_pdf_at(
    review: Review, entries: list[PublishedLetter], release_at: datetime.datetime, title: str, introduction: str
) -> bytes:
    """The overview as it will stand at release: every force asked, the letters public by then included."""
    replaced = {entry.letter.force_id for entry in entries}  # by the versions published now
    earlier = latest_public_entries(release_at).filter(letter__review=review).exclude(letter__force__in=replaced)
    shown = [*earlier, *entries]
    overview = Overview(
        review=review,
        entries=shown,
        title=title,
        introduction=introduction,
        published_on=timezone.localdate(release_at),
        others=standings_without_letters(review, shown),
    )
    return render_pdf({"overview": overview}, template="publications/overview_pdf.html")


@transaction.atomic
def letter_withdraw(*, entry: PublishedLetter, reason: str, by: User) -> PublishedLetter:
    """Withdraw a published letter: its page stays, with a public notice saying when and why."""
    entry = PublishedLetter.objects.select_for_update().get(pk=entry.pk)
    if entry.is_withdrawn:
        return entry
    if not reason.strip():
        raise ValidationError("Give the reason for withdrawing the letter: it is shown to the public.")
    entry.withdrawn_at, entry.withdrawal_reason, entry.withdrawn_by = timezone.now(), reason.strip(), by
    entry.save(update_fields=["withdrawn_at", "withdrawal_reason", "withdrawn_by"])
    supersession_refresh(PublishedLetter, [entry.letter.review_id])  # withdrawn before release: never public
    publication = entry.publication
    if publication.has_overview and publication.release_at > entry.withdrawn_at:
        overview_replace_before_release(publication)
    transaction.on_commit(clear_public_pages)
    return entry


def overview_replace_before_release(publication: Publication) -> None:
    """A letter withdrawn before release is never public: its overview is made again without it."""
    pdf = overview_pdf_at(
        publication.review, [], publication.release_at, publication.overview_title, publication.introduction
    )
    overview_store(publication, pdf)
    publication.save(update_fields=["overview_pdf", "overview_size", "overview_sha256"])


def overview_store(publication: Publication, pdf: bytes) -> None:
    """The overview's PDF in storage, under a new name each time: a replaced overview is never written over."""
    publication.overview_size, publication.overview_sha256 = file_write(publication.overview_pdf, pdf, "overview.pdf")


def clear_public_pages() -> None:
    """Every public page is built again on its next request, on every process sharing the cache."""
    generation_start()
