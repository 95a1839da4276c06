"""Emails about letters other than the letter itself: telling the lead signatory a letter is ready to issue."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from outbox.services import email_queue
from reviews.services import absolute_url

logger = logging.getLogger(__name__)


def approval_notice(letter) -> dict | None:
    """The email telling the review's lead signatory that a letter awaits them; None when there is nobody to
    tell (no address, an inactive account, or the lead signatory approved it themselves)."""
    signatory = letter.review.lead_signatory
    if not signatory.is_active or not signatory.email or signatory.pk == letter.approved_by_id:
        return None
    context = {
        "letter": letter,
        "signatory": signatory,
        "issue_url": absolute_url(reverse("letters:issue", args=[letter.pk])),
        "letter_url": absolute_url(letter.get_absolute_url()),
        "settings": settings,
    }
    return {
        "subject": f"Letter ready to issue: {letter.force.name}, {letter.review.title}",
        "body": render_to_string("letters/email/letter_approved.txt", context),
        "to": [signatory.email],
    }


def email_approval_notice(letter):
    """Queue the notice in the approval's transaction; the worker sends it, retrying while mail is down.
    An address the outbox refuses does not undo the approval: it is logged."""
    notice = approval_notice(letter)
    if notice is None:
        return
    try:
        email_queue(**notice, about=letter)
    except ValidationError:
        logger.exception("Could not queue the approval notice of letter %s for its lead signatory", letter.pk)
