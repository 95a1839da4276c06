"""The writes of the review machinery: open a review, its framework, submit, log, extend, reopen, assess.
Views call these for every write."""

import datetime
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.contacts import liaison_addresses
from accounts.models import User
from core import documents
from core.files import without_files
from core.history import bulk_create_audited
from forces.models import Force
from outbox.services import email_queue
from recommendations.models import Recommendation

from .models import (
    Assessment,
    AssessmentElement,
    AssessmentJudgement,
    Document,
    ElementJudgement,
    Extension,
    OutcomeCategory,
    Qualifier,
    Review,
    Submission,
    UploadReopening,
)
from .status import force_row, received_on

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def email_liaison_officers(
    force: Force, subject: str, template: str, context: dict[str, Any], *, about: models.Model
) -> None:
    """Queue one email to the force's liaison officers, in the caller's transaction (see outbox)."""
    recipients = liaison_addresses(force)
    if recipients:
        body = render_to_string(template, {**context, "force": force, "settings": settings})
        email_queue(to=recipients, subject=subject, body=body, about=about)


@transaction.atomic
def review_open(*, recommendation: Recommendation, by: User, forces: Iterable[Force], **fields: Any) -> Review:
    review = Review.objects.create(recommendation=recommendation, opened_by=by, **fields)
    review.forces.set(forces)
    email_review_opened(review)
    return review


def email_review_opened(review: Review) -> None:
    path = reverse("reviews:liaison-review", args=[review.pk])
    for force in review.forces.all():
        email_liaison_officers(
            force,
            f"Request for your force's plans: documents needed by {review.submission_deadline:%-d %B %Y}",
            "reviews/email/review_opened.txt",
            {"review": review, "url": absolute_url(path)},
            about=review,
        )


def store_documents(submission: Submission, checked_documents: Iterable[Any]) -> list[Document]:
    return documents.store_documents(checked_documents, lambda checked: Document(submission=submission))


class NotStored(ValidationError):
    """The documents could not be written (the disk is full, for example): nothing was kept."""


class AlreadyReceived(Exception):
    """The same form was sent before (a double click, a replay): nothing new was stored."""

    def __init__(self, submission: Submission) -> None:
        super().__init__("These documents have already been received.")
        self.submission = submission


def create_submission(
    *,
    review: Review,
    force: Force,
    by: User,
    channel: str,
    received_at: datetime.datetime,
    documents: Iterable[Any],
    covering_note: str,
    form_token: uuid.UUID | None = None,
) -> Submission:
    """Store a submission and its documents, once per form: a second post of the same form is refused."""
    if form_token and (earlier := Submission.objects.filter(form_token=form_token).first()):
        raise AlreadyReceived(earlier)
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                review=review,
                force=force,
                channel=channel,
                covering_note=covering_note,
                submitted_by=by,
                received_at=received_at,
                form_token=form_token,
            )
            store_documents(submission, documents)
            email_receipt(submission)
    except IntegrityError:  # the same form, posted at the same moment, won the race
        earlier = Submission.objects.filter(form_token=form_token).first() if form_token else None
        if earlier is None:
            raise
        raise AlreadyReceived(earlier) from None
    except OSError as error:
        logger.exception("Documents for %s could not be stored", force.name)
        raise NotStored(
            f"The service could not store the documents just now ({error.strerror or 'storage error'}), so nothing "
            f"was received. Choose the files again and send them later, or email them to {review.contact_name} at "
            f"{review.contact_email}."
        ) from error
    return submission


def submission_upload(
    *,
    review: Review,
    force: Force,
    by: User,
    documents: Iterable[Any],
    covering_note: str,
    form_token: uuid.UUID | None = None,
) -> Submission:
    """A liaison officer's upload: refused once the deadline (or the force's extension) has passed, or once
    the force's letter is issued (unless the inspectorate reopened uploads)."""
    if by.force_id != force.pk or (row := force_row(review, force)) is None:
        raise PermissionDenied
    if row.closed_by_letter and row.issued_letter is not None:
        raise ValidationError(
            f"Our letter to your force was issued on {row.issued_letter.letter_date:%-d %B %Y}, so uploads for "
            f"this request are closed. To send more, contact {row.review.contact_name} at "
            f"{row.review.contact_email}: the inspectorate can reopen them."
        )
    if not row.may_upload:
        raise ValidationError(
            f"The deadline for this request was {row.deadline:%-d %B %Y}. Documents can no longer be "
            f"uploaded: email them to {row.review.contact_name} at {row.review.contact_email}."
        )
    return create_submission(
        review=review,
        force=force,
        by=by,
        channel=Submission.Channel.UPLOAD,
        received_at=timezone.now(),
        documents=documents,
        covering_note=covering_note,
        form_token=form_token,
    )


def submission_log(
    *,
    review: Review,
    force: Force,
    by: User,
    received_on: datetime.date,
    documents: Iterable[Any],
    covering_note: str,
    form_token: uuid.UUID | None = None,
) -> Submission:
    """An inspector logs documents a force sent by email, with the date they arrived."""
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time()))
    return create_submission(
        review=review,
        force=force,
        by=by,
        channel=Submission.Channel.EMAIL,
        received_at=received_at,
        documents=documents,
        covering_note=covering_note,
        form_token=form_token,
    )


def email_receipt(submission: Submission) -> None:
    row_path = reverse("reviews:liaison-review", args=[submission.review_id])
    email_liaison_officers(
        submission.force,
        f"Receipt: {submission.documents.count()} document(s) received for {submission.review.title}",
        "reviews/email/receipt.txt",
        {
            "submission": submission,
            "received_on": received_on(submission),
            "documents": submission.documents.all(),
            "url": absolute_url(row_path),
        },
        about=submission,
    )


def extension_grant(*, review: Review, force: Force, new_deadline: datetime.date, reason: str, by: User) -> Extension:
    extension, _ = Extension.objects.update_or_create(
        review=review,
        force=force,
        defaults={
            "new_deadline": new_deadline,
            "reason": reason,
            "granted_by": by,
            "granted_at": timezone.now(),
        },
    )
    return extension


def assessment_record(
    *,
    review: Review,
    force: Force,
    outcome: OutcomeCategory,
    judgements: dict[Any, Any],
    notes: str,
    by: User,
    qualifier: Qualifier | None = None,
) -> Assessment:
    """Record the one assessment of a force in a review; a second one is refused."""
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                review=review,
                force=force,
                outcome=outcome,
                qualifier=qualifier,
                notes=notes,
                assessed_by=by,
                assessed_at=timezone.now(),
            )
            bulk_create_audited(
                AssessmentJudgement,
                [
                    AssessmentJudgement(assessment=assessment, element=element, judgement=judgement)
                    for element, judgement in judgements.items()
                ],
                by=by,
            )
    except IntegrityError as error:
        raise ValidationError(f"{force.name} has already been assessed in this review.") from error
    return assessment


class AssessmentLocked(ValidationError):
    """The letter that states the assessment has been issued: change it through a corrected letter."""

    def __init__(self) -> None:
        super().__init__(
            "The letter stating this assessment has been issued, so the assessment is locked. To change it, "
            "make a corrected version of the letter: the assessment can then be changed before it is issued."
        )


@transaction.atomic
def assessment_change(
    *,
    assessment: Assessment,
    outcome: OutcomeCategory,
    judgements: dict[Any, Any],
    notes: str,
    by: User,
    qualifier: Qualifier | None = None,
) -> Assessment:
    """Change an assessment, unless the latest version of its letter has been issued (locked with the row, so
    that an issue and a change at the same moment cannot both succeed)."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    latest_letter = without_files(assessment.letters.all()).order_by("-version").first()
    if latest_letter is not None and latest_letter.is_issued:
        raise AssessmentLocked()
    assessment.outcome = outcome
    assessment.qualifier = qualifier
    assessment.notes = notes
    assessment.assessed_by = by
    assessment.assessed_at = timezone.now()
    assessment.save(update_fields=["outcome", "qualifier", "notes", "assessed_by", "assessed_at"])
    for element, judgement in judgements.items():
        AssessmentJudgement.objects.update_or_create(
            assessment=assessment, element=element, defaults={"judgement": judgement}
        )
    return assessment


def uploads_reopen(*, review: Review, force: Force, until: datetime.date, reason: str, by: User) -> UploadReopening:
    """Let a force upload again after its letter was issued, until a day, for a reason kept on record."""
    row = force_row(review, force)
    if row is None or row.issued_letter is None:
        raise ValidationError(
            f"{force.name} has no issued letter, so its uploads are not closed: grant an extension instead."
        )
    if until < timezone.localdate():
        raise ValidationError("The last day for uploads must be today or later")
    if not reason.strip():
        raise ValidationError("Give the reason for reopening uploads")
    return UploadReopening.objects.create(
        review=review, force=force, until=until, reason=reason.strip(), reopened_by=by
    )


@transaction.atomic
def element_save(*, element: AssessmentElement, labels: list[str]) -> AssessmentElement:
    """Save an element and the judgements allowed for it, in the order given."""
    element.save()
    existing = {judgement.label: judgement for judgement in element.judgements.all()}
    for position, label in enumerate(labels):
        judgement = existing.pop(label, None) or ElementJudgement(element=element, label=label)
        judgement.position = position
        judgement.save()
    for unused in existing.values():
        try:
            unused.delete()
        except ProtectedError as error:
            raise ValidationError(
                f"‘{unused.label}’ is used in an assessment and cannot be removed. Change that assessment first."
            ) from error
    return element


def outcome_save(*, outcome: OutcomeCategory) -> OutcomeCategory:
    """Add or change one of a review's outcome categories."""
    outcome.save()
    return outcome


def qualifier_save(*, qualifier: Qualifier) -> Qualifier:
    """Add or change one of the qualifiers a review's assessments may choose for a force's plans."""
    qualifier.save()
    return qualifier
