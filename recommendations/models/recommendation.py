"""A recommendation: what the inspectorate asked forces to do, and by when."""

import calendar
import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.history import AuditedModel, audit_history
from forces.models import Force


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day N months later, or the month's last day when it is shorter (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class Recommendation(AuditedModel):
    class Timescale(models.TextChoices):
        MONTHS_AFTER_PUBLICATION = "months", "A number of months after the report's publication"
        FIXED_DATE = "date", "A fixed date"

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_IMPROVEMENT = "afi", "Area for improvement"
        CAUSE_OF_CONCERN = "cause", "A cause of concern's recommendation"

    reference = models.SlugField(
        max_length=60,
        unique=True,
        help_text="A stable public reference used in links, for example peel-legitimacy-2016-r2.",
    )
    report = models.ForeignKey("inspections.InspectionReport", on_delete=models.PROTECT, related_name="recommendations")
    cause_of_concern = models.ForeignKey(
        "inspections.CauseOfConcern",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        help_text="Leave blank for an area for improvement that stands alone.",
    )
    topic = models.ForeignKey("inspections.Topic", on_delete=models.PROTECT, related_name="recommendations")
    text = models.TextField()
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION, help_text="What the report calls it."
    )
    is_priority = models.BooleanField(default=False)
    priority_reason = models.TextField(blank=True, help_text="Why it is a priority: shown with it.")
    timescale = models.CharField(max_length=10, choices=Timescale.choices)
    timescale_months = models.PositiveSmallIntegerField(null=True, blank=True)
    timescale_date = models.DateField(null=True, blank=True)
    applies_to_all_territorial_forces = models.BooleanField(default=True)
    forces = models.ManyToManyField(
        Force, blank=True, related_name="recommendations", help_text="The chosen forces, when not all."
    )
    due_on = models.DateField(
        null=True, editable=False, help_text="Kept from the timescale, for finding what is overdue."
    )
    open_deadline = models.DateField(
        null=True,
        editable=False,
        db_index=True,
        help_text="The earliest deadline of the forces still working on it (none once all are done), kept "
        "by the register's writes, so that finding what is overdue anywhere reads no entry.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = audit_history(m2m_fields=[forces], excluded_fields=["open_deadline"])

    class Meta:
        ordering = ["report", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        timescale="months",
                        timescale_months__isnull=False,
                        timescale_months__gte=1,
                        timescale_date__isnull=True,
                    )
                    | Q(timescale="date", timescale_date__isnull=False, timescale_months__isnull=True)
                ),
                name="recommendation_timescale_rule_complete",
            ),
            models.CheckConstraint(
                condition=Q(is_priority=False) | ~Q(priority_reason=""), name="priority_recommendation_gives_a_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind="cause") | Q(cause_of_concern__isnull=False),
                name="cause_of_concern_recommendation_names_its_cause",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.due_on = self.due_date
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "due_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("recommendations:detail", args=[self.pk])

    @property
    def title(self):
        """What people call it: its report, topic and timescale. The reference stays in addresses and data."""
        timescale = self.timescale_description
        return f"{self.report.title}: {self.topic.name}, {timescale[0].lower()}{timescale[1:]}"

    @property
    def due_date(self):
        if self.timescale == self.Timescale.MONTHS_AFTER_PUBLICATION and self.timescale_months is not None:
            return add_months(self.report.published_on, self.timescale_months)
        return self.timescale_date

    @property
    def timescale_description(self):
        if self.timescale == self.Timescale.MONTHS_AFTER_PUBLICATION:
            unit = "month" if self.timescale_months == 1 else "months"
            return f"Within {self.timescale_months} {unit} of publication"
        return f"By {self.timescale_date:%-d %B %Y}"

    def applicable_forces(self):
        if self.applies_to_all_territorial_forces:
            return Force.objects.filter(kind=Force.Kind.TERRITORIAL)
        return self.forces.all()
