"""A reminder or chaser sent: one row per event, so the daily job never sends the same one twice."""

from django.db import models
from django.utils import timezone

from forces.models import Force


class Reminder(models.Model):
    class Kind(models.TextChoices):
        SUBMISSION = "submission", "Review submission"
        SECTION_55 = "section55", "Section 55 response"
        TARGET = "target", "Action plan target date"
        CLAIM = "claim", "Claim awaiting verification"

    class Stage(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        CHASER = "chaser", "Chaser"

    # What the email is about and when: a revised target date or a new claim is a new event.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="reminders")
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="reminders"
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.PROTECT, null=True, blank=True, related_name="reminders"
    )
    due_on = models.DateField(help_text="The deadline the email is about.")
    sent_on = models.DateField(help_text="The day of the daily run that sent it.")
    delivery = models.ForeignKey("outbox.Delivery", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} sent {self.sent_on:%-d %B}"
