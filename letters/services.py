"""The actions on letters: draft, edit, approve, issue (once, frozen, its email queued), correct."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from outbox.services import Attachment, email_queue

from .compose import compose
from .markup import plain_text
from .models import Letter, LetterTemplate
from .pdf import render_pdf
from .presentation import issued_view, read_signature


def letter_draft(*, row, by) -> Letter:
    """A new draft for an assessed force, composed from the review's template."""
    if row.assessment is None:
        raise ValidationError(f"{row.force.name} has not been assessed yet.")
    template = LetterTemplate.objects.filter(review=row.review).first()
    if template is None:
        raise ValidationError("Write the review's letter template before drafting letters.")
    if row.assessment.letters.exists():
        raise ValidationError(f"{row.force.name} already has a letter.")
    heading, body = compose(template, row)
    return Letter.objects.create(
        assessment=row.assessment, review=row.review, force=row.force, heading=heading, body=body, drafted_by=by
    )


def letter_edit(*, letter, heading, body, by) -> Letter:
    """Editing an approved letter sends it back to draft: it needs approving again."""
    if not letter.is_editable:
        raise ValidationError("An issued letter cannot be changed. Make a corrected version instead.")
    letter.heading, letter.body = heading, body
    letter.state, letter.approved_by, letter.approved_at = Letter.State.DRAFT, None, None
    letter.save(update_fields=["heading", "body", "state", "approved_by", "approved_at"])
    return letter


def letter_approve(*, letter, by) -> Letter:
    if letter.state == Letter.State.APPROVED:
        return letter
    if letter.state != Letter.State.DRAFT or not by.is_inspector:
        raise ValidationError("Only a draft letter can be approved.")
    letter.state, letter.approved_by, letter.approved_at = Letter.State.APPROVED, by, timezone.now()
    letter.save(update_fields=["state", "approved_by", "approved_at"])
    return letter


def snapshot(letter, signatory, letter_date):
    """Copy onto the row everything the letter shows, as it is on the day it is issued."""
    force = letter.force
    letter.letter_date = letter_date
    letter.inspectorate_name = settings.INSPECTORATE_NAME
    letter.addressee_title = force.chief_officer_title
    letter.force_name = force.name
    letter.governance_title = force.governance_title
    letter.signatory_name = signatory.signatory_name
    letter.signatory_titles = "\n".join(signatory.title_line_list)
    letter.signature_png = read_signature(signatory)
    letter.sent_to = force.chief_officer_email
    letter.copied_to = force.governance_email


def letter_issue(*, letter, by, at=None) -> Letter:
    """Issue an approved letter once: freeze it, render its PDF once, store the bytes, queue its email.

    The row is locked first, so a double click or two signatories at once issue it only once. The email is
    recorded in the same transaction and sent by the worker: a mail server that is down delays it (the
    letter's page shows its state), it never undoes or blocks the issue.
    """
    if not by.is_signatory:
        raise PermissionDenied("Only a signatory can issue letters.")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("force", "review").get(pk=letter.pk)
        if letter.is_issued:
            return letter
        if letter.state != Letter.State.APPROVED:
            raise ValidationError("A letter must be approved before it is issued.")
        if not letter.force.chief_officer_email:
            raise ValidationError(f"Add the chief officer's email address for {letter.force.name} before issuing.")
        at = at or timezone.now()
        snapshot(letter, by, timezone.localdate(at))
        letter.pdf = render_pdf({"letter": issued_view(letter)})
        letter.pdf_sha256 = hashlib.sha256(letter.pdf).hexdigest()
        letter.state, letter.issued_by, letter.issued_at = Letter.State.ISSUED, by, at
        letter.save()
        email_letter(letter)
    return letter


def email_letter(letter):
    """The issued letter to the chief officer, copied to the governance body, with its PDF."""
    return email_queue(
        to=[letter.sent_to],
        cc=[letter.copied_to],
        subject=f"{letter.heading}: {letter.force_name}",
        body=f"Dear {letter.addressee_title}\n\nPlease find attached our letter of {letter.letter_date:%-d %B %Y}.\n\n"
        + plain_text(letter.body),
        attachment=Attachment(
            f"{letter.force.slug}-{letter.letter_date:%Y-%m-%d}.pdf", bytes(letter.pdf), "application/pdf"
        ),
        about=letter,
    )


@transaction.atomic
def letter_correct(*, letter, by) -> Letter:
    """A corrected version: a new draft that refers to the issued letter it replaces."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_issued:
        raise ValidationError("Only an issued letter can be corrected; edit the draft instead.")
    if hasattr(letter, "replaced_by"):
        raise ValidationError("This letter already has a corrected version.")
    latest = Letter.objects.filter(assessment=letter.assessment).aggregate(Max("version"))["version__max"]
    return Letter.objects.create(
        assessment=letter.assessment, review=letter.review, force=letter.force, version=latest + 1,
        replaces=letter, heading=letter.heading, body=letter.body, drafted_by=by,
    )  # fmt: skip
