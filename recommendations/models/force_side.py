"""The force's side of the register, kept apart from the inspectorate's status: its response to a
recommendation, its action plan with target dates, its progress updates with evidence, and its
claims that the recommendation is complete, each verified or returned by an inspector."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.files import StoredDocument
from forces.models import Force


class ForceResponse(models.Model):
    """What the force said of the recommendation. A changed position is a new response; the latest counts."""

    class Position(models.TextChoices):
        AGREED = "agreed", "Agreed"
        PARTLY_AGREED = "partly", "Partly agreed"
        NOT_AGREED = "not_agreed", "Not agreed"

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, related_name="force_responses"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=20, choices=Position.choices)
    reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(position="agreed") | ~Q(reasons=""), name="force_response_not_agreed_gives_reasons"
            ),
        ]

    def __str__(self):
        return f"{self.force} on {self.recommendation}: {self.get_position_display()}"


class Action(models.Model):
    """One action of the force's plan. Its original target date never changes; a revision moves the
    current one and is kept, with its reason, in TargetRevision."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, related_name="actions"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who in the force is responsible, for example a post.")
    original_target_date = models.DateField()
    target_date = models.DateField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["original_target_date", "pk"]

    def __str__(self):
        return self.description[:60]


class TargetRevision(models.Model):
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="revisions")
    previous_date = models.DateField()
    new_date = models.DateField()
    reason = models.TextField()
    revised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["revised_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="target_revision_gives_a_reason"),
            models.CheckConstraint(
                condition=~Q(new_date=models.F("previous_date")), name="target_revision_moves_the_date"
            ),
        ]

    def __str__(self):
        return f"{self.previous_date} → {self.new_date}"


class ProgressUpdate(models.Model):
    """What the force reports it has done, with evidence. One that claims completion waits for an
    inspector to verify it or return it."""

    class Decision(models.TextChoices):
        AWAITING = "awaiting", "Awaiting verification"
        VERIFIED = "verified", "Verified"
        RETURNED = "returned", "Returned"

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, related_name="progress_updates"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    claims_completion = models.BooleanField(default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["written_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claims_completion=True) | Q(decision=""), name="only_a_claim_is_decided"
            ),
            models.CheckConstraint(
                condition=~Q(decision="returned") | ~Q(decision_reason=""), name="returned_claim_gives_reasons"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", "awaiting"]) | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="decided_claim_names_who_and_when",
            ),
        ]

    def __str__(self):
        return f"{self.force} on {self.recommendation}, {self.written_at:%-d %B %Y}"

    @property
    def is_awaiting(self):
        return self.decision == self.Decision.AWAITING


class Evidence(StoredDocument):
    """A document attached to a progress update: checked by content, stored under a generated name."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.PROTECT, related_name="evidence")

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "evidence"
