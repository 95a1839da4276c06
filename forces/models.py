"""The police forces and other bodies the inspectorate inspects."""

from django.db import models
from django.urls import reverse

from core.history import AuditedModel, audit_history


class Force(AuditedModel):
    class Kind(models.TextChoices):
        TERRITORIAL = "territorial", "Territorial police force"
        NATIONAL = "national", "National body"
        OTHER = "other", "Other body"

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    country = models.CharField(max_length=60, blank=True)
    region = models.CharField(
        max_length=60, blank=True, help_text="Police region; blank for national and other bodies."
    )
    chief_officer_title = models.CharField(max_length=100, blank=True)
    governance_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body that oversees the force today, as a letter's 'Copied to' line names it.",
    )
    governance_changes = models.TextField(
        blank=True, help_text="Dated changes in governance, as recorded in the reference data."
    )
    ons_code = models.CharField("ONS police force area code", max_length=12, blank=True)
    chief_officer_email = models.EmailField("chief officer's office email", blank=True)
    governance_email = models.EmailField("governance body's email", blank=True)
    notes = models.TextField(blank=True)
    # What the reference CSV last said for each field it owns (load_forces): a field whose value differs
    # from it was edited in the service, and a later load keeps that edit.
    reference_values = models.JSONField(default=dict, blank=True, editable=False)

    history = audit_history()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["territorial", "national", "other"]), name="force_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forces:detail", args=[self.slug])

    @property
    def is_territorial(self):
        return self.kind == self.Kind.TERRITORIAL
