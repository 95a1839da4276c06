"""Where each force stands in a review, computed in a fixed number of queries whatever the count."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from forces.models import Force

from .extensions import ROW_LOADERS
from .models import Assessment, Extension, Review, Submission, UploadReopening


class ForceStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    EXTENSION_GRANTED = "extension", "Extension granted"
    SUBMITTED_ON_TIME = "on_time", "Submitted on time"
    SUBMITTED_LATE = "late", "Submitted late"
    ASSESSED = "assessed", "Assessed"
    LETTER_DRAFTED = "drafted", "Letter drafted"
    LETTER_APPROVED = "approved", "Letter approved"
    LETTER_ISSUED = "issued", "Letter issued"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Letter withdrawn"


# Statuses at which the assessment is done; the letter's progress follows.
ASSESSED_OR_LATER = {
    ForceStatus.ASSESSED,
    ForceStatus.LETTER_DRAFTED,
    ForceStatus.LETTER_APPROVED,
    ForceStatus.LETTER_ISSUED,
    ForceStatus.PUBLISHED,
    ForceStatus.WITHDRAWN,
}
LETTER_STATUS = {
    "draft": ForceStatus.LETTER_DRAFTED,
    "approved": ForceStatus.LETTER_APPROVED,
    "issued": ForceStatus.LETTER_ISSUED,
}


STATUS_TAG_COLOURS = {
    ForceStatus.REQUESTED: "grey",
    ForceStatus.EXTENSION_GRANTED: "yellow",
    ForceStatus.SUBMITTED_ON_TIME: "blue",
    ForceStatus.SUBMITTED_LATE: "orange",
    ForceStatus.ASSESSED: "turquoise",
    ForceStatus.LETTER_DRAFTED: "purple",
    ForceStatus.LETTER_APPROVED: "pink",
    ForceStatus.LETTER_ISSUED: "green",
    ForceStatus.PUBLISHED: "blue",
    ForceStatus.WITHDRAWN: "red",
}


def today():
    return timezone.localdate()


def received_on(submission):
    return timezone.localdate(submission.received_at)


@dataclass
class ForceRow:
    review: Review
    force: Force
    submissions: list = field(default_factory=list)
    extension: Extension | None = None
    assessment: Assessment | None = None
    # Loaded by the letters app (reviews.extensions): the latest version of the force's letter,
    # and the latest version issued to it, if any.
    letter: Any = None
    issued_letter: Any = None
    reopening: UploadReopening | None = None  # the latest reopening of uploads, if any
    # Loaded by the publications app: what the public sees, a released letter that stands, or only
    # withdrawn ones (their notices).
    published: bool = False
    withdrawn: bool = False
    # Loaded by the reminders app: the reminders and chasers sent about the force's documents.
    reminders: list = field(default_factory=list)
    # Loaded by the letters app: the chasing letters drafted or sent to the force, oldest first.
    chase_letters: list = field(default_factory=list)

    @property
    def deadline(self) -> datetime.date:
        """The review's deadline, or the force's extension where one was granted."""
        return self.extension.new_deadline if self.extension else self.review.submission_deadline

    @property
    def first_received_on(self):
        return received_on(self.submissions[0]) if self.submissions else None

    @property
    def status(self):
        if self.published:
            return ForceStatus.PUBLISHED
        if self.withdrawn:
            return ForceStatus.WITHDRAWN
        if self.letter:
            return LETTER_STATUS[self.letter.state]
        if self.assessment:
            return ForceStatus.ASSESSED
        if self.submissions:
            on_time = self.first_received_on <= self.deadline
            return ForceStatus.SUBMITTED_ON_TIME if on_time else ForceStatus.SUBMITTED_LATE
        if self.extension:
            return ForceStatus.EXTENSION_GRANTED
        return ForceStatus.REQUESTED

    @property
    def status_label(self):
        if self.status == ForceStatus.ASSESSED and self.assessment is not None:
            return f"Assessed: {self.assessment.outcome.name}"
        return self.status.label

    @property
    def awaits_assessment(self):
        return bool(self.submissions) and self.assessment is None

    @property
    def awaits_letter(self):
        return self.assessment is not None and self.letter is None

    @property
    def letter_awaits_approval(self):
        return self.letter is not None and self.letter.state == "draft"

    @property
    def letter_ready_to_issue(self):
        return self.letter is not None and self.letter.state == "approved"

    @property
    def is_assessed(self):
        return self.status in ASSESSED_OR_LATER

    @property
    def tag_colour(self):
        return STATUS_TAG_COLOURS[self.status]

    @property
    def is_overdue(self):
        return not self.submissions and today() > self.deadline

    @property
    def assessment_locked(self):
        """Once the letter stating it is issued, the assessment changes only through a corrected letter."""
        return self.letter is not None and self.letter.is_issued

    @property
    def reopened(self):
        """The reopening in force: one made after the latest letter was issued (a later letter closes again)."""
        letter = self.issued_letter
        if self.reopening and letter and letter.issued_at and self.reopening.reopened_at > letter.issued_at:
            return self.reopening
        return None

    @property
    def closed_by_letter(self):
        """The force has its letter: uploads are closed unless the inspectorate reopened them."""
        return self.issued_letter is not None and self.reopened is None

    @property
    def uploads_close_on(self) -> datetime.date:
        return self.reopened.until if self.reopened else self.deadline

    @property
    def days_left(self):
        return (self.uploads_close_on - today()).days

    @property
    def time_left(self):
        if not self.may_upload:
            return "Deadline passed"
        return (
            "Last day today"
            if self.days_left == 0
            else f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"
        )

    @property
    def may_upload(self):
        """Liaison officers may add documents until the deadline (or extension) has passed, and not once the
        force's letter is issued, unless an inspector reopened uploads (then until the day they chose)."""
        return not self.closed_by_letter and today() <= self.uploads_close_on


def rows_for_reviews(reviews, force_ids=None):
    """A ForceRow per force per review, for many reviews, in a fixed number of queries."""
    reviews = list(reviews)
    review_ids = [review.pk for review in reviews]
    scope = {"review_id__in": review_ids}
    if force_ids is not None:
        scope["force_id__in"] = force_ids
    submissions = defaultdict(list)
    for submission in Submission.objects.filter(**scope).prefetch_related("documents"):
        submissions[submission.review_id, submission.force_id].append(submission)
    extensions = {(e.review_id, e.force_id): e for e in Extension.objects.filter(**scope)}
    assessments = {(a.review_id, a.force_id): a for a in Assessment.objects.filter(**scope).select_related("outcome")}
    reopenings = {
        (r.review_id, r.force_id): r
        for r in UploadReopening.objects.filter(**scope).select_related("reopened_by").order_by("reopened_at")
    }
    through = Review.forces.through.objects.filter(review_id__in=review_ids).select_related("force")
    if force_ids is not None:
        through = through.filter(force_id__in=force_ids)
    by_id = {review.pk: review for review in reviews}
    rows, by_key = defaultdict(list), {}
    for link in through.order_by("force__name"):
        key = (link.review_id, link.force_id)
        by_key[key] = ForceRow(
            review=by_id[link.review_id],
            force=link.force,
            submissions=submissions[key],
            extension=extensions.get(key),
            assessment=assessments.get(key),
            reopening=reopenings.get(key),
        )
        rows[link.review_id].append(by_key[key])
    for load in ROW_LOADERS:  # the stages of the apps above: letters, publication
        load(scope, by_key)
    return rows


def deadline_for(review, force) -> datetime.date:
    """The force's deadline in the review: its extension's, or the review's (one query)."""
    extension = Extension.objects.filter(review=review, force=force).first()
    return extension.new_deadline if extension else review.submission_deadline


def force_row(review, force):
    """The force's row in the review, or None when the review did not ask that force."""
    rows = rows_for_reviews([review], force_ids=[force.pk])[review.pk]
    return rows[0] if rows else None


def review_rows(review):
    return rows_for_reviews([review])[review.pk]


def status_counts(rows):
    counts = Counter(row.status for row in rows)
    return [(status, counts.get(status, 0)) for status in ForceStatus]
