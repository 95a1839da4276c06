"""What inspections found: the published reports, the topics they concern, their causes of concern."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.history import AuditedModel, audit_history


class InspectionReport(AuditedModel):
    class Scope(models.TextChoices):
        NATIONAL = "national", "National"
        FORCE = "force", "One force"

    title = models.CharField(max_length=300)
    programme = models.CharField(max_length=100, blank=True, help_text="For example PEEL.")
    published_on = models.DateField("publication date")
    url = models.URLField("link to the report", blank=True)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.NATIONAL)
    force = models.ForeignKey("forces.Force", on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    created_at = models.DateTimeField(auto_now_add=True)

    history = audit_history()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="national") & Q(force__isnull=True)) | (Q(scope="force") & Q(force__isnull=False)),
                name="report_force_iff_force_scope",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:report-detail", args=[self.pk])


class Topic(AuditedModel):
    """A subject of concern. Its name can change; search by any of its names finds it."""

    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = audit_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def name_on(self, day):
        """The name the topic had on a given day."""
        later = [rename for rename in self.renames.all() if rename.renamed_on > day]
        return min(later, key=lambda rename: rename.renamed_on).former_name if later else self.name

    @property
    def former_name(self):
        """The name before the latest rename, or '' if it was never renamed."""
        renames = sorted(self.renames.all(), key=lambda rename: rename.renamed_on)
        return renames[-1].former_name if renames else ""


class TopicRename(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="renames")
    former_name = models.CharField(max_length=200)
    new_name = models.CharField(max_length=200)
    renamed_on = models.DateField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["renamed_on"]

    def __str__(self):
        return f"{self.former_name} → {self.new_name} ({self.renamed_on:%B %Y})"


class CauseOfConcern(AuditedModel):
    report = models.ForeignKey(InspectionReport, on_delete=models.PROTECT, related_name="causes_of_concern")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="causes_of_concern")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    history = audit_history()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name_plural = "causes of concern"

    def __str__(self):
        return f"{self.topic}: {self.report}"
