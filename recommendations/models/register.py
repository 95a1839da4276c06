"""The register: where each recommendation stands at each force it applies to, as the inspectorate
judges it, each change dated, with who and why. Changes are only ever added (the database refuses to
change or delete one); the current status is the latest."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from forces.models import Force


class RegisterStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting", "Awaiting response"
    BEING_PROGRESSED = "progressed", "Being progressed"
    FORCE_REPORTS_COMPLETE = "force_complete", "Force reports complete"
    COMPLETE_VERIFIED = "verified", "Complete (verified)"
    CLOSED_SUPERSEDED = "superseded", "Closed: superseded"
    CLOSED_NO_LONGER_RELEVANT = "not_relevant", "Closed: no longer relevant"
    CLOSED_NOT_IMPLEMENTED = "not_implemented", "Closed: not implemented"


CLOSURES = {
    RegisterStatus.CLOSED_SUPERSEDED,
    RegisterStatus.CLOSED_NO_LONGER_RELEVANT,
    RegisterStatus.CLOSED_NOT_IMPLEMENTED,
}


# Statuses after which nothing is expected of the force: neither overdue nor on track.
OUTCOMES = CLOSURES | {RegisterStatus.COMPLETE_VERIFIED}


class StatusChange(models.Model):
    """One change of a recommendation's status at a force. Never edited: a correction is a new change."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, related_name="status_changes"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(max_length=20, choices=RegisterStatus.choices)
    changed_on = models.DateField(help_text="The day the status took effect.")
    reason = models.TextField(help_text="Why the status changed: shown on the timeline.")
    basis = models.TextField(blank=True, help_text="For a closure: the basis on which it is authorised.")
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence = models.TextField(blank=True, help_text="For a verified completion: what shows it.")
    internal_note = models.TextField(
        blank=True, help_text="For inspectorate staff only: never shown to forces or the public."
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_on", "recorded_at", "pk"]
        # The register's Atom feed reads the latest changes: found in this index, never by sorting them all.
        indexes = [models.Index(F("recorded_at").desc(), F("id").desc(), name="status_change_latest")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="status_change_gives_a_reason"),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(status.value for status in CLOSURES))
                | (~Q(basis="") & Q(authorised_by__isnull=False)),
                name="closure_has_a_basis_and_an_authoriser",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegisterStatus.COMPLETE_VERIFIED) | ~Q(evidence=""),
                name="verified_completion_names_its_evidence",
            ),
        ]

    def __str__(self):
        return f"{self.recommendation} at {self.force}: {self.get_status_display()}"


class RegisterEntry(models.Model):
    """Where one recommendation stands at one force now, kept beside the history it is read from so
    that register lists filter and page in one query. Written only by the register's services."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="entries"
    )
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="register_entries")
    status = models.CharField(max_length=20, choices=RegisterStatus.choices, default=RegisterStatus.AWAITING_RESPONSE)
    status_since = models.DateField(null=True, blank=True)
    response = models.CharField(max_length=20, blank=True, help_text="The force's latest response.")
    target_date = models.DateField(null=True, blank=True, help_text="The latest target date of the force's actions.")
    target_revisions = models.PositiveIntegerField(default=0)
    claim_awaiting = models.BooleanField(default=False)
    claimed_on = models.DateField(null=True, blank=True, help_text="When the force last reported it complete.")
    verified_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["force__name"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "force"], name="one_register_entry_per_force"),
        ]
        indexes = [models.Index(fields=["status", "force"]), models.Index(fields=["force", "status"])]

    def __str__(self):
        return f"{self.recommendation} at {self.force}: {self.get_status_display()}"

    @property
    def is_open(self):
        return self.status not in OUTCOMES
