"""A force's local policing body answers each inspection report on the force (Police Act 1996, section
55): within 56 days of publication it publishes its comments, having invited the chief officer's. Its
response, the chief officer's comments, answers per recommendation and documents are kept here and
published beside the report."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.files import StoredDocument
from forces.models import Force

RESPONSE_DAYS = 56


def response_due_on(published_on: datetime.date) -> datetime.date:
    return published_on + datetime.timedelta(days=RESPONSE_DAYS)


class Section55Response(models.Model):
    """Submitted once, through the service, and published at once: the body's own statutory comments."""

    report = models.ForeignKey("inspections.InspectionReport", on_delete=models.PROTECT, related_name="responses")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="section55_responses")
    chief_officer_comments = models.TextField(help_text="The chief officer's comments, as invited by the body.")
    response = models.TextField(help_text="The governance body's comments on the report.")
    due_on = models.DateField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["report", "force"], name="one_section55_response_per_force")]

    def __str__(self):
        return f"{self.force}: response to {self.report}"

    @property
    def submitted_on(self) -> datetime.date:
        return timezone.localdate(self.submitted_at)

    @property
    def days_late(self) -> int:
        return max((self.submitted_on - self.due_on).days, 0)


class Section55Answer(models.Model):
    """The body's answer to one of the report's recommendations."""

    response = models.ForeignKey(Section55Response, on_delete=models.CASCADE, related_name="answers")
    recommendation = models.ForeignKey("recommendations.Recommendation", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["recommendation__reference"]
        constraints = [
            models.UniqueConstraint(fields=["response", "recommendation"], name="one_answer_per_recommendation")
        ]

    def __str__(self):
        return f"Answer to {self.recommendation}"


class Section55Document(StoredDocument):
    response = models.ForeignKey(Section55Response, on_delete=models.PROTECT, related_name="documents")

    class Meta:
        ordering = ["pk"]
