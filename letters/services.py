"""The actions on letters: draft, edit, approve, issue (once, frozen, its email queued), correct."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.access import may_issue_letters
from accounts.models import User
from core.files import file_write
from forces.models import Force
from outbox.models import Delivery
from outbox.services import Attachment, email_queue
from reviews.models import Assessment, ElementJudgement, GroupedSentence, OutcomeCategory, Review
from reviews.status import deadline_for

from .access import approval_refusal
from .accuracy import accuracy_check_open, accuracy_refusal
from .addressees import addressees_on, names_office_holders
from .compose import compose
from .dated_names import as_on, inspectorate_name_on
from .limits import check_letter_text
from .markup import plain_text
from .models import Letter, LetterTemplate
from .notices import email_approval_notice
from .pdf import render_pdf
from .prerequisites import TEMPLATE_MISSING, before_issuing
from .presentation import issued_view, read_signature

LETTER_DATE_MAX_DAYS_AHEAD = 90


def letter_draft(*, review: Review, force: Force, by: User) -> Letter:
    """A new draft for an assessed force, composed from the review's template."""
    assessment = Assessment.objects.filter(review=review, force=force).select_related("outcome").first()
    if assessment is None:
        raise ValidationError(f"{force.name} has not been assessed yet.")
    template = LetterTemplate.objects.filter(review=review).first()
    if template is None:
        raise ValidationError(TEMPLATE_MISSING)
    if assessment.letters.exists():
        raise ValidationError(f"{force.name} already has a letter.")
    heading, body = compose(template, review, force, assessment, deadline_for(review, force))
    try:
        check_letter_text(body)
    except ValidationError as error:
        raise ValidationError(
            [f"The letter composed for {force.name} is too long: shorten the template or its sentences.", *error]
        ) from error
    try:
        with transaction.atomic():
            return Letter.objects.create(
                assessment=assessment, review=review, force=force, heading=heading, body=body, drafted_by=by
            )
    except IntegrityError:  # drafted by someone else (or by a bulk job) at the same moment
        raise ValidationError(f"{force.name} already has a letter.") from None


def check_letter_date(letter: Letter, day: datetime.date | None) -> datetime.date | None:
    """A letter is dated on or after the review's request and at most LETTER_DATE_MAX_DAYS_AHEAD ahead."""
    if day is None:
        return None
    request_date = letter.review.request_date
    if day < request_date:
        raise ValidationError(
            f"The letter date must be on or after the review's request date, {request_date:%-d %B %Y}"
        )
    latest = timezone.localdate() + datetime.timedelta(days=LETTER_DATE_MAX_DAYS_AHEAD)
    if day > latest:
        raise ValidationError(f"The letter date must be no later than {latest:%-d %B %Y}")
    return day


def letter_edit(
    *, letter: Letter, heading: str, body: str, letter_date: datetime.date | None = None, by: User
) -> Letter:
    """Save a change to a draft, recording who made it. Editing an approved letter sends it back to
    draft: it needs approving again (by someone else)."""
    if not letter.is_editable:
        raise ValidationError("An issued letter cannot be changed. Make a corrected version instead.")
    check_letter_date(letter, letter_date)
    check_letter_text(body)
    if (letter.heading, letter.body, letter.letter_date) == (heading, body, letter_date):
        return letter  # nothing changed: an approval stands
    letter.heading, letter.body, letter.letter_date = heading, body, letter_date
    letter.edited_by, letter.edited_at = by, timezone.now()
    letter.state, letter.approved_by, letter.approved_at = Letter.State.DRAFT, None, None
    letter.save(
        update_fields=[
            "heading",
            "body",
            "letter_date",
            "edited_by",
            "edited_at",
            "state",
            "approved_by",
            "approved_at",
        ]
    )
    return letter


def letter_approve(*, letter: Letter, by: User) -> Letter:
    """Approve a draft (by someone other than its last editor) and tell the review's lead signatory. Where the
    review asks for it, the approved letter goes to the force for a factual-accuracy check (letters.accuracy)."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("review__lead_signatory", "force").get(pk=letter.pk)
        if letter.state == Letter.State.APPROVED:
            return letter
        if refusal := approval_refusal(letter, by):
            raise ValidationError(refusal)
        letter.state, letter.approved_by, letter.approved_at = Letter.State.APPROVED, by, timezone.now()
        letter.save(update_fields=["state", "approved_by", "approved_at"])
        accuracy_check_open(letter)  # first, so that the notice can say the letter waits for the force's check
        email_approval_notice(letter)
    return letter


def snapshot(letter: Letter, signatory: User, letter_date: datetime.date) -> None:
    """Copy onto the row everything the letter shows, as it is on the day it is issued, in the names
    in force on the letter's date ('Her Majesty's' before 8 September 2022), naming the office holders in
    office on that date."""
    force = letter.force
    letter.letter_date = letter_date
    letter.inspectorate_name = inspectorate_name_on(letter_date)
    letter.addressee_title = force.chief_officer_title
    letter.force_name = force.name
    letter.governance_title = force.governance_title
    named = addressees_on(force, letter_date, by_name=names_office_holders(letter))
    letter.addressee_line, letter.copied_to_line = named.addressee_line, named.copied_to_line
    letter.outcome_name = letter.assessment.outcome.name
    letter.signatory_name = signatory.signatory_name
    letter.signatory_titles = "\n".join(as_on(line, letter_date) for line in signatory.title_line_list)
    if signature := read_signature(signatory):
        letter.signature_size, letter.signature_sha256 = file_write(letter.signature, signature, "signature.png")
    letter.sent_to = force.chief_officer_email
    letter.copied_to = force.governance_email


def issue_refusal(letter: Letter, at: datetime.datetime | None = None) -> str | None:
    """Why the letter cannot be issued now, or None. The confirmation page asks before offering the button."""
    if letter.state != Letter.State.APPROVED:
        return "A letter must be approved before it is issued."
    if missing := before_issuing(letter.force):
        return missing.message
    if refusal := accuracy_refusal(letter, at):
        return refusal
    issue_day = timezone.localdate(at or timezone.now())
    if letter.letter_date and letter.letter_date > issue_day:
        return (
            f"This letter is dated {letter.letter_date:%-d %B %Y}, after today. "
            "Issue it on that day, or change its date."
        )
    return None


def letter_issue(*, letter: Letter, by: User, at: datetime.datetime | None = None) -> Letter:
    """Issue an approved letter once: freeze it, render its PDF once, store the bytes, queue its email.

    The row is locked first, so a double click or two signatories at once issue it only once. The
    assessment is locked too, so that it cannot change while the letter that states it is issued.
    The letter keeps the date chosen on the draft, or takes the day it is issued. The email is
    recorded in the same transaction and sent by the worker: a mail server that is down delays it (the
    letter's page shows its state), it never undoes or blocks the issue.
    """
    if not may_issue_letters(by):
        raise PermissionDenied("Only a signatory can issue letters.")
    with transaction.atomic():
        Assessment.objects.select_for_update(of=("self",)).filter(pk=letter.assessment_id).first()
        letter = Letter.objects.select_for_update(of=("self",)).select_related("force", "review").get(pk=letter.pk)
        if letter.is_issued:
            return letter
        at = at or timezone.now()
        if refusal := issue_refusal(letter, at):
            raise ValidationError(refusal)
        snapshot(letter, by, letter.letter_date or timezone.localdate(at))
        pdf = render_pdf({"letter": issued_view(letter)})
        letter.pdf_size, letter.pdf_sha256 = file_write(letter.pdf, pdf, "letter.pdf")
        letter.state, letter.issued_by, letter.issued_at = Letter.State.ISSUED, by, at
        letter.save()
        email_letter(letter, pdf)
    return letter


def email_letter(letter: Letter, pdf: bytes) -> Delivery:
    """The issued letter to the chief officer, copied to the governance body, with its PDF (the bytes just
    stored, so they are not read back from storage)."""
    return email_queue(
        to=[letter.sent_to],
        cc=[letter.copied_to],
        subject=f"{letter.heading}: {letter.force_name}",
        body=f"Dear {letter.addressee_title}\n\nPlease find attached our letter of {letter.letter_date:%-d %B %Y}.\n\n"
        + plain_text(letter.body),
        attachment=Attachment(letter.filename, pdf, "application/pdf"),
        about=letter,
    )


@transaction.atomic
def letter_correct(*, letter: Letter, by: User) -> Letter:
    """A corrected version: a new draft that refers to the issued letter it replaces."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_issued:
        raise ValidationError("Only an issued letter can be corrected; edit the draft instead.")
    if hasattr(letter, "replaced_by"):
        raise ValidationError("This letter already has a corrected version.")
    latest = Letter.objects.filter(assessment=letter.assessment).aggregate(Max("version"))["version__max"]
    return Letter.objects.create(
        assessment=letter.assessment,
        review=letter.review,
        force=letter.force,
        version=latest + 1,
        replaces=letter,
        heading=letter.heading,
        body=letter.body,
        drafted_by=by,
    )


def template_save(*, template: LetterTemplate) -> LetterTemplate:
    """Save a review's letter template; drafts already made keep their text."""
    template.save()
    return template


def letter_text_save(*, part: ElementJudgement | OutcomeCategory) -> None:
    """Save what a letter says for a judgement (its sentence) or an outcome (its paragraph)."""
    part.save()


@transaction.atomic
def grouped_sentences_save(*, review: Review, sentences: dict[str, str]) -> None:
    """Save the sentence said once for the elements sharing each judgement label; a blank one is removed, so
    that those elements say their own sentences again. Labels not given keep theirs."""
    existing = {grouped.label: grouped for grouped in GroupedSentence.objects.select_for_update().filter(review=review)}
    for label, sentence in sentences.items():
        grouped = existing.get(label)
        if not sentence.strip():
            if grouped is not None:
                grouped.delete()
        elif grouped is None:
            GroupedSentence.objects.create(review=review, label=label, letter_sentence=sentence)
        elif grouped.letter_sentence != sentence:
            grouped.letter_sentence = sentence
            grouped.save(update_fields=["letter_sentence"])
