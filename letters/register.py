"""Issued letters on the register's timeline: the evidence of a review's assessment at a force. Staff
and the force see each issued letter; the public sees letters once published (the public side adds those)."""

from django.urls import reverse
from django.utils import timezone

from recommendations.register import PUBLIC, STAFF, Event

from .models import Letter


def letter_events(recommendation, force, audience):
    if audience == PUBLIC:
        return []
    letters = Letter.objects.filter(
        review__recommendation=recommendation, force=force, state=Letter.State.ISSUED
    ).select_related("review")
    return [letter_event(letter, audience) for letter in letters]


def letter_event(letter, audience):
    url_name = "letters:detail" if audience == STAFF else "letters:liaison-pdf"
    version = f" (version {letter.version}, a correction)" if letter.version > 1 else ""
    issued_at = letter.issued_at or timezone.now()
    return Event(
        day=letter.letter_date or timezone.localdate(issued_at),
        side="inspectorate",
        title=f"Assessment letter issued{version}",
        text=f"The letter on {letter.review.title}: evidence of the review's assessment of the force.",
        url=reverse(url_name, args=[letter.pk]),
        link_text="Read the letter",
        order=(issued_at, 2, letter.pk),
    )
