"""The publications' part of the review machinery, registered in reviews.extensions by
PublicationsConfig: what the public sees of each force's letter, and the review's publication history."""

from collections import defaultdict

from django.utils import timezone

from .models import Publication, PublishedLetter


def load_publication(scope, rows):
    """Whether the public sees a released letter that stands, or only withdrawn ones, in one query."""
    released = defaultdict(list)  # whether each released letter has been withdrawn since
    for review_id, force_id, withdrawn_at in (
        PublishedLetter.objects.public(timezone.now())
        .filter(**{f"letter__{name}": value for name, value in scope.items()})
        .values_list("letter__review_id", "letter__force_id", "withdrawn_at")
    ):
        released[review_id, force_id].append(withdrawn_at is not None)
    for key, withdrawals in released.items():
        if (row := rows.get(key)) is not None:
            row.published, row.withdrawn = not all(withdrawals), all(withdrawals)


def publication_history(review):
    return Publication.history.filter(review_id=review.pk)
