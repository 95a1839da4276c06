"""The factual-accuracy check: a review may send each approved letter to the force as a draft, for the force
to comment on its facts paragraph by paragraph within a number of working days; the inspectorate answers each
comment, a second inspector signs the answers off, and only then (or once the deadline passes without
comments) may the letter be issued. Imported by letters.models, so the app's models stay in one place."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.files import StoredDocument
from core.history import AuditedModel, audit_history

MAX_WORKING_DAYS = 30


class AccuracyCheckRule(AuditedModel):
    """Whether the review's letters go to the forces for a factual-accuracy check, and for how long."""

    review = models.OneToOneField("reviews.Review", on_delete=models.CASCADE, related_name="accuracy_check_rule")
    enabled = models.BooleanField(default=True)
    working_days = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(MAX_WORKING_DAYS)]
    )
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    history = audit_history()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=MAX_WORKING_DAYS),
                name="accuracy_check_working_days_in_range",
            )
        ]

    def __str__(self):
        return f"Factual-accuracy check for {self.review}: {'on' if self.enabled else 'off'}"


class AccuracyCheck(AuditedModel):
    """One letter's check. It keeps the draft as sent to the force, so that paragraph numbers and the
    watermarked PDF stay as the force read them while the inspector edits the letter."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    letter = models.OneToOneField("letters.Letter", on_delete=models.PROTECT, related_name="accuracy_check")
    heading = models.CharField(max_length=300)
    body = models.TextField()
    working_days = models.PositiveSmallIntegerField()
    opened_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateField(help_text="The force may comment until the end of this day.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    history = audit_history()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["open", "closed"]), name="accuracy_check_state_valid"),
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="closed_accuracy_check_is_signed_off",
            ),
        ]

    def __str__(self):
        return f"Factual-accuracy check of {self.letter}"

    @property
    def is_closed(self):
        return self.state == self.State.CLOSED

    def deadline_passed(self, today=None):
        return (today or timezone.localdate()) > self.deadline

    def takes_comments(self, today=None):
        return not self.is_closed and not self.deadline_passed(today)


class AccuracyComment(AuditedModel):
    """The force's comment on one paragraph of the draft, and the inspectorate's answer to it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Awaiting a reply"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    accuracy_check = models.ForeignKey(AccuracyCheck, on_delete=models.PROTECT, related_name="comments")
    paragraph = models.PositiveSmallIntegerField(help_text="The paragraph's number in the draft sent, from 1.")
    text = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = audit_history()

    class Meta:
        ordering = ["paragraph", "made_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["pending", "accepted", "rejected"]), name="accuracy_comment_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending")
                | (Q(decided_by__isnull=False, decided_at__isnull=False) & ~Q(reason="")),
                name="decided_accuracy_comment_gives_reason",
            ),
            models.CheckConstraint(condition=Q(paragraph__gte=1), name="accuracy_comment_paragraph_from_one"),
        ]

    def __str__(self):
        return f"Comment on paragraph {self.paragraph}"

    @property
    def is_decided(self):
        return self.outcome != self.Outcome.PENDING


class AccuracyEvidence(StoredDocument):
    """A document the force sent with a comment: checked by content, stored under a generated name."""

    comment = models.ForeignKey(AccuracyComment, on_delete=models.PROTECT, related_name="evidence")

    class Meta:
        ordering = ["pk"]
