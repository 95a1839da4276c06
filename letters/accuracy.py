"""The factual-accuracy check of a letter before issue: its rule per review, opening it when a letter is
approved, the force's comments, the inspectorate's replies, their sign-off by a second inspector, and the
rule that holds issuing back until the check is closed or its deadline has passed without comments."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.contacts import liaison_addresses
from accounts.models import User
from core.documents import CheckedDocument, store_documents
from outbox.services import email_queue
from reviews.models import Review
from reviews.services import absolute_url

from .markup import paragraphs, render_blocks
from .models import AccuracyCheck, AccuracyCheckRule, AccuracyComment, AccuracyEvidence, Letter
from .working_days import working_days_after

COMMENT_CHARACTERS = 5_000
REASON_CHARACTERS = 5_000


def accuracy_rule_set(*, review: Review, enabled: bool, working_days: int, by: User) -> AccuracyCheckRule:
    """Turn the check on or off for the review's letters approved from now on, with its length in working days."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff set a review's factual-accuracy check.")
    rule = AccuracyCheckRule.objects.filter(review=review).first() or AccuracyCheckRule(review=review)
    rule.enabled, rule.working_days, rule.changed_by, rule.changed_at = enabled, working_days, by, timezone.now()
    rule.full_clean()
    rule.save()
    return rule


def accuracy_check_open(letter: Letter) -> AccuracyCheck | None:
    """Called in the approval's transaction: when the review asks for it, the approved letter goes to the force
    as a draft, with a deadline in working days. Once per letter (an edit and a new approval keep the check);
    a corrected version of an issued letter is not checked again."""
    rule = AccuracyCheckRule.objects.filter(review_id=letter.review_id, enabled=True).first()
    if rule is None or letter.replaces_id is not None or AccuracyCheck.objects.filter(letter=letter).exists():
        return None
    opened_at = timezone.now()
    check = AccuracyCheck.objects.create(
        letter=letter,
        heading=letter.heading,
        body=letter.body,
        working_days=rule.working_days,
        opened_at=opened_at,
        deadline=working_days_after(timezone.localdate(opened_at), rule.working_days),
    )
    email_force(check, "letters/email/accuracy_check_opened.txt", "Draft letter for a factual-accuracy check")
    return check


def email_force(check: AccuracyCheck, template: str, subject: str) -> None:
    """Tell the force's liaison officers (in the caller's transaction). A force without any has nobody to
    tell: the check's page says so to the inspector."""
    letter = check.letter
    addresses = liaison_addresses(letter.force)
    if not addresses:
        return
    context = {
        "check": check,
        "letter": letter,
        "review": letter.review,
        "url": absolute_url(reverse("letters:liaison-accuracy", args=[check.pk])),
    }
    email_queue(
        to=addresses,
        subject=f"{subject}: {letter.review.title}",
        body=render_to_string(template, context),
        about=check,
    )


def check_paragraphs(check: AccuracyCheck) -> list[dict[str, Any]]:
    """The draft as sent, paragraph by paragraph: its number, its HTML, and the comments on it."""
    comments = list(check.comments.select_related("made_by", "decided_by").prefetch_related("evidence"))
    return [
        {"number": number, "html": html, "comments": [c for c in comments if c.paragraph == number]}
        for number, html in enumerate(render_blocks(check.body), start=1)
    ]


def paragraph_text(check: AccuracyCheck, number: int) -> str:
    blocks = paragraphs(check.body)
    if not 1 <= number <= len(blocks):
        raise ValidationError(f"The draft has no paragraph {number}.")
    return blocks[number - 1]


def accuracy_comment_add(
    *, check: AccuracyCheck, paragraph: int, text: str, documents: Iterable[CheckedDocument], by: User
) -> AccuracyComment:
    """The force's comment on one paragraph, with its evidence, until the end of the deadline day."""
    if not (by.is_liaison_officer and by.force_id == check.letter.force_id):
        raise PermissionDenied("Only the force's liaison officers comment on its draft letter.")
    paragraph_text(check, paragraph)
    if not text.strip():
        raise ValidationError("Enter your comment")
    if len(text) > COMMENT_CHARACTERS:
        raise ValidationError(f"A comment must be {COMMENT_CHARACTERS:,} characters or fewer")
    with transaction.atomic():
        check = AccuracyCheck.objects.select_for_update().get(pk=check.pk)
        if check.is_closed:
            raise ValidationError("The inspectorate has closed this check: comments can no longer be added.")
        if check.deadline_passed():
            raise ValidationError(
                f"The deadline for comments was {check.deadline:%-d %B %Y}: comments can no longer be added here."
            )
        comment = AccuracyComment.objects.create(
            accuracy_check=check, paragraph=paragraph, text=text.strip(), made_by=by
        )
        try:
            store_documents(documents, lambda checked: AccuracyEvidence(comment=comment))
        except OSError as error:
            raise ValidationError(
                f"The service could not store the evidence just now ({error.strerror or 'storage error'}), so the "
                "comment was not sent. Choose the files again and send it later."
            ) from error
    return comment


def accuracy_comment_decide(*, comment: AccuracyComment, outcome: str, reason: str, by: User) -> AccuracyComment:
    """The inspectorate's answer to one comment, with its reason. It may change until the reply is signed off."""
    if not by.is_inspector:
        raise PermissionDenied("Only inspectorate staff reply to a force's comments.")
    if outcome not in (AccuracyComment.Outcome.ACCEPTED, AccuracyComment.Outcome.REJECTED):
        raise ValidationError("Say whether the comment is accepted")
    if not reason.strip():
        raise ValidationError("Give the reason the force will read")
    if len(reason) > REASON_CHARACTERS:
        raise ValidationError(f"The reason must be {REASON_CHARACTERS:,} characters or fewer")
    with transaction.atomic():
        AccuracyCheck.objects.select_for_update().filter(pk=comment.accuracy_check_id).first()
        comment = AccuracyComment.objects.select_related("accuracy_check").get(pk=comment.pk)
        if comment.accuracy_check.is_closed:
            raise ValidationError("The reply to this check has been signed off: it can no longer change.")
        comment.outcome, comment.reason = outcome, reason.strip()
        comment.decided_by, comment.decided_at = by, timezone.now()
        comment.save(update_fields=["outcome", "reason", "decided_by", "decided_at"])
    return comment


def sign_off_refusal(check: AccuracyCheck, by: User) -> str | None:
    """Why `by` may not sign off the reply to the force's comments now, or None."""
    if not by.is_inspector:
        return "Only inspectorate staff sign off a reply to a force."
    if check.is_closed:
        return "The reply has already been signed off."
    comments = list(check.comments.all())
    if not comments:
        return "The force has not commented: there is no reply to sign off."
    if any(not comment.is_decided for comment in comments):
        return "Reply to every comment before the reply is signed off."
    if any(comment.decided_by_id == by.pk for comment in comments):
        return "You replied to comments in this check, so another inspector must sign the reply off."
    return None


def accuracy_check_sign_off(*, check: AccuracyCheck, by: User) -> AccuracyCheck:
    """A second inspector (none of those who replied) signs the reply off: the check closes, and the force is
    told it can read the outcome of each comment."""
    with transaction.atomic():
        check = AccuracyCheck.objects.select_for_update().get(pk=check.pk)  # the check's row, not its letter's
        if check.is_closed:
            return check
        if refusal := sign_off_refusal(check, by):
            raise ValidationError(refusal)
        check.state, check.signed_off_by, check.signed_off_at = AccuracyCheck.State.CLOSED, by, timezone.now()
        check.save(update_fields=["state", "signed_off_by", "signed_off_at"])
        email_force(check, "letters/email/accuracy_check_answered.txt", "Our reply to your factual-accuracy comments")
    return check


def accuracy_refusal(letter: Letter, at: datetime.datetime | None = None) -> str | None:
    """Why the letter's factual-accuracy check holds its issue back, or None. Closed: never. Open: until its
    deadline; after it, only while the force's comments await a signed-off reply."""
    try:
        check = letter.accuracy_check
    except AccuracyCheck.DoesNotExist:
        return None
    if check.is_closed:
        return None
    today = timezone.localdate(at or timezone.now())
    if not check.deadline_passed(today):
        return (
            f"{letter.force.name} is checking this letter's facts until {check.deadline:%-d %B %Y}. "
            "Issue it once the reply to its comments is signed off, or after that day if it makes none."
        )
    if check.comments.exists():
        return (
            f"{letter.force.name} commented on the facts of this letter: reply to each comment and have another "
            "inspector sign the reply off before issuing it."
        )
    return None
