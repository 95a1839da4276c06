"""Published letters on the public register timeline: the public reads a force's assessment letter
there once it is released (staff and the force see it from its issue, through the letters app)."""

from django.urls import reverse
from django.utils import timezone

from recommendations.register import PUBLIC, Event

from .queries import latest_public_entries


def published_letter_events(recommendation, force, audience):
    if audience != PUBLIC:
        return []
    entries = latest_public_entries().filter(letter__review__recommendation=recommendation, letter__force=force)
    return [published_letter_event(entry) for entry in entries.filter(withdrawn_at__isnull=True)]


def published_letter_event(entry):
    letter = entry.letter
    released = entry.publication.release_at
    return Event(
        day=letter.letter_date or timezone.localdate(released),
        side="inspectorate",
        title="Assessment letter published",
        text=f"The letter on {letter.review.title}: evidence of the review's assessment of the force.",
        url=reverse("publications:letter", args=[letter.review.slug, letter.force.slug]),
        link_text="Read the letter",
        order=(released, 2, letter.pk),
    )
